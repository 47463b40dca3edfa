package nl.trajectorytracker.query.phasestate;

import java.time.Instant;
import java.util.Map;
import java.util.Optional;

import org.bson.Document;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.stereotype.Component;

import nl.trajectorytracker.query.replay.DocumentStore;

/**
 * The phase-state read model: one document per trajectory, {@code _id} = the trajectory id, holding the version
 * (sequence number of the last event applied), the last event's type and time, and the folded state. Every read
 * and write is an {@code _id} look-up.
 */
@Component
public class PhaseStateDocuments {

    static final String COLLECTION = "phase_state";

    private final DocumentStore<Document> documents;

    public PhaseStateDocuments(MongoTemplate mongo) {
        this.documents = new DocumentStore<>(mongo, Document.class, COLLECTION);
    }

    /** The stored state of one trajectory with the last event it includes. */
    public record Stored(PhaseState state, LastEvent lastEvent) {
    }

    public Optional<Stored> find(String trajectoryId) {
        Document document = documents.find(trajectoryId).orElse(null);
        if (document == null) {
            return Optional.empty();
        }
        @SuppressWarnings("unchecked")
        Map<String, Object> state = (Map<String, Object>) document.get("state");
        Document last = document.get("lastEvent", Document.class);
        LastEvent lastEvent = last == null ? null : new LastEvent(((Number) last.get("sequence")).longValue(),
                last.getString("type"), last.getString("timestamp") == null ? null
                        : Instant.parse(last.getString("timestamp")));
        return Optional.of(new Stored(PhaseStateJson.fromMap(toPlain(state)), lastEvent));
    }

    public void save(PhaseState state, LastEvent lastEvent) {
        Document document = new Document("_id", state.trajectoryId())
                .append("version", state.version())
                .append("lastEvent", new Document("sequence", lastEvent.sequence())
                        .append("type", lastEvent.type())
                        .append("timestamp", lastEvent.timestamp() == null ? null : lastEvent.timestamp().toString()))
                .append("state", new Document(PhaseStateJson.toMap(state)));
        documents.save(document);
    }

    public void deleteAll() {
        documents.clear();
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> toPlain(Map<String, Object> map) {
        return (Map<String, Object>) PhaseStateJson.plain(PhaseStateJson.toTree(map));
    }
}
