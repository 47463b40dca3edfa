package nl.trajectorytracker.query.readmodel;

import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.ToLongFunction;
import java.util.function.UnaryOperator;

import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.messaging.unitofwork.BatchingUnitOfWork;
import org.bson.Document;
import org.springframework.dao.DataAccessException;
import org.springframework.data.mapping.PersistentEntity;
import org.springframework.data.mongodb.core.BulkOperations;
import org.springframework.data.mongodb.core.BulkOperations.BulkMode;
import org.springframework.data.mongodb.core.FindAndReplaceOptions;
import org.springframework.data.mongodb.core.MongoOperations;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoBulkWriteException;

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

    /** How a value of the read model is stored as a document. */
    public interface Codec<T> {

        String id(T value);

        Document write(T value);

        T read(Document document);
    }

    private final MongoOperations mongo;
    private final Codec<T> codec;
    private final String collection;
    private final String batchKey;
    private final boolean writtenOnce;
    private final UnaryOperator<String> idOfAggregate;

    /** Values of a class that Spring Data maps (with an {@code @Id}), or plain {@link Document}s. */
    public DocumentStore(MongoOperations mongo, Class<T> type, String collection) {
        this(mongo, collection, mapped(mongo, type), false, UnaryOperator.identity());
    }

    public DocumentStore(MongoOperations mongo, String collection, Codec<T> codec) {
        this(mongo, collection, codec, false, UnaryOperator.identity());
    }

    private DocumentStore(MongoOperations mongo, String collection, Codec<T> codec, boolean writtenOnce,
            UnaryOperator<String> idOfAggregate) {
        this.mongo = mongo;
        this.codec = codec;
        this.collection = collection;
        this.batchKey = DocumentStore.class.getName() + "/" + collection;
        this.writtenOnce = writtenOnce;
        this.idOfAggregate = idOfAggregate;
    }

    /**
     * The same store, for documents that are written once and never changed: a batch inserts them, and a document
     * that is there already (an event handled again) is left as it is, since the same event wrote it.
     */
    public DocumentStore<T> writtenOnce() {
        return new DocumentStore<>(mongo, collection, codec, true, idOfAggregate);
    }

    /**
     * The same store, for documents whose id is not the aggregate's identifier but a function of it (a keyed hash,
     * say): a batch then fetches the documents of its aggregates by the ids this function gives.
     */
    public DocumentStore<T> keyedBy(UnaryOperator<String> idOfAggregate) {
        return new DocumentStore<>(mongo, collection, codec, writtenOnce, idOfAggregate);
    }

    public Optional<T> find(String id) {
        Batch batch = batch();
        if (batch != null) {
            return batch.find(id);
        }
        Document document = mongo.findById(id, Document.class, collection);
        return Optional.ofNullable(document).map(codec::read);
    }

    public void save(T value) {
        Batch batch = batch();
        if (batch != null) {
            batch.save(value);
        } else {
            mongo.save(codec.write(value), collection);
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

    /**
     * The documents with these ids, all in one reply: without a batch size MongoDB answers the first 101 and the
     * rest on another round trip.
     */
    private static Query byIds(Collection<String> ids) {
        return new Query(Criteria.where("_id").in(ids)).cursorBatchSize(Math.max(1, ids.size()));
    }

    /** Whether every document a bulk insert refused was refused for an {@code _id} stored already. */
    private static boolean onlyStoredAlready(DataAccessException e) {
        return e.getCause() instanceof MongoBulkWriteException refused && refused.getWriteConcernError() == null
                && refused.getWriteErrors().stream().allMatch(
                        error -> ErrorCategory.fromErrorCode(error.getCode()) == ErrorCategory.DUPLICATE_KEY);
    }

    private Batch batch() {
        return BatchedWrites.forCurrentBatch(batchKey, Batch::new);
    }

    private static <T> Codec<T> mapped(MongoOperations mongo, Class<T> type) {
        if (type == Document.class) {
            @SuppressWarnings("unchecked")
            Codec<T> plain = (Codec<T>) new Codec<Document>() {
                @Override
                public String id(Document value) {
                    return String.valueOf(value.get("_id"));
                }

                @Override
                public Document write(Document value) {
                    return value;
                }

                @Override
                public Document read(Document document) {
                    return document;
                }
            };
            return plain;
        }
        return new Codec<>() {
            @Override
            public String id(T value) {
                PersistentEntity<?, ?> entity = mongo.getConverter().getMappingContext()
                        .getRequiredPersistentEntity(type);
                return String.valueOf(entity.getIdentifierAccessor(value).getRequiredIdentifier());
            }

            @Override
            public Document write(T value) {
                Document target = new Document();
                mongo.getConverter().write(value, target);
                return target;
            }

            @Override
            public T read(Document document) {
                return mongo.getConverter().read(type, document);
            }
        };
    }

    /** What one batch has read and written; the written documents are flushed together. */
    private final class Batch implements Runnable {

        private final BatchingUnitOfWork<?> unitOfWork;
        private final Map<String, Optional<T>> known = new HashMap<>();
        private final Set<String> changed = new LinkedHashSet<>();
        private boolean prefetched;

        Batch(BatchingUnitOfWork<?> unitOfWork) {
            this.unitOfWork = unitOfWork;
        }

        Optional<T> find(String id) {
            if (!known.containsKey(id)) {
                read(prefetched ? Set.of(id) : idsInBatch(id));
                prefetched = true;
            }
            return known.get(id);
        }

        /** The wanted id and those of every other trajectory of the batch not read yet: one round trip for all. */
        private Set<String> idsInBatch(String wanted) {
            Set<String> ids = new LinkedHashSet<>();
            ids.add(wanted);
            for (var message : unitOfWork.getMessages()) {
                if (message instanceof DomainEventMessage<?> domain) {
                    String id = idOfAggregate.apply(domain.getAggregateIdentifier());
                    if (!known.containsKey(id)) {
                        ids.add(id);
                    }
                }
            }
            return ids;
        }

        /** Reads the documents with these ids; an id without a document is known absent. */
        private void read(Set<String> ids) {
            ids.forEach(id -> known.put(id, Optional.empty()));
            for (Document document : mongo.find(byIds(ids), Document.class, collection)) {
                known.put(String.valueOf(document.get("_id")), Optional.of(codec.read(document)));
            }
        }

        void save(T value) {
            String id = codec.id(value);
            known.put(id, Optional.of(value));
            changed.add(id);
        }

        void forget() {
            known.clear();
            changed.clear();
        }

        /** Writes the changed documents in one bulk write; nothing when nothing changed since the last run. */
        @Override
        public void run() {
            if (changed.isEmpty()) {
                return;
            }
            List<Document> documents = changed.stream().map(id -> codec.write(known.get(id).orElseThrow())).toList();
            if (writtenOnce) {
                insertMissing(documents);
            } else {
                BulkOperations bulk = mongo.bulkOps(BulkMode.UNORDERED, collection);
                for (Document document : documents) {
                    bulk.replaceOne(new Query(Criteria.where("_id").is(document.get("_id"))), document,
                            FindAndReplaceOptions.options().upsert());
                }
                bulk.execute();
            }
            changed.clear();
        }

        /** Inserts the documents, all in one round trip; those stored already stay as they are. */
        private void insertMissing(List<Document> documents) {
            try {
                mongo.bulkOps(BulkMode.UNORDERED, collection).insert(documents).execute();
            } catch (DataAccessException e) {
                if (!onlyStoredAlready(e)) {
                    throw e;
                }
            }
        }
    }
}
