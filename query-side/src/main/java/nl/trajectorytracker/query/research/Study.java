package nl.trajectorytracker.query.research;

import java.time.Instant;
import java.util.List;

import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.mapping.Document;

/**
 * A research study: what it is for, its minimum group size {@code k}, which event types and step fields it may see
 * (empty: all), and its own random secret, the key of its pseudonyms. The secret never leaves the server.
 */
@Document(Study.COLLECTION)
public record Study(
        @Id String id,
        String name,
        String purpose,
        int k,
        List<String> eventTypes,
        List<String> fields,
        String secret,
        Instant createdAt,
        String createdBy) {

    public static final String COLLECTION = "research_studies";

    public Study {
        eventTypes = eventTypes == null ? List.of() : List.copyOf(eventTypes);
        fields = fields == null ? List.of() : List.copyOf(fields);
    }

    public boolean allowsEventType(String type) {
        return eventTypes.isEmpty() || eventTypes.contains(type);
    }

    /** Free-text-like tags are shown only when the study lists them; other fields when the list is empty or names them. */
    public boolean allowsField(String field) {
        if (fields.isEmpty()) {
            return !field.equals("tag");
        }
        return fields.contains(field);
    }

    /** What administrators and researchers see of a study: everything but the secret. */
    public StudyView view() {
        return new StudyView(id, name, purpose, k, eventTypes, fields, createdAt);
    }
}
