package nl.trajectorytracker.infra.mongo;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map.Entry;
import java.util.Set;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.Supplier;
import java.util.stream.Collectors;

import org.h2.mvstore.DataUtils;
import org.h2.mvstore.MVMap;
import org.h2.mvstore.MVStore;
import org.h2.mvstore.WriteBuffer;
import org.h2.mvstore.type.ObjectDataType;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import de.bwaldvogel.mongo.MongoCollection;
import de.bwaldvogel.mongo.MongoDatabase;
import de.bwaldvogel.mongo.backend.AbstractCursor;
import de.bwaldvogel.mongo.backend.AbstractUniqueIndex;
import de.bwaldvogel.mongo.backend.ArrayFilters;
import de.bwaldvogel.mongo.backend.CollectionOptions;
import de.bwaldvogel.mongo.backend.Cursor;
import de.bwaldvogel.mongo.backend.CursorRegistry;
import de.bwaldvogel.mongo.backend.DatabaseResolver;
import de.bwaldvogel.mongo.backend.Index;
import de.bwaldvogel.mongo.backend.IndexKey;
import de.bwaldvogel.mongo.backend.KeyValue;
import de.bwaldvogel.mongo.backend.Missing;
import de.bwaldvogel.mongo.backend.QueryResult;
import de.bwaldvogel.mongo.backend.Utils;
import de.bwaldvogel.mongo.backend.ValueComparator;
import de.bwaldvogel.mongo.backend.h2.H2Backend;
import de.bwaldvogel.mongo.backend.h2.H2Collection;
import de.bwaldvogel.mongo.backend.h2.H2Database;
import de.bwaldvogel.mongo.bson.Document;
import de.bwaldvogel.mongo.exception.DuplicateKeyError;
import de.bwaldvogel.mongo.oplog.Oplog;
import de.bwaldvogel.mongo.wire.message.MongoMessage;
import de.bwaldvogel.mongo.wire.message.MongoQuery;

import io.netty.channel.Channel;

/**
 * mongo-java-server's H2 backend with index maps that compare their keys by value.
 *
 * <p>
 * Every index of the stock backend, {@code _id} included, is an H2 map keyed by {@link KeyValue}, a class H2 does
 * not know. H2 then orders such keys by their Java-serialized bytes, so each comparison of a B-tree search serializes
 * both keys: measured, about 40% of the embedded server's CPU time under the event store's load went there. Here the
 * index maps order keys with MongoDB's value order (ties between keys that are not equal are broken by the old
 * serialized order, so exactly the same keys stay distinct), and store them element by element ({@link KeyOrder}).
 * The order differs, so the maps get a new name, and an index stored by the stock backend is copied over once when it
 * is first opened.
 */
final class KeyOrderedH2Backend extends H2Backend {

    private static final Logger log = LoggerFactory.getLogger(KeyOrderedH2Backend.class);
    private static final String STOCK_INDEX_INFIX = "._index_";
    private static final String ORDERED_INDEX_INFIX = "._ordered_index_";
    // the names H2Database gives a collection's maps
    private static final String DATA_PREFIX = "databases.";
    private static final String META_PREFIX = "meta.";
    /** A collection's documents as BSON, named so that dropping the database drops them too. */
    private static final String BSON_DATA_SUFFIX = "._documents";

    /**
     * Held shared by every request while the server handles it, and exclusively while a commit takes its version: a
     * commit never catches an insert halfway (its index entry stored without its document, or the reverse), which a
     * crash would then leave behind.
     */
    private final ReentrantReadWriteLock requests = new ReentrantReadWriteLock();

    KeyOrderedH2Backend(MVStore store) {
        super(store);
    }

    @Override
    public Document handleMessage(MongoMessage message) {
        return asOneRequest(() -> super.handleMessage(message));
    }

    @Override
    public QueryResult handleQuery(MongoQuery query) {
        return asOneRequest(() -> super.handleQuery(query));
    }

    private <T> T asOneRequest(Supplier<T> handling) {
        requests.readLock().lock();
        try {
            return handling.get();
        } finally {
            requests.readLock().unlock();
        }
    }

