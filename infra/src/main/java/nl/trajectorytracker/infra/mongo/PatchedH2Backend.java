package nl.trajectorytracker.infra.mongo;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map.Entry;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

import org.h2.mvstore.DataUtils;
import org.h2.mvstore.MVMap;
import org.h2.mvstore.MVStore;
import org.h2.mvstore.WriteBuffer;
import org.h2.mvstore.type.ObjectDataType;

import de.bwaldvogel.mongo.MongoCollection;
import de.bwaldvogel.mongo.MongoDatabase;
import de.bwaldvogel.mongo.backend.AbstractCursor;
import de.bwaldvogel.mongo.backend.AbstractUniqueIndex;
import de.bwaldvogel.mongo.backend.CollectionOptions;
import de.bwaldvogel.mongo.backend.Cursor;
import de.bwaldvogel.mongo.backend.CursorRegistry;
import de.bwaldvogel.mongo.backend.DatabaseResolver;
import de.bwaldvogel.mongo.backend.EmptyIndex;
import de.bwaldvogel.mongo.backend.Index;
import de.bwaldvogel.mongo.backend.IndexKey;
import de.bwaldvogel.mongo.backend.KeyValue;
import de.bwaldvogel.mongo.backend.Missing;
import de.bwaldvogel.mongo.backend.QueryParameters;
import de.bwaldvogel.mongo.backend.QueryResult;
import de.bwaldvogel.mongo.backend.ValueComparator;
import de.bwaldvogel.mongo.backend.h2.H2Backend;
import de.bwaldvogel.mongo.backend.h2.H2Collection;
import de.bwaldvogel.mongo.backend.h2.H2Database;
import de.bwaldvogel.mongo.bson.Document;
import de.bwaldvogel.mongo.oplog.Oplog;

import io.netty.channel.Channel;

/**
 * mongo-java-server's H2 backend with the six changes the embedded default needs; everything else is stock. Each of
 * the first five has a canary in {@code PatchedH2BackendCanaryTest} that fails when the upstream behaviour it changes
 * changes; the sixth, a race, is guarded by the contract test of concurrent increments ({@code MongoContract}).
 * <ol>
 * <li>Unique indexes ordered by value ({@link KeyOrder}). The stock index is an H2 map keyed by {@link KeyValue},
 * which H2 orders by its Java-serialized bytes: every comparison of a B-tree search serializes both keys, so an
 * insert or a look-up by key was several times slower (bench-results/embedded-mongo.md).</li>
 * <li>{@code {_id: {$in: [...]}}} matched by a set: the stock matcher compares each document found with every listed
 * id, n&sup2; comparisons for the few hundred ids the event store and the read models ask for at a time.</li>
 * <li>Reads without the collection's lock: the stock collection answers a query holding the lock its writes take,
 * so a long read held up every write to that collection, and through the embedded server's journal, every write.
 * H2's maps are read consistently without it.</li>
 * <li>MongoDB's batches (101 documents first, at most 16 MB a batch): the stock server put every match of a query
 * without a batch size into its first reply, which the driver refuses past 48 MB.</li>
 * <li>No index is built again at start ({@link OrderedUniqueIndex#isEmpty}, {@link UnkeptIndex}): the stock
 * collection builds every index that says it is empty by reading all its documents twice, which at every start a
 * sparse index no document has a value for says (the event store's idempotency keys), and so does the stand-in for
 * an index that is not unique, which this server does not keep.</li>
 * <li>Updates write a copy ({@link #handleWrite}): the stock update changes the stored document in place, field by
 * field, so a read without the lock (above) could answer a document halfway through an update, and a
 * {@code findAndModify} answered the document as a later update left it by the time its answer was sent: two
 * callers incrementing a counter at once were both given the same number.</li>
 * </ol>
 * A renamed collection also takes its maps along: the stock rename left its documents and indexes under the old
 * name, so a renamed collection came back empty after a restart.
 */
final class PatchedH2Backend extends H2Backend {

    private static final String ORDERED_INDEX_INFIX = "._ordered_index_";
    /** Set while this thread handles a write: the documents it finds are copies, which it may change. */
    private static final ThreadLocal<Boolean> WRITING = ThreadLocal.withInitial(() -> false);

    PatchedH2Backend(MVStore store) {
        super(store);
    }

    @Override
    protected MongoDatabase openOrCreateDatabase(String databaseName) {
        return new Database(databaseName);
    }

