package nl.trajectorytracker.query.research;

import java.util.List;

/** Body of {@code POST /api/admin/studies}; {@code k} defaults to 5, empty lists mean everything structured. */
public record StudyRequest(String name, String purpose, Integer k, List<String> eventTypes, List<String> fields) {
}