    /** Whether the store is open: H2 closes it for good when a write to its file fails, a full disk say. */
    boolean storeOpen() {
        return !getMvStore().isClosed();
    }

    /**
     * Commits the store between requests, never during one. Only taking the new version (every map's root as it
     * stands) needs the requests held off: H2 then writes the pages of that version on its serialization thread
     * while requests go on changing copies of them, and this waits until they are in the file. A commit written
     * whole under the lock held every request for about 90 ms each second under load.
     */
    void commitBetweenRequests() {
        MVStore store = getMvStore();
        requests.writeLock().lock();
        try {
            // nothing else commits this store, so the version is taken here (or there were no changes)
            if (store.tryCommit() < 0 && store.hasUnsavedChanges()) {
                store.commit();
            }
        } finally {
            requests.writeLock().unlock();
        }
        if (storeOpen()) {
            store.executeFilestoreOperation(() -> {
                // runs once every version taken so far is written to the file
            });
        }
        if (!storeOpen()) {
            // what a stopped store answers to a commit: never taken for one that wrote the file
            throw new IllegalStateException("The embedded store is stopped; nothing was committed");
        }
    }

    @Override
    protected MongoDatabase openOrCreateDatabase(String databaseName) {
        return new Database(databaseName);
    }

    private final class Database extends H2Database {

        Database(String databaseName) {
            super(databaseName, getMvStore(), getCursorRegistry());
        }

        /**
         * Answers finds and aggregations in batches as MongoDB does. The stock server put every match of a query
         * without a batch size into its first reply, so a find over more than 48 MB failed in the driver (the reply
         * exceeded the largest message it accepts), and a {@code getMore} without a batch size failed on the server.
         */
        @Override
        public Document handleCommand(Channel channel, String command, Document query, DatabaseResolver databases,
                Oplog oplog) {
            if ("drop".equalsIgnoreCase(command) && query.get(command) != null
                    && resolveCollection(query.get(command).toString(), false) == null) {
                // MongoDB's answer, which the driver's drop ignores; the stock server threw, and logged every such
                // drop (a rebuild's scratch collections, the benchmark's) as an error with a stack trace
                return new Document("ok", 0.0).append("errmsg", "ns not found").append("code", 26)
                        .append("codeName", "NamespaceNotFound");
            }
            Document response = super.handleCommand(channel, command, query, databases, oplog);
            if ("find".equalsIgnoreCase(command)) {
                return inBatches(response, firstBatchOfFind(query));
            }
            if ("aggregate".equalsIgnoreCase(command) && query.get("cursor") instanceof Document cursor) {
                return inBatches(response, cursor.get("batchSize") instanceof Number size && size.intValue() > 0
                        ? size.intValue() : Batches.DEFAULT_FIRST_BATCH);
            }
            return response;
        }

        /** The client's batch size; its whole limit when it asked for a single batch; otherwise MongoDB's 101. */
        private static int firstBatchOfFind(Document query) {
            if (query.get("batchSize") instanceof Number size && size.intValue() > 0) {
                return size.intValue();
            }
            if (Boolean.TRUE.equals(query.get("singleBatch")) && query.get("limit") instanceof Number limit
                    && limit.intValue() > 0) {
                return limit.intValue();
            }
            return Batches.DEFAULT_FIRST_BATCH;
        }

        /** Cuts a cursor reply's first batch to size; what follows it is served by getMore, 16 MB at most each. */
        @SuppressWarnings("unchecked")
        private Document inBatches(Document response, int firstBatchSize) {
            if (!(response.get("cursor") instanceof Document cursor)
                    || !(cursor.get("firstBatch") instanceof List<?> listed)) {
                return response;
            }
            List<Document> first = (List<Document>) listed;
            long id = ((Number) cursor.get("id")).longValue();
            int end = Batches.end(first, firstBatchSize);
            Cursor rest = id == 0 ? null : cursorRegistry.getCursor(id);
            if (end == first.size() && (rest == null || rest instanceof BatchedCursor)) {
                return response;
            }
            List<Document> remaining = new ArrayList<>(first.subList(end, first.size()));
            if (rest != null) {
                remaining.addAll(rest.takeDocuments(Integer.MAX_VALUE));
                cursorRegistry.remove(rest);
            }
            long next = 0;
            if (!remaining.isEmpty()) {
                BatchedCursor batched = new BatchedCursor(cursorRegistry.generateCursorId(), remaining);
                cursorRegistry.add(batched);
                next = batched.getId();
            }
            cursor.put("id", next);
            cursor.put("firstBatch", new ArrayList<>(first.subList(0, end)));
            return response;
        }

