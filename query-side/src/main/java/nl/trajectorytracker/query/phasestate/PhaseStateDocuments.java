package nl.trajectorytracker.query.phasestate;

import java.time.Instant;
import java.util.Collections;
import java.util.Map;
import java.util.Optional;

import org.bson.Document;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.mongodb.core.MongoOperations;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.stereotype.Component;

import nl.trajectorytracker.query.replay.DocumentStore;
import nl.trajectorytracker.query.replay.LeastRecentlyUsed;

/**
 * The phase-state read model: one document per trajectory, {@code _id} = the trajectory id, holding the version
 * (sequence number of the last event applied), the last event's type and times, and the folded state; lists longer
 * than {@value #LIST_BUCKET} items keep their older items in {@code phase_state_buckets}. Every read and write is an
 * {@code _id} look-up.
 */
@Component
public class PhaseStateDocuments {

    static final String COLLECTION = "phase_state";

    /** How many trajectories' states stay decoded between batches; each is checked against its stored version. */
    private static final int REMEMBERED_STATES = 2_000;

    /** Lists (notes, decisions, ...) longer than this are stored in buckets of this many items. */
    private static final int LIST_BUCKET = 32;

    private final DocumentStore<Stored> documents;

    @Autowired
    public PhaseStateDocuments(MongoTemplate mongo) {
        this(mongo, COLLECTION);
    }

    /** The documents kept in another collection: a fresh copy of the read model, as the consistency check makes. */
    PhaseStateDocuments(MongoOperations mongo, String collection) {
        this.documents = new DocumentStore<>(mongo, collection, new StoredCodec())
                .remembering(REMEMBERED_STATES, "version", stored -> stored.state().version())
                .splittingListsLongerThan(LIST_BUCKET);
    }

    /** The stored state of one trajectory with the last event it includes. */
    public record Stored(PhaseState state, LastEvent lastEvent) {
    }

    public Optional<Stored> find(String trajectoryId) {
        return documents.find(trajectoryId);
    }

    public void save(PhaseState state, LastEvent lastEvent) {
        documents.save(new Stored(state, lastEvent));
    }

    public void deleteAll() {
        documents.clear();
    }

    /**
     * The folded state as JSON-like maps, with the version and last event beside it for queries. The states of the
     * trajectories written lately are converted incrementally: only the items their lists gained.
     */
    private static final class StoredCodec implements DocumentStore.Codec<Stored> {

        private final Map<String, PhaseStateJson.Incremental> converters = Collections.synchronizedMap(
                LeastRecentlyUsed.map(REMEMBERED_STATES));

        @Override
        public String id(Stored value) {
            return value.state().trajectoryId();
        }

        @Override
        public Document write(Stored value) {
            LastEvent lastEvent = value.lastEvent();
            return new Document("_id", value.state().trajectoryId())
                    .append("version", value.state().version())
                    .append("lastEvent", new Document("sequence", lastEvent.sequence())
                            .append("type", lastEvent.type())
                            .append("occurredAt", text(lastEvent.occurredAt()))
                            .append("recordedAt", text(lastEvent.recordedAt())))
                    .append("state", new Document(converters
                            .computeIfAbsent(value.state().trajectoryId(), id -> new PhaseStateJson.Incremental())
                            .toMap(value.state())));
        }

        @Override
        public Stored read(Document document) {
            @SuppressWarnings("unchecked")
            Map<String, Object> state = (Map<String, Object>) document.get("state");
            Document last = document.get("lastEvent", Document.class);
            LastEvent lastEvent = last == null ? null : new LastEvent(((Number) last.get("sequence")).longValue(),
                    last.getString("type"), instant(last.getString("occurredAt")),
                    instant(last.getString("recordedAt")));
            return new Stored(PhaseStateJson.fromMap(toPlain(state)), lastEvent);
        }
    }

    private static String text(Instant instant) {
        return instant == null ? null : instant.toString();
    }

    private static Instant instant(String text) {
        return text == null ? null : Instant.parse(text);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> toPlain(Map<String, Object> map) {
        return (Map<String, Object>) PhaseStateJson.plain(PhaseStateJson.toTree(map));
    }
}
