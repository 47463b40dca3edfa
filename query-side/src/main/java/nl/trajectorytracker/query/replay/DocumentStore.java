package nl.trajectorytracker.query.replay;

import java.util.function.ToLongFunction;
import java.util.function.UnaryOperator;

import java.util.Optional;

import org.springframework.data.mongodb.core.MongoOperations;
import org.springframework.data.mongodb.core.query.Query;

/**
 * The documents of one read model in one collection, found by {@code _id} only. A projection writes through a store,
 * so the same projection can also write into a scratch collection (for a consistency check).
 */
public final class DocumentStore<T> {

    private final MongoOperations mongo;
    private final Class<T> type;
    private final String collection;

    public DocumentStore(MongoOperations mongo, Class<T> type, String collection) {
        this.mongo = mongo;
        this.type = type;
        this.collection = collection;
    }

    public Optional<T> find(String id) {
        return Optional.ofNullable(mongo.findById(id, type, collection));
    }

    public void save(T document) {
        mongo.save(document, collection);
    }

    /**
     * Applies a change to a document and saves it, unless the document does not exist or has applied this event (or
     * a later one) already: what makes every projection idempotent under replays and redeliveries.
     */
    public void updateIfNewer(String id, long sequence, ToLongFunction<T> appliedUpTo, UnaryOperator<T> change) {
        find(id).filter(document -> sequence > appliedUpTo.applyAsLong(document))
                .map(change)
                .ifPresent(this::save);
    }

    public void clear() {
        mongo.remove(new Query(), collection);
    }

    public String collection() {
        return collection;
    }
}