        /**
         * The stock collection's maps (see {@code H2Database}), with {@code _id $in} matched by a set, and its
         * documents stored as BSON ({@link BsonDocuments}) under a name of their own; documents the stock backend
         * stored are copied over once, when the collection is first opened.
         */
        @Override
        protected MongoCollection<Object> openOrCreateCollection(String collectionName, CollectionOptions options) {
            MVStore store = getMvStore();
            String namespace = getFullCollectionNamespace(collectionName);
            MVMap<Object, Document> data = store.openMap(namespace + BSON_DATA_SUFFIX,
                    new MVMap.Builder<Object, Document>().valueType(new BsonDocuments()));
            if (store.hasMap(DATA_PREFIX + namespace)) {
                migrate(store, store.<Object, Document>openMap(DATA_PREFIX + namespace), data, "Documents of");
            }
            MVMap<String, Object> meta = store.openMap(META_PREFIX + namespace);
            return new Collection(this, collectionName, options, data, meta, cursorRegistry);
        }

        @Override
        public void dropCollection(String collectionName, Oplog oplog) {
            super.dropCollection(collectionName, oplog);
            getMvStore().removeMap(getFullCollectionNamespace(collectionName) + BSON_DATA_SUFFIX);
        }

        @Override
        public void moveCollection(MongoDatabase oldDatabase, MongoCollection<?> collection, String newName) {
            String from = collection.getFullName() + BSON_DATA_SUFFIX;
            super.moveCollection(oldDatabase, collection, newName);
            MVStore store = getMvStore();
            String to = getFullCollectionNamespace(newName);
            // the stock move renamed an empty map of the stock kind along: it must not be taken for data to copy
            store.removeMap(DATA_PREFIX + to);
            if (store.hasMap(from)) {
                store.renameMap(store.openMap(from), to + BSON_DATA_SUFFIX);
            }
        }

        @Override
        protected Index<Object> openOrCreateUniqueIndex(String collectionName, String indexName, List<IndexKey> keys,
                boolean sparse) {
            MVStore store = getMvStore();
            String namespace = getFullCollectionNamespace(collectionName);
            String name = namespace + ORDERED_INDEX_INFIX + indexName;
            String stockName = namespace + STOCK_INDEX_INFIX + indexName;
            MVMap<KeyValue, Object> map = store.openMap(name,
                    new MVMap.Builder<KeyValue, Object>().keyType(new KeyOrder()));
            if (store.hasMap(stockName)) {
                migrate(store, store.<KeyValue, Object>openMap(stockName), map, "Index");
            }
            return new OrderedUniqueIndex(map, indexName, keys, sparse);
        }

        /**
         * Copies a map of the stock backend into its replacement, commits, and only then removes the stock map: a
         * stock map that still exists means the copy did not finish, and it is done again.
         */
        private <K, V> void migrate(MVStore store, MVMap<K, V> stock, MVMap<K, V> replacement, String what) {
            replacement.clear();
            for (Iterator<K> keys = stock.keyIterator(null); keys.hasNext();) {
                K key = keys.next();
                replacement.put(key, stock.get(key));
            }
            store.commit();
            store.removeMap(stock);
            store.commit();
            log.info("{} {} carried over from the stock backend's map ({} entries)", what, replacement.getName(),
                    replacement.sizeAsLong());
        }

