package nl.trajectorytracker.query.replay;

import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.ToLongFunction;
import java.util.function.UnaryOperator;

import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.messaging.unitofwork.BatchingUnitOfWork;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.bson.Document;
import org.springframework.data.mapping.PersistentEntity;
import org.springframework.data.mongodb.core.BulkOperations;
import org.springframework.data.mongodb.core.BulkOperations.BulkMode;
import org.springframework.data.mongodb.core.FindAndReplaceOptions;
import org.springframework.data.mongodb.core.MongoOperations;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;


/**
 * The documents of one read model in one collection, found by {@code _id} only. A projection writes through a store,
 * so the same projection can also write into a scratch collection (for a consistency check).
 *
 * <p>
 * Inside a batch of events (an Axon {@link BatchingUnitOfWork}, as a streaming processor hands out) the store reads
 * and writes through a cache that lives as long as the batch: the first miss fetches the documents of every
 * trajectory in the batch with one {@code $in} on {@code _id}, and {@link BatchedWrites} writes the changed
 * documents with one bulk write before the batch's token is stored. A batch that fails leaves nothing behind and is
 * handled again. Outside a batch every call goes straight to MongoDB.
 */
public final class DocumentStore<T> {

    private final MongoOperations mongo;
    private final Class<T> type;
    private final String collection;
    private final String batchKey;

    public DocumentStore(MongoOperations mongo, Class<T> type, String collection) {
        this.mongo = mongo;
        this.type = type;
        this.collection = collection;
        this.batchKey = DocumentStore.class.getName() + "/" + collection;
    }

    public Optional<T> find(String id) {
        Batch batch = batch();
        return batch == null ? Optional.ofNullable(mongo.findById(id, type, collection)) : batch.find(id);
    }

    public void save(T document) {
        Batch batch = batch();
        if (batch == null) {
            mongo.save(document, collection);
        } else {
            batch.save(document);
        }
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
        Batch batch = batch();
        if (batch != null) {
            batch.forget();
        }
        mongo.remove(new Query(), collection);
    }

    public String collection() {
        return collection;
    }

    private Batch batch() {
        if (!CurrentUnitOfWork.isStarted()) {
            return null;
        }
        UnitOfWork<?> root = CurrentUnitOfWork.get().root();
        if (!(root instanceof BatchingUnitOfWork<?> batching)) {
            return null;
        }
        Batch batch = root.getResource(batchKey);
        if (batch == null) {
            batch = new Batch(batching);
            root.resources().put(batchKey, batch);
            BatchedWrites.of(root).add(batch::flush);
        }
        return batch;
    }

    private String idOf(T document) {
        if (document instanceof Document plain) {
            return String.valueOf(plain.get("_id"));
        }
        PersistentEntity<?, ?> entity = mongo.getConverter().getMappingContext().getRequiredPersistentEntity(type);
        return String.valueOf(entity.getIdentifierAccessor(document).getRequiredIdentifier());
    }

    private Document toDocument(T document) {
        if (document instanceof Document plain) {
            return plain;
        }
        Document target = new Document();
        mongo.getConverter().write(document, target);
        return target;
    }

    /** What one batch has read and written; the written documents are flushed together. */
    private final class Batch {

        private final BatchingUnitOfWork<?> unitOfWork;
        private final Map<String, Optional<T>> known = new HashMap<>();
        private final Set<String> changed = new LinkedHashSet<>();
        private boolean prefetched;

        Batch(BatchingUnitOfWork<?> unitOfWork) {
            this.unitOfWork = unitOfWork;
        }

        Optional<T> find(String id) {
            Optional<T> cached = known.get(id);
            if (cached != null) {
                return cached;
            }
            if (!prefetched) {
                prefetched = true;
                prefetch(id);
                cached = known.get(id);
                if (cached != null) {
                    return cached;
                }
            }
            Optional<T> found = Optional.ofNullable(mongo.findById(id, type, collection));
            known.put(id, found);
            return found;
        }

        /** One round trip for the documents of every aggregate in the batch that is not known yet. */
        private void prefetch(String wanted) {
            Set<String> ids = new LinkedHashSet<>();
            ids.add(wanted);
            for (var message : unitOfWork.getMessages()) {
                if (message instanceof DomainEventMessage<?> domain && !known.containsKey(
                        domain.getAggregateIdentifier())) {
                    ids.add(domain.getAggregateIdentifier());
                }
            }
            for (String id : ids) {
                known.put(id, Optional.empty());
            }
            for (T document : mongo.find(new Query(Criteria.where("_id").in(ids)), type, collection)) {
                known.put(idOf(document), Optional.of(document));
            }
        }

        void save(T document) {
            String id = idOf(document);
            known.put(id, Optional.of(document));
            changed.add(id);
        }

        void forget() {
            known.clear();
            changed.clear();
        }

        void flush() {
            if (changed.isEmpty()) {
                return;
            }
            BulkOperations writes = mongo.bulkOps(BulkMode.UNORDERED, collection);
            for (String id : changed) {
                Document document = toDocument(known.get(id).orElseThrow());
                writes.replaceOne(new Query(Criteria.where("_id").is(document.get("_id"))), document,
                        FindAndReplaceOptions.options().upsert());
            }
            writes.execute();
            changed.clear();
        }
    }
}
