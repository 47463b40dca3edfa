package nl.trajectorytracker.query.research;

import org.bson.Document;
import org.springframework.data.mongodb.core.MongoOperations;

import nl.trajectorytracker.query.readmodel.DocumentStore;

/**
 * The revision of the research read model: one document ({@code _id} {@value #ID}) in {@value #COLLECTION} that the
 * projection rewrites with every event it applies, within the event's batch and after the batch's other writes. Its
 * value is a keyed digest of the last event applied (its trajectory and sequence number): it changes whenever the
 * read model does, it is the same in a fresh replay of the same events under the same research key (so a rebuild
 * that changed nothing compares equal), and it differs under another key. Everything derived from the read model
 * and kept between requests (the summaries, released aggregates) is kept under the revision it was read at; every
 * instance on the database reads the revision by its {@code _id}, so one instance's projection invalidates every
 * instance's copies, and a rebuilt read model renamed over the live one brings its own revision.
 */
public final class ResearchRevision {

    public static final String COLLECTION = "research_revision";
    static final String ID = "revision";
    /** The revision of a read model that has applied no event (or was just reset). */
    static final String EMPTY = "empty";

    private final MongoOperations mongo;
    private final String collection;
    private final DocumentStore<Document> store;

    ResearchRevision(MongoOperations mongo, String collection) {
        this.mongo = mongo;
        this.collection = collection;
        this.store = new DocumentStore<>(mongo, Document.class, collection);
    }

    /** The read model changed by applying this event; written with the batch, after the writes made before it. */
    void applied(ResearchKeys keys, String trajectoryKey, long sequence) {
        store.save(new Document("_id", ID).append("value", keys.key("revision", trajectoryKey + "/" + sequence)));
    }

    void clear() {
        store.clear();
    }

    /** The revision stored now, read by {@code _id}. */
    String current() {
        Document revision = mongo.findById(ID, Document.class, collection);
        // a value a database write made no text is a revision like another: it only keys what was computed for it
        // (read as text, it answered every research view 500 until the next step)
        return revision == null ? EMPTY : String.valueOf(revision.get("value"));
    }
}