        @Override
        protected void dropIndex(MongoCollection<Object> collection, String indexName) {
            super.dropIndex(collection, indexName);
            getMvStore().removeMap(
                    getFullCollectionNamespace(collection.getCollectionName()) + ORDERED_INDEX_INFIX + indexName);
        }
    }

    /**
     * A collection that checks the documents found for {@code {_id: {$in: [...]}}} against a set of the listed ids.
     * The stock matcher compares each document with every listed value, so a look-up of n ids cost n&sup2;
     * comparisons: the event store's stream and the read models' batch reads ask for a few hundred ids at a time,
     * and this was the largest part of the embedded server's time during a rebuild. Only lists of longs or of
     * strings and a document id of the same class take this path, where MongoDB's equality is Java's equality;
     * anything else (an int among the longs, a mixed list, more than the id queried) goes to the stock matcher.
     */
    private static final class Collection extends H2Collection {

        private static final ThreadLocal<IdSet> LAST_ID_SET = new ThreadLocal<>();

        Collection(MongoDatabase database, String name, CollectionOptions options, MVMap<Object, Document> data,
                MVMap<String, Object> meta, CursorRegistry cursors) {
            super(database, name, options, data, meta, cursors);
        }

        /**
         * The stock collection keeps a running total of its documents' sizes for {@code collStats}, encoding every
         * document inserted, replaced or deleted (the old and the new one on a replace) and writing the total to its
         * meta map: about a tenth of the server's time under the read models' writes. Nothing here asks for it, so
         * it is not kept, and {@code collStats} reports a size of 0.
         */
        @Override
        protected boolean tracksDataSize() {
            return false;
        }

        @Override
        protected int getDataSize() {
            return 0;
        }

        /**
         * Replaces a document found by a string {@code _id} without the stock update's copies: it deep-copied the
         * stored document, deep-copied the replacement into a new one, and compared the two twice (once normalising
         * every value of both), a seventh of everything the process allocated under the read models' writes, which
         * replace their documents by {@code _id}. Here the stored document is only read, never changed, and the
         * replacement (decoded from this request alone) is stored as it is. Every other update (operators, other
         * selectors, several documents, an upsert that inserts) takes the stock path.
         */
        @Override
        public synchronized Document updateDocuments(Document selector, Document update, ArrayFilters arrayFilters,
                boolean isMulti, boolean isUpsert, Oplog oplog) {
            Object id = selector.size() == 1 ? selector.get("_id") : null;
            if (isMulti || !(id instanceof String) || (arrayFilters != null && !arrayFilters.isEmpty())
                    || !isPlainReplacement(update, id)) {
                return super.updateDocuments(selector, update, arrayFilters, isMulti, isUpsert, oplog);
            }
            Document stored = getDocument(id);
            if (stored == null) {
                return super.updateDocuments(selector, update, arrayFilters, isMulti, isUpsert, oplog);
            }
            Document replacement = new Document("_id", stored.get("_id"));
            update.forEach((field, value) -> {
                if (!"_id".equals(field)) {
                    replacement.put(field, value);
                }
            });
            Utils.validateFieldNames(replacement);
            boolean changed = !replacement.equals(stored);
            if (changed) {
                for (Index<Object> index : getIndexes()) {
                    index.checkUpdate(stored, replacement, this);
                }
                for (Index<Object> index : getIndexes()) {
                    index.updateInPlace(stored, replacement, id, this);
                }
                handleUpdate(id, stored, replacement);
            }
            oplog.handleUpdate(getFullName(), selector, update, changed ? List.of(id) : List.of());
            return new Document("n", 1).append("nModified", changed ? 1 : 0);
        }

        /** A replacement (no operators) that keeps the document's {@code _id}, if it names one at all. */
        private static boolean isPlainReplacement(Document update, Object id) {
            for (String field : update.keySet()) {
                if (field.startsWith("$")) {
                    return false;
                }
            }
            return !update.containsKey("_id") || id.equals(update.get("_id"));
        }

        @Override
        protected boolean documentMatchesQuery(Document document, Document query) {
            IdSet ids = idSet(query);
            Object id = document.get("_id");
            if (ids != null && id != null && id.getClass() == ids.type()) {
                return ids.values().contains(id);
            }
            return super.documentMatchesQuery(document, query);
        }

