package nl.trajectorytracker.query.research;

import java.time.Instant;
import java.util.List;

import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.mapping.Document;

/**
 * A research study: what it is for, its minimum group size {@code k}, which event types and step fields it may see
 * (empty: all), and its own random secret, the key of its pseudonyms, stored only sealed under the server's research
 * key ({@link ResearchKeys#seal}, bound to the study's id). The secret never leaves the server.
 */
@Document(Study.COLLECTION)
public record Study(
        @Id String id,
        String name,
        String purpose,
        int k,
        List<String> eventTypes,
        List<String> fields,
        String sealedSecret,
        Instant createdAt,
        String createdBy) {

    public static final String COLLECTION = "research_studies";

    public Study {
        eventTypes = eventTypes == null ? List.of() : List.copyOf(eventTypes);
        fields = fields == null ? List.of() : List.copyOf(fields);
    }

    /**
     * The context a study's secret was sealed in before its settings were bound to it: its id, so that a sealed
     * secret cannot serve another study.
     */
    static String secretContext(String id) {
        return "study-secret/" + id;
    }

    /**
     * The context a study's secret is sealed in: its id and every setting that decides what it releases ({@code k},
     * the event types and fields it sees). A setting changed in the database, k lowered to 1 say, no longer opens
     * the secret, and the study answers nothing (where it released cells of one trajectory).
     */
    String boundContext() {
        return boundContext(id, k, eventTypes, fields);
    }

    static String boundContext(String id, int k, List<String> eventTypes, List<String> fields) {
        return "study-secret/" + id + "|k=" + k + "|eventTypes=" + String.join(",", eventTypes) + "|fields="
                + String.join(",", fields);
    }

    /** The study's secret (base64), opened with the server's research key. */
    String secret(ResearchKeys keys) {
        return keys.open(boundContext(), sealedSecret);
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
