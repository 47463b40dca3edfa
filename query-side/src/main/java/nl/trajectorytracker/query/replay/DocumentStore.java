package nl.trajectorytracker.query.replay;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
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
 *
 * <p>
 * A store of immutable values can also {@linkplain #remembering remember} the values it wrote across batches: the
 * next batch then fetches only their versions and decodes a document again only when its stored version is not the
 * remembered one (another instance, a rebuild, or a failed write got there first). That keeps a read model whose
 * documents grow with every event from reading each of them in full for every batch.
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
    private final Remembered<T> remembered;
    private final int bucketSize;
    private final boolean writtenOnce;
    private final UnaryOperator<String> idOfAggregate;

    /** Values of a class that Spring Data maps (with an {@code @Id}), or plain {@link Document}s. */
    public DocumentStore(MongoOperations mongo, Class<T> type, String collection) {
        this(mongo, collection, mapped(mongo, type), null, 0, false, UnaryOperator.identity());
    }

    public DocumentStore(MongoOperations mongo, String collection, Codec<T> codec) {
        this(mongo, collection, codec, null, 0, false, UnaryOperator.identity());
    }

    private DocumentStore(MongoOperations mongo, String collection, Codec<T> codec, Remembered<T> remembered,
            int bucketSize, boolean writtenOnce, UnaryOperator<String> idOfAggregate) {
        this.mongo = mongo;
        this.codec = codec;
        this.collection = collection;
        this.batchKey = DocumentStore.class.getName() + "/" + collection;
        this.remembered = remembered;
        this.bucketSize = bucketSize;
        this.writtenOnce = writtenOnce;
        this.idOfAggregate = idOfAggregate;
    }

    /**
     * The same store, remembering up to {@code capacity} written values across batches, each checked against the
     * stored document's {@code versionField} before it is used again. Only for immutable values whose version
     * increases with every change.
     */
    public DocumentStore<T> remembering(int capacity, String versionField, ToLongFunction<T> version) {
        return new DocumentStore<>(mongo, collection, codec, new Remembered<>(capacity, versionField, version),
                bucketSize, writtenOnce, idOfAggregate);
    }

    /**
     * The same store, keeping lists longer than {@code size} in {@linkplain ListBuckets buckets} of that size in
     * {@code <collection>_buckets}, so that a document whose lists grow with every event is written a bucket at a
     * time. Buckets are written before their document, so a document never names a bucket that was not written.
     */
    public DocumentStore<T> splittingListsLongerThan(int size) {
        if (writtenOnce) {
            throw new IllegalStateException("A store written once keeps its documents whole");
        }
        return new DocumentStore<>(mongo, collection, codec, remembered, size, writtenOnce, idOfAggregate);
    }

    /**
     * The same store, for documents that are written once and never changed: a batch inserts them, and a document
     * that is there already (an event handled again) is left as it is, since the same event wrote it. An insert
     * costs the embedded server about a third of what replacing a document by {@code _id} costs. Its documents are
     * stored whole: not for a store that splits lists into buckets.
     */
    public DocumentStore<T> writtenOnce() {
        if (bucketSize > 0) {
            throw new IllegalStateException("A store that splits lists rewrites its documents; it is not written once");
        }
        return new DocumentStore<>(mongo, collection, codec, remembered, bucketSize, true, idOfAggregate);
    }

    /**
     * The same store, for documents whose id is not the aggregate's identifier but a function of it (a keyed hash,
     * say): a batch then fetches the documents of its aggregates by the ids this function gives.
     */
    public DocumentStore<T> keyedBy(UnaryOperator<String> idOfAggregate) {
        return new DocumentStore<>(mongo, collection, codec, remembered, bucketSize, writtenOnce, idOfAggregate);
    }

    private String buckets() {
        return collection + "_buckets";
    }

    public Optional<T> find(String id) {
        Batch batch = batch();
        return batch == null ? Optional.ofNullable(fetch(id)) : batch.find(id);
    }

    public void save(T value) {
        Batch batch = batch();
        if (batch == null) {
            Document document = codec.write(value);
            if (bucketSize <= 0) {
                mongo.save(document, collection);
                return;
            }
            String id = codec.id(value);
            Document stored = mongo.findById(id, Document.class, collection);
            Map<String, Document> before = stored == null ? Map.of()
                    : ListBuckets.bucketsBySlot(stored, bucketsOf(List.of(stored)));
            ListBuckets.Split split = ListBuckets.split(id, document, bucketSize, before);
            // saved, not inserted: a bucket no document names yet may be there from a write that failed halfway
            split.fresh().forEach(bucket -> mongo.save(bucket, buckets()));
            mongo.save(split.document(), collection);
            List<Object> dropped = dropped(before, split);
            if (!dropped.isEmpty()) {
                mongo.remove(new Query(Criteria.where("_id").in(dropped)), buckets());
            }
        } else {
            batch.save(value);
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
        if (remembered != null) {
            remembered.clear();
        }
        mongo.remove(new Query(), collection);
        if (bucketSize > 0) {
            mongo.remove(new Query(), buckets());
        }
    }

    public String collection() {
        return collection;
    }

    private T fetch(String id) {
        Document document = mongo.findById(id, Document.class, collection);
        return document == null ? null : codec.read(ListBuckets.join(document, bucketsOf(List.of(document))));
    }

    /** The ids of the buckets a document was stored with that its new split no longer names. */
    private static List<Object> dropped(Map<String, Document> before, ListBuckets.Split split) {
        Set<Object> kept = new HashSet<>();
        split.buckets().values().forEach(bucket -> kept.add(bucket.get("_id")));
        return before.values().stream().map(bucket -> bucket.get("_id")).filter(id -> !kept.contains(id)).toList();
    }

    /**
     * The documents with these ids, all in one reply: without a batch size MongoDB answers the first 101 and the
     * rest on another round trip.
     */
    private static Query byIds(Collection<String> ids) {
        return new Query(Criteria.where("_id").in(ids)).cursorBatchSize(Math.max(1, ids.size()));
    }

    /** The buckets the stored documents were split into, by bucket id: one round trip for all of them. */
    private Map<String, Document> bucketsOf(List<Document> stored) {
        if (bucketSize <= 0) {
            return Map.of();
        }
        List<String> ids = new ArrayList<>();
        stored.forEach(document -> ids.addAll(ListBuckets.bucketIds(document)));
        Map<String, Document> found = new HashMap<>();
        if (!ids.isEmpty()) {
            for (Document bucket : mongo.find(byIds(ids), Document.class, buckets())) {
                found.put(bucket.getString("_id"), bucket);
            }
        }
        return found;
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

    /** A value as decoded, with the buckets its document was stored with. */
    private record Known<T>(T value, Map<String, Document> buckets) {
    }

    /** Values written in earlier batches, least recently used first out, with the version each was written at. */
    private static final class Remembered<T> {

        private final String versionField;
        private final ToLongFunction<T> version;
        private final Map<String, Known<T>> values;

        Remembered(int capacity, String versionField, ToLongFunction<T> version) {
            this.versionField = versionField;
            this.version = version;
            this.values = LeastRecentlyUsed.map(capacity);
        }

        synchronized Known<T> get(String id) {
            return values.get(id);
        }

        synchronized void put(String id, Known<T> known) {
            values.put(id, known);
        }

        synchronized void forget(String id) {
            values.remove(id);
        }

        synchronized void clear() {
            values.clear();
        }
    }

    /** What one batch has read and written; the written documents are flushed together. */
    private final class Batch {

        private final BatchingUnitOfWork<?> unitOfWork;
        private final Map<String, Optional<T>> known = new HashMap<>();
        private final Map<String, Map<String, Document>> storedBuckets = new HashMap<>();
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
            read(List.of(id));
            return known.get(id);
        }

        /** One round trip for the documents of every aggregate in the batch that is not known yet. */
        private void prefetch(String wanted) {
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
            read(unremembered(ids));
        }

        /** Reads the documents with these ids (and their buckets); an id without a document is known absent. */
        private void read(List<String> ids) {
            for (String id : ids) {
                known.put(id, Optional.empty());
            }
            if (ids.isEmpty()) {
                return;
            }
            List<Document> stored = mongo.find(byIds(ids), Document.class, collection);
            Map<String, Document> buckets = bucketsOf(stored);
            for (Document document : stored) {
                String id = String.valueOf(document.get("_id"));
                Map<String, Document> own = ListBuckets.bucketsBySlot(document, buckets);
                T value = codec.read(ListBuckets.join(document, buckets));
                known.put(id, Optional.of(value));
                storedBuckets.put(id, own);
                if (remembered != null) {
                    remembered.put(id, new Known<>(value, own));
                }
            }
        }

        /**
         * Marks the remembered values whose stored version still matches as known, and answers the ids whose
         * documents have to be read in full.
         */
        private List<String> unremembered(Set<String> ids) {
            if (remembered == null) {
                return new ArrayList<>(ids);
            }
            List<String> stale = new ArrayList<>();
            Map<String, Known<T>> candidates = new HashMap<>();
            for (String id : ids) {
                Known<T> entry = remembered.get(id);
                if (entry == null) {
                    stale.add(id);
                } else {
                    candidates.put(id, entry);
                }
            }
            if (candidates.isEmpty()) {
                return stale;
            }
            Query versions = byIds(candidates.keySet());
            versions.fields().include(remembered.versionField);
            Set<String> current = new HashSet<>();
            for (Document stored : mongo.find(versions, Document.class, collection)) {
                String id = String.valueOf(stored.get("_id"));
                Known<T> entry = candidates.get(id);
                if (stored.get(remembered.versionField) instanceof Number number
                        && number.longValue() == remembered.version.applyAsLong(entry.value())) {
                    known.put(id, Optional.of(entry.value()));
                    storedBuckets.put(id, entry.buckets());
                    current.add(id);
                }
            }
            candidates.keySet().stream().filter(id -> !current.contains(id)).forEach(stale::add);
            return stale;
        }

        void save(T value) {
            String id = codec.id(value);
            known.put(id, Optional.of(value));
            changed.add(id);
        }

        /** Adds to the bulk the document stored under its {@code _id}, replacing what is there or inserting it. */
        private static void storeById(BulkOperations bulk, Document document) {
            bulk.replaceOne(new Query(Criteria.where("_id").is(document.get("_id"))), document,
                    FindAndReplaceOptions.options().upsert());
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

        /** Whether every document the bulk insert refused was refused for an {@code _id} stored already. */
        private static boolean onlyStoredAlready(DataAccessException e) {
            return e.getCause() instanceof MongoBulkWriteException refused && refused.getWriteConcernError() == null
                    && refused.getWriteErrors().stream().allMatch(
                            error -> ErrorCategory.fromErrorCode(error.getCode()) == ErrorCategory.DUPLICATE_KEY);
        }

        void forget() {
            known.clear();
            storedBuckets.clear();
            changed.clear();
        }

        void flush() {
            if (changed.isEmpty()) {
                return;
            }
            if (writtenOnce) {
                insertMissing(changed.stream().map(id -> codec.write(known.get(id).orElseThrow())).toList());
                changed.clear();
                return;
            }
            BulkOperations documents = mongo.bulkOps(BulkMode.UNORDERED, collection);
            List<Document> freshBuckets = new ArrayList<>();
            List<Object> droppedBuckets = new ArrayList<>();
            Map<String, Map<String, Document>> written = new HashMap<>();
            for (String id : changed) {
                Document document = codec.write(known.get(id).orElseThrow());
                if (bucketSize > 0) {
                    Map<String, Document> before = storedBuckets.getOrDefault(id, Map.of());
                    ListBuckets.Split split = ListBuckets.split(id, document, bucketSize, before);
                    freshBuckets.addAll(split.fresh());
                    droppedBuckets.addAll(dropped(before, split));
                    written.put(id, split.buckets());
                    document = split.document();
                }
                storeById(documents, document);
            }
            try {
                // new buckets first, then the documents naming them, then the buckets no document names any more
                if (!freshBuckets.isEmpty()) {
                    // replaced, not inserted: a bucket no document names yet may be there from a batch that failed
                    // before its documents were written (an epoch's id for a place is the same in the retry)
                    BulkOperations bucketWrites = mongo.bulkOps(BulkMode.UNORDERED, buckets());
                    freshBuckets.forEach(bucket -> storeById(bucketWrites, bucket));
                    bucketWrites.execute();
                }
                documents.execute();
                if (!droppedBuckets.isEmpty()) {
                    mongo.remove(new Query(Criteria.where("_id").in(droppedBuckets)), buckets());
                }
            } catch (RuntimeException e) {
                if (remembered != null) {
                    changed.forEach(remembered::forget);
                }
                throw e;
            }
            for (String id : changed) {
                Map<String, Document> buckets = written.getOrDefault(id, Map.of());
                storedBuckets.put(id, buckets);
                if (remembered != null) {
                    remembered.put(id, new Known<>(known.get(id).orElseThrow(), buckets));
                }
            }
            changed.clear();
        }
    }
}