        /** The listed ids of an {@code _id $in} query, as a set, built once per query and thread. */
        private static IdSet idSet(Document query) {
            IdSet last = LAST_ID_SET.get();
            if (last != null && last.query() == query) {
                return last;
            }
            IdSet built = IdSet.of(query);
            LAST_ID_SET.set(built);
            return built;
        }
    }

    /** MongoDB's batch limits: 101 documents in a first batch unless asked otherwise, 16 MB in any batch. */
    static final class Batches {

        static final int DEFAULT_FIRST_BATCH = 101;
        static final long MAX_BATCH_BYTES = 16L * 1024 * 1024;

        private Batches() {
        }

        /** How many of the documents the next batch takes: at most {@code count}, and 16 MB (at least one). */
        static int end(List<Document> documents, int count) {
            int end = 0;
            long bytes = 0;
            int limit = Math.min(documents.size(), count);
            while (end < limit) {
                bytes += BsonSize.estimate(documents.get(end));
                if (bytes > MAX_BATCH_BYTES && end > 0) {
                    break;
                }
                end++;
            }
            return end;
        }
    }

    /** The rest of a query's matches, handed out a batch at a time; without a batch size, up to 16 MB. */
    private static final class BatchedCursor extends AbstractCursor {

        private List<Document> remaining;

        BatchedCursor(long id, List<Document> remaining) {
            super(id);
            this.remaining = remaining;
        }

        @Override
        public boolean isEmpty() {
            return remaining.isEmpty();
        }

        @Override
        public List<Document> takeDocuments(int numberToReturn) {
            int end = Batches.end(remaining, numberToReturn > 0 ? numberToReturn : Integer.MAX_VALUE);
            List<Document> batch = remaining.subList(0, end);
            remaining = remaining.subList(end, remaining.size());
            return batch;
        }
    }

    private record IdSet(Document query, Class<?> type, Set<Object> values) {

        static IdSet of(Document query) {
            if (query.size() != 1 || !(query.get("_id") instanceof Document condition) || condition.size() != 1
                    || !(condition.get("$in") instanceof java.util.Collection<?> listed) || listed.isEmpty()) {
                return null;
            }
            Class<?> type = listed.iterator().next().getClass();
            if (type != Long.class && type != String.class) {
                return null;
            }
            Set<Object> values = new HashSet<>(listed.size() * 2);
            for (Object value : listed) {
                if (value == null || value.getClass() != type) {
                    return null;
                }
                values.add(value);
            }
            return new IdSet(query, type, values);
        }
    }

    /** A unique index on an ordered H2 map. */
    private static final class OrderedUniqueIndex extends AbstractUniqueIndex<Object> {

        private final MVMap<KeyValue, Object> map;

        OrderedUniqueIndex(MVMap<KeyValue, Object> map, String name, List<IndexKey> keys, boolean sparse) {
            super(name, keys, sparse);
            this.map = map;
        }

        @Override
        protected Object removeDocument(KeyValue key) {
            return map.remove(key);
        }

        /**
         * Adds the document's keys without looking them up first: every caller has checked them already, under the
         * collection's lock ({@code checkAdd} before an insert or an index build, {@code checkUpdate} before an
         * update), and the stock {@code add} checked them again, a third of every insert's index work. A key that is
         * there after all is still refused.
         */
        @Override
        public synchronized void add(Document document, Object position, MongoCollection<Object> collection) {
            if (isSparse()) {
                super.add(document, position, collection);
                return;
            }
            for (KeyValue key : getKeyValues(document)) {
                if (!putKeyPosition(key, position)) {
                    throw new DuplicateKeyError(this, collection, getKeys(), key);
                }
            }
        }

        @Override
        protected boolean putKeyPosition(KeyValue key, Object position) {
            return map.putIfAbsent(key, Missing.ofNullable(position)) == null;
        }

        @Override
        protected Iterable<Entry<KeyValue, Object>> getIterable() {
            return map.entrySet();
        }