    /**
     * Handles a write command (one at a time: the caller holds the write lock). The documents the write finds to
     * change are copies: the stock update changes the document it found in place, and the stored one is shared by
     * every read under way and every answer not yet sent.
     */
    Document handleWrite(Channel channel, String database, String command, Document query) {
        WRITING.set(true);
        try {
            return handleCommand(channel, database, command, query);
        } finally {
            WRITING.set(false);
        }
    }

    static String orderedIndexMapName(String namespace, String indexName) {
        return namespace + ORDERED_INDEX_INFIX + indexName;
    }

    private final class Database extends H2Database {

        Database(String databaseName) {
            super(databaseName, getMvStore(), getCursorRegistry());
        }

        @Override
        public Document handleCommand(Channel channel, String command, Document query, DatabaseResolver databases,
                Oplog oplog) {
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

        /** Cuts a cursor reply's first batch to size; what follows is served by getMore, 16 MB at most each. */
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

        @Override
        protected MongoCollection<Object> openOrCreateCollection(String collectionName, CollectionOptions options) {
            MVStore store = getMvStore();
            String namespace = getFullCollectionNamespace(collectionName);
            MVMap<Object, Document> data = store.openMap(LegacyDataFile.DATA_PREFIX + namespace);
            MVMap<String, Object> meta = store.openMap(LegacyDataFile.META_PREFIX + namespace);
            return new Collection(this, collectionName, options, data, meta, cursorRegistry);
        }

        @Override
        protected Index<Object> openOrCreateUniqueIndex(String collectionName, String indexName, List<IndexKey> keys,
                boolean sparse) {
            String name = orderedIndexMapName(getFullCollectionNamespace(collectionName), indexName);
            boolean stored = getMvStore().hasMap(name);
            MVMap<KeyValue, Object> map = getMvStore().openMap(name,
                    new MVMap.Builder<KeyValue, Object>().keyType(new KeyOrder()));
            return new OrderedUniqueIndex(map, indexName, keys, sparse, stored);
        }

        @Override
        protected Index<Object> openOrCreateSecondaryIndex(String collectionName, String indexName,
                List<IndexKey> keys, boolean sparse) {
            return new UnkeptIndex(indexName, keys);
        }

        @Override
        protected void dropIndex(MongoCollection<Object> collection, String indexName) {
            super.dropIndex(collection, indexName);
            getMvStore().removeMap(orderedIndexMapName(collection.getFullName(), indexName));
        }

        /**
         * The stock move names the collection's maps by the collection's new name before it renames them, so it
         * renames a new empty map onto itself and leaves the documents under the old name, where a restart does not
         * look. Here the maps it left behind, the documents and the indexes, take the new name.
         */
        @Override
        public void moveCollection(MongoDatabase oldDatabase, MongoCollection<?> collection, String newName) {
            String from = collection.getFullName();
            super.moveCollection(oldDatabase, collection, newName);
            MVStore store = getMvStore();
            String to = getFullCollectionNamespace(newName);
            for (String prefix : List.of(LegacyDataFile.DATA_PREFIX, LegacyDataFile.META_PREFIX)) {
                if (!from.equals(to) && store.hasMap(prefix + from)) {
                    store.removeMap(prefix + to);
                    store.renameMap(store.openMap(prefix + from), prefix + to);
                }
            }
            for (Index<?> index : collection.getIndexes()) {
                String old = orderedIndexMapName(from, index.getName());
                if (store.hasMap(old)) {
                    store.renameMap(store.openMap(old, new MVMap.Builder<KeyValue, Object>().keyType(new KeyOrder())),
                            orderedIndexMapName(to, index.getName()));
                }
            }
        }
    }

    /**
     * The stock collection, read without its lock, with {@code _id $in} matched by a set, and updated by copy: a
     * write finds copies of the stored documents ({@link #handleWrite}).
     */
    private static final class Collection extends H2Collection {

        private static final ThreadLocal<IdSet> LAST_ID_SET = new ThreadLocal<>();

        private final MVMap<Object, Document> data;

        Collection(MongoDatabase database, String name, CollectionOptions options, MVMap<Object, Document> data,
                MVMap<String, Object> meta, CursorRegistry cursors) {
            super(database, name, options, data, meta, cursors);
            this.data = data;
        }

        @Override
        protected Document getDocument(Object position) {
            Document stored = super.getDocument(position);
            return stored != null && WRITING.get() ? stored.cloneDeeply() : stored;
        }

