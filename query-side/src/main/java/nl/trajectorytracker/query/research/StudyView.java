package nl.trajectorytracker.query.research;

import java.time.Instant;
import java.util.List;

/** A study without its secret. */
public record StudyView(String id, String name, String purpose, int k, List<String> eventTypes, List<String> fields,
        Instant createdAt) {
}