        @Override
        protected Object getPosition(KeyValue key) {
            return map.get(key);
        }

        @Override
        public long getCount() {
            return map.sizeAsLong();
        }

        @Override
        public long getDataSize() {
            return getCount();
        }

        @Override
        public void drop() {
            map.clear();
        }

        @Override
        public String toString() {
            return getName() + getKeys().stream().map(IndexKey::getKey).collect(Collectors.joining(",", "(", ")"));
        }
    }

    /**
     * Index keys ordered by MongoDB's value order, element by element, and stored element by element. H2 stores a
     * class it does not know, such as {@link KeyValue}, with Java serialization, a new object stream per key: that
     * was half of every commit (which holds the requests back while it runs), as each commit writes out every index
     * page changed since the last. A key is now its element count followed by each element as {@link ObjectDataType}
     * stores it (a string or number natively, anything else still serialized), under a tag H2 does not use; keys
     * stored before are still read as they were written.
     */
    static final class KeyOrder extends ObjectDataType {

        private static final ValueComparator VALUES = ValueComparator.ascWithoutListHandling();
        /** Tags none of {@link ObjectDataType}'s types uses (they use 0-19, 32-49 and 64-119). */
        static final int KEY_VALUE_TAG = 60;
        /**
         * The value of a field a document lacks: one object that equals only itself, which Java serialization made
         * into another (a key holding it, read back, was not found again).
         */
        static final int MISSING_TAG = 61;

        /** The key object, its list and the list's array, before the elements. */
        private static final int KEY_VALUE_MEMORY = 64;

        /**
         * What a key takes in memory, which also decides how many keys a page holds (H2 splits a page past 4 KB):
         * for a class it does not know H2 assumes the average of the sizes it last serialized, starting from 10 KB,
         * so keys that are no longer serialized would have been taken for 10 KB each, a page for every key.
         */
        @Override
        public int getMemory(Object key) {
            if (key instanceof KeyValue values) {
                int memory = KEY_VALUE_MEMORY;
                for (Object value : values) {
                    memory += value instanceof Missing ? 0 : super.getMemory(value);
                }
                return memory;
            }
            return super.getMemory(key);
        }

        @Override
        public void write(WriteBuffer buffer, Object key) {
            if (key instanceof KeyValue values) {
                buffer.put((byte) KEY_VALUE_TAG).putVarInt(values.size());
                for (Object value : values) {
                    if (value instanceof Missing) {
                        buffer.put((byte) MISSING_TAG);
                    } else {
                        super.write(buffer, value);
                    }
                }
            } else {
                super.write(buffer, key);
            }
        }

        @Override
        public Object read(ByteBuffer buffer) {
            if (buffer.get(buffer.position()) != KEY_VALUE_TAG) {
                return super.read(buffer);
            }
            buffer.get();
            int size = DataUtils.readVarInt(buffer);
            List<Object> values = new ArrayList<>(size);
            for (int i = 0; i < size; i++) {
                if (buffer.get(buffer.position()) == MISSING_TAG) {
                    buffer.get();
                    values.add(Missing.getInstance());
                } else {
                    values.add(super.read(buffer));
                }
            }
            return new KeyValue(values);
        }

        @Override
        public int compare(Object a, Object b) {
            if (a instanceof KeyValue left && b instanceof KeyValue right) {
                return compareKeys(left, right);
            }
            return super.compare(a, b);
        }

        static int compareKeys(KeyValue left, KeyValue right) {
            if (left == right) {
                return 0;
            }
            int common = Math.min(left.size(), right.size());
            for (int i = 0; i < common; i++) {
                int order = VALUES.compare(left.get(i), right.get(i));
                if (order != 0) {
                    return order;
                }
            }
            if (left.size() != right.size()) {
                return Integer.compare(left.size(), right.size());
            }
            if (left.equals(right)) {
                return 0;
            }
            // equal in MongoDB's order but not the same key (say 1 and 1.0): keep them apart as the stock order did
            return compareNotNull(serialize(left), serialize(right));
        }
    }
}