        /** A scan; by a write, of copies (but in {@code $natural} order, which no write here asks for). */
        @Override
        protected QueryResult matchDocuments(Document query, Document orderBy, int numberToSkip, int limit,
                int batchSize, Document fieldSelector) {
            if (!WRITING.get() || (orderBy != null && orderBy.containsKey("$natural"))) {
                return super.matchDocuments(query, orderBy, numberToSkip, limit, batchSize, fieldSelector);
            }
            return matchDocumentsFromStream(data.values().stream().map(Document::cloneDeeply), query, orderBy,
                    numberToSkip, limit, batchSize, fieldSelector);
        }

        /** {@code AbstractMongoCollection#handleQuery}, without the lock {@code synchronized} adds to it. */
        @Override
        public QueryResult handleQuery(QueryParameters parameters) {
            Document selector = parameters.getQuerySelector();
            Document query = selector;
            Document orderBy = null;
            if (selector.containsKey("query")) {
                query = (Document) selector.get("query");
                orderBy = (Document) selector.get("orderby");
            } else if (selector.containsKey("$query")) {
                query = (Document) selector.get("$query");
                orderBy = (Document) selector.get("$orderby");
            }
            return queryDocuments(query, orderBy, parameters.getNumberToSkip(), parameters.getLimit(),
                    parameters.getBatchSize(), parameters.getProjection());
        }

        /** The documents an index found, less any deleted since: a read no longer waits for the writes. */
        @Override
        protected QueryResult matchDocuments(Document query, Iterable<Object> positions, Document orderBy,
                int numberToSkip, int limit, int batchSize, Document fieldSelector) {
            Stream<Document> documents = StreamSupport.stream(positions.spliterator(), false)
                    .map(this::getDocument)
                    .filter(Objects::nonNull);
            return matchDocumentsFromStream(documents, query, orderBy, numberToSkip, limit, batchSize,
                    fieldSelector);
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

    /**
     * The ids of an {@code {_id: {$in: [...]}}} query. Only a list of longs or of strings, matched against an id of
     * the same class, takes this path, where MongoDB's equality is Java's; anything else (an int among the longs, a
     * mixed list, a condition besides the id) goes to the stock matcher.
     */
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

    /** The stock stand-in for an index that is not unique, which is not kept and so never built from documents. */
    static final class UnkeptIndex extends EmptyIndex<Object> {

        UnkeptIndex(String name, List<IndexKey> keys) {
            super(name, keys);
        }

        @Override
        public boolean isEmpty() {
            return false;
        }
    }

    /** The stock unique index ({@code H2UniqueIndex}), on a map ordered by {@link KeyOrder}. */
    static final class OrderedUniqueIndex extends AbstractUniqueIndex<Object> {

        private final MVMap<KeyValue, Object> map;
        private final boolean stored;

        /** @param stored whether the file held the index's map: it was built when the index was created */
        OrderedUniqueIndex(MVMap<KeyValue, Object> map, String name, List<IndexKey> keys, boolean sparse,
                boolean stored) {
            super(name, keys, sparse);
            this.map = map;
            this.stored = stored;
        }

        @Override
        protected Object removeDocument(KeyValue key) {
            return map.remove(key);
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

        /**
         * Whether the collection must build this index from its documents, which it does when the index says it is
         * empty: never for an index the file held. Its map was filled by the command that created it, which a
         * checkpoint never catches halfway; a sparse index that no document has a value for is empty and complete.
         */
        @Override
        public boolean isEmpty() {
            return !stored && map.isEmpty();
        }

        @Override
        public long getDataSize() {
            return getCount();
        }
    }

    /**
     * Index keys ordered by MongoDB's value order, element by element, and stored element by element: a key is its
     * element count followed by each element as {@link ObjectDataType} stores it (a string or number natively),
     * under a tag H2 does not use. Keys equal in MongoDB's order but not the same (1 and 1.0) are kept apart by
     * their serialized bytes, as the stock order keeps them.
     */
    static final class KeyOrder extends ObjectDataType {

        private static final ValueComparator VALUES = ValueComparator.ascWithoutListHandling();
        /** Tags none of {@link ObjectDataType}'s types uses (they use 0-19, 32-49 and 64-119). */
        static final int KEY_VALUE_TAG = 60;
        /** The value of a field a document lacks: one object that equals only itself. */
        static final int MISSING_TAG = 61;
        /** The key object, its list and the list's array, before the elements. */
        private static final int KEY_VALUE_MEMORY = 64;

        /**
         * What a key takes in memory, which decides how many keys a page holds: for a class it does not know, H2
         * assumes the average size it last serialized, starting from 10 KB, a page per key.
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
            return compareNotNull(serialize(left), serialize(right));
        }
    }
}
