package nl.trajectorytracker.query.research;

import java.time.Instant;
import java.util.Map;

import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.mapping.Document;

/** A record of one release of study data: who asked, when, for what, in which format, and how many rows left. */
@Document(StudyExport.COLLECTION)
public record StudyExport(
        @Id String id,
        String studyId,
        String researcher,
        Instant at,
        String what,
        Map<String, String> filter,
        String format,
        int rows,
        int suppressed) {

    public static final String COLLECTION = "research_exports";
}
