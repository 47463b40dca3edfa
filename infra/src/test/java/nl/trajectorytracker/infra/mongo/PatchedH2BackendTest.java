package nl.trajectorytracker.infra.mongo;

import static com.mongodb.client.model.Filters.eq;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

import org.bson.Document;
import org.h2.mvstore.MVMap;
import org.h2.mvstore.MVStore;
import org.h2.mvstore.Page;
import org.h2.mvstore.WriteBuffer;
import org.h2.mvstore.type.ObjectDataType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoWriteException;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.ReplaceOptions;
import com.mongodb.client.model.Updates;

import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.KeyValue;
import de.bwaldvogel.mongo.backend.Missing;
import de.bwaldvogel.mongo.bson.BinData;
import de.bwaldvogel.mongo.bson.ObjectId;
import de.bwaldvogel.mongo.backend.h2.H2Backend;

/** The embedded server's patched backend: its indexes, batches and reads, and data it stored is still found. */
class PatchedH2BackendTest {

    @TempDir
    Path data;

    @Test
    void aRefusedWriteLeavesNoKeyBehind_andAChangedKeyMovesWithItsDocument() {
        withEmbedded(collection -> {
            collection.createIndex(Indexes.ascending("key"), new IndexOptions().unique(true));
            collection.insertOne(new Document("_id", 1L).append("key", "a"));
            collection.insertOne(new Document("_id", 2L).append("key", "b"));

            assertDuplicate(() -> collection.insertOne(new Document("_id", 3L).append("key", "a")));
            assertDuplicate(() -> collection.insertOne(new Document("_id", 1L).append("key", "c")));
            assertDuplicate(() -> collection.updateOne(eq("_id", 2L), Updates.set("key", "a")));
            collection.updateOne(eq("_id", 2L), Updates.set("key", "d"));

            // neither refused insert left its other key taken, and the old key of the update is free again
            collection.insertOne(new Document("_id", 3L).append("key", "c"));
            collection.insertOne(new Document("_id", 4L).append("key", "b"));
            assertThat(collection.countDocuments()).isEqualTo(4);
            assertThat(collection.find(eq("key", "d")).first().getLong("_id")).isEqualTo(2L);
            assertThat(collection.find(eq("key", "b")).first().getLong("_id")).isEqualTo(4L);
            assertThatThrownBy(() -> collection.createIndex(Indexes.ascending("twin"), new IndexOptions().unique(true)
                    .name("twins")))
                    .isInstanceOf(com.mongodb.DuplicateKeyException.class);
        });
    }

    @Test
    void aDocumentReplacedByItsId_isStoredAsReplaced_withItsUniqueKeysMoved() {
        withEmbedded(collection -> {
            collection.createIndex(Indexes.ascending("key"), new IndexOptions().unique(true));
            collection.insertOne(new Document("_id", "t1").append("key", "a").append("notes", List.of("x")));
            collection.insertOne(new Document("_id", "t2").append("key", "b"));

            var replaced = collection.replaceOne(eq("_id", "t1"), new Document("key", "c")
                    .append("state", new Document("notes", List.of("x", "y"))));
            var unchanged = collection.replaceOne(eq("_id", "t1"), new Document("_id", "t1").append("key", "c")
                    .append("state", new Document("notes", List.of("x", "y"))));
            assertDuplicate(() -> collection.replaceOne(eq("_id", "t1"), new Document("key", "b")));
            assertThatThrownBy(() -> collection.replaceOne(eq("_id", "t1"), new Document("_id", "t9")))
                    .isInstanceOf(MongoWriteException.class);
            var upserted = collection.replaceOne(eq("_id", "t3"), new Document("key", "a"),
                    new ReplaceOptions().upsert(true));

            assertThat(replaced.getMatchedCount()).isEqualTo(1);
            assertThat(replaced.getModifiedCount()).isEqualTo(1);
            assertThat(unchanged.getModifiedCount()).isZero();
            assertThat(upserted.getUpsertedId()).isNotNull();
            assertThat(collection.find(eq("_id", "t1")).first()).isEqualTo(new Document("_id", "t1")
                    .append("key", "c").append("state", new Document("notes", List.of("x", "y"))));
            assertThat(collection.find(eq("key", "c")).first().getString("_id")).isEqualTo("t1");
            assertThat(collection.find(eq("key", "a")).first().getString("_id")).isEqualTo("t3");
            assertThat(collection.countDocuments()).isEqualTo(3);
        });
    }

    private static List<Object> ids(MongoCollection<Document> collection, org.bson.conversions.Bson filter) {
        return collection.find(filter).map(document -> document.get("_id")).into(new ArrayList<>());
    }

    @Test
    void batchesSmallDocumentsAsMongoDbDoes() {
        withEmbedded(collection -> {
            for (long i = 1; i <= 1_000; i++) {
                collection.insertOne(new Document("_id", i).append("key", "k#" + i));
            }
            // a first batch of 101, then the rest without a batch size
            assertThat(ids(collection, new Document())).hasSize(1_000).doesNotHaveDuplicates();
            assertThat(collection.find().batchSize(7).map(document -> document.get("_id")).into(new ArrayList<>()))
                    .hasSize(1_000);
            assertThat(collection.find().limit(150).map(document -> document.get("_id")).into(new ArrayList<>()))
                    .hasSize(150);
            // a negative limit asks for one batch: all of it comes at once, not a first batch of 101
            assertThat(collection.find().limit(-500).map(document -> document.get("_id")).into(new ArrayList<>()))
                    .hasSize(500);
            assertThat(collection.find().sort(new Document("_id", -1)).first().getLong("_id")).isEqualTo(1_000L);
        });
    }

    @Test
    void aDroppedOrRenamedCollectionLeavesNoDocumentsBehind() {
        withEmbedded(collection -> {
            collection.insertOne(new Document("_id", 1L));
            collection.renameCollection(new com.mongodb.MongoNamespace("tracker", "renamed"));
        }, true);
        withEmbedded(collection -> {
            assertThat(collection.countDocuments()).isZero();
            MongoCollection<Document> renamed = embeddedClient.getDatabase("tracker").getCollection("renamed");
            assertThat(renamed.find().into(new ArrayList<>())).containsExactly(new Document("_id", 1L));
            renamed.drop();
            renamed.insertOne(new Document("_id", 2L));
            assertThat(renamed.find().into(new ArrayList<>())).containsExactly(new Document("_id", 2L));
        }, false);
    }

    @Test
    void keepsKeysOfDifferentTypesApart() {
        withEmbedded(collection -> {
            collection.insertOne(new Document("_id", "1"));
            collection.insertOne(new Document("_id", 1L));
            collection.insertOne(new Document("_id", new Document("aggregate", "a").append("sequence", 1L)));
            assertThat(collection.countDocuments()).isEqualTo(3);
            assertThat(collection.find(eq("_id", "1")).first()).isNotNull();
            assertThat(collection.find(eq("_id", new Document("aggregate", "a").append("sequence", 1L))).first())
                    .isNotNull();
            assertDuplicate(() -> collection.insertOne(new Document("_id", 1L)));
        });
    }

    @Test
    void aDroppedCollectionLeavesNoKeysBehind() {
        withEmbedded(collection -> {
            collection.createIndex(Indexes.ascending("key"), new IndexOptions().unique(true));
            collection.insertOne(new Document("_id", 1L).append("key", "a"));
            collection.drop();
            collection.createIndex(Indexes.ascending("key"), new IndexOptions().unique(true));
            collection.insertOne(new Document("_id", 1L).append("key", "a"));
            assertThat(collection.countDocuments()).isEqualTo(1);
        });
    }

    @Test
    void indexesStoredByTheStockBackendAreCarriedOverOnce() throws Exception {
        Path file = data.resolve("tracker.mv.db");
        Files.createDirectories(data);
        MVStore store = new MVStore.Builder().fileName(file.toString()).open();
        H2Backend stock = new H2Backend(store);
        MongoServer server = new MongoServer(stock);
        try (MongoClient client = MongoClients.create(server.bindAndGetConnectionString())) {
            MongoCollection<Document> collection = client.getDatabase("tracker").getCollection("commits");
            collection.createIndex(Indexes.ascending("key"), new IndexOptions().unique(true));
            for (long i = 1; i <= 200; i++) {
                collection.insertOne(new Document("_id", i).append("key", "k#" + i));
            }
        } finally {
            server.shutdownNow();
            stock.close();
        }

        for (int restart = 0; restart < 2; restart++) {
            withEmbedded(collection -> {
                assertThat(collection.countDocuments()).isEqualTo(200);
                assertThat(collection.find(eq("_id", 150L)).first().getString("key")).isEqualTo("k#150");
                assertThat(collection.find(eq("key", "k#150")).first().getLong("_id")).isEqualTo(150L);
                assertDuplicate(() -> collection.insertOne(new Document("_id", 150L).append("key", "new")));
                assertDuplicate(() -> collection.insertOne(new Document("_id", 1000L).append("key", "k#150")));
            });
        }
        MVStore reopened = new MVStore.Builder().fileName(file.toString()).readOnly().open();
        try {
            assertThat(reopened.getMapNames()).noneMatch(name -> name.contains("._index_"))
                    .anyMatch(name -> name.equals("databases.tracker.commits"))
                    .anyMatch(name -> name.equals("tracker.commits._ordered_index_key_1"));
        } finally {
            reopened.close();
        }
    }

    @Test
    void ordersKeysByValueAndOnlyEqualKeysAreTheSame() {
        assertThat(PatchedH2Backend.KeyOrder.compareKeys(new KeyValue("a#10"), new KeyValue("a#9")))
                .isNegative();
        assertThat(PatchedH2Backend.KeyOrder.compareKeys(new KeyValue(2L), new KeyValue(10L))).isNegative();
        assertThat(PatchedH2Backend.KeyOrder.compareKeys(new KeyValue(7L), new KeyValue(7L))).isZero();
        int oneWay = PatchedH2Backend.KeyOrder.compareKeys(new KeyValue(1L), new KeyValue(1.5d));
        assertThat(oneWay).isNegative();
        assertThat(PatchedH2Backend.KeyOrder.compareKeys(new KeyValue("x", 1L), new KeyValue("x")))
                .isPositive();
    }

    @Test
    void storesKeysOfEveryKindOfValueAndReadsKeysStoredWithJavaSerialization() {
        List<KeyValue> keys = List.of(new KeyValue("trajectory-17#317"), new KeyValue(317L), new KeyValue(7),
                new KeyValue(1.5d), new KeyValue(true), new KeyValue("x", 1L, 2, null),
                new KeyValue(Missing.getInstance()), new KeyValue(new ObjectId()),
                new KeyValue(Instant.parse("2026-12-02T07:00:00.123456789Z")),
                new KeyValue(new de.bwaldvogel.mongo.bson.Document("agg", "t-1").append("seq", 3L)),
                new KeyValue(List.of("a", 1L)), new KeyValue(new BinData(new byte[] {1, 2, 3})));
        PatchedH2Backend.KeyOrder order = new PatchedH2Backend.KeyOrder();
        WriteBuffer compact = new WriteBuffer();
        WriteBuffer serialized = new WriteBuffer();
        for (KeyValue key : keys) {
            order.write(compact, key);
            new ObjectDataType().write(serialized, key);
        }
        ByteBuffer compactBytes = compact.getBuffer().flip();
        ByteBuffer serializedBytes = serialized.getBuffer().flip();
        // a string or a number costs a few bytes instead of an object stream's hundred
        assertThat(compactBytes.remaining()).isLessThan(serializedBytes.remaining() / 2);
        for (KeyValue key : keys) {
            assertThat(order.read(compactBytes)).isEqualTo(key);
            KeyValue readAsSerialized = (KeyValue) order.read(serializedBytes);
            if (key.get(0) instanceof Missing) {
                // Java serialization made another Missing, equal to no other: the stock backend's own flaw
                assertThat(readAsSerialized.get(0)).isInstanceOf(Missing.class);
            } else {
                assertThat(readAsSerialized).isEqualTo(key);
            }
        }
        assertThat(compactBytes.hasRemaining()).isFalse();
        assertThat(serializedBytes.hasRemaining()).isFalse();
    }

    @Test
    void anIndexPageHoldsTensOfKeys() {
        withEmbedded(collection -> {
            for (long i = 1; i <= 2_000; i++) {
                collection.insertOne(new Document("_id", i));
            }
        }, true);
        MVStore store = new MVStore.Builder().fileName(data.resolve("tracker.mv.db").toString()).readOnly().open();
        try {
            Page<?, ?> root = store.openMap("tracker.commits._ordered_index__id_",
                    new MVMap.Builder<KeyValue, Object>().keyType(new PatchedH2Backend.KeyOrder())).getRootPage();
            List<Integer> leafSizes = new ArrayList<>();
            collectLeafSizes(root, leafSizes);
            assertThat(leafSizes.stream().mapToInt(Integer::intValue).sum()).isEqualTo(2_000);
            assertThat(leafSizes.size()).as("leaf pages for 2,000 keys").isLessThan(200);
        } finally {
            store.close();
        }
    }

    private static void collectLeafSizes(Page<?, ?> page, List<Integer> sizes) {
        if (page.isLeaf()) {
            sizes.add(page.getKeyCount());
            return;
        }
        for (int child = 0; child < page.getRawChildPageCount(); child++) {
            collectLeafSizes(page.getChildPage(child), sizes);
        }
    }

    @Test
    void keysOfAUniqueIndexSurviveARestart() {
        withEmbedded(collection -> {
            collection.createIndex(Indexes.ascending("agg", "seq"), new IndexOptions().unique(true));
            for (long i = 1; i <= 300; i++) {
                collection.insertOne(new Document("_id", "c-" + i).append("agg", "t-" + (i % 7)).append("seq", i));
            }
        }, true);
        withEmbedded(collection -> {
            assertThat(collection.find(eq("_id", "c-123")).first().getLong("seq")).isEqualTo(123L);
            assertThat(collection.find(new Document("agg", "t-4").append("seq", 4L)).first().getString("_id"))
                    .isEqualTo("c-4");
            assertDuplicate(() -> collection.insertOne(new Document("_id", "c-123")));
            assertDuplicate(() -> collection.insertOne(new Document("_id", "other").append("agg", "t-4")
                    .append("seq", 4L)));
        });
    }

    private MongoClient embeddedClient;

    /**
     * Opening the file reads no document for an index it holds, one no document has a value for included, nor for
     * an index that is not unique, which the server does not keep.
     */
    @Test
    void aStoredIndex_isNotBuiltAgainAtStart_andKeepsItsKeys() {
        withEmbedded(collection -> {
            collection.createIndex(Indexes.ascending("idem"), new IndexOptions().unique(true).sparse(true));
            collection.createIndex(Indexes.ascending("agg", "first"));
            collection.insertMany(StoredIndexes.documents());
        }, true);
        Path file = data.resolve("tracker.mv.db");
        MVStore store = EmbeddedMongo.openStore(file);
        long opening = StoredIndexes.readsOpening(store, () -> new PatchedH2Backend(store));
        store.close();
        assertThat(opening).isLessThan(StoredIndexes.readsScanning(file, "databases.tracker.commits") / 4);

        withEmbedded(collection -> {
            collection.insertOne(new Document("_id", -1L).append("idem", "k"));
            assertDuplicate(() -> collection.insertOne(new Document("_id", -2L).append("idem", "k")));
            assertThat(collection.find(eq("idem", "k")).first().getLong("_id")).isEqualTo(-1L);
        });
    }

    /** What opening a file reads, the stock way and the patched way; shared with the canary. */
    static final class StoredIndexes {

        private StoredIndexes() {
        }

        static List<Document> documents() {
            List<Document> documents = new ArrayList<>();
            for (long i = 0; i < 3_000; i++) {
                documents.add(new Document("_id", i).append("payload", "x".repeat(2_000)));
            }
            return documents;
        }

        /** The pages read from the file while the backend opens its databases. */
        static long readsOpening(MVStore store, Runnable open) {
            long before = store.getFileStore().getReadCount();
            open.run();
            return store.getFileStore().getReadCount() - before;
        }

        /** The pages read by one pass over a map of the file, opened for it. */
        static long readsScanning(Path file, String map) {
            try (MVStore store = new MVStore.Builder().fileName(file.toString()).readOnly().open()) {
                long before = store.getFileStore().getReadCount();
                store.openMap(map).values().forEach(value -> { });
                return store.getFileStore().getReadCount() - before;
            }
        }
    }

    private void withEmbedded(Consumer<MongoCollection<Document>> test) {
        withEmbedded(test, false);
    }

    /** Runs the test against a started embedded server, committing its store at the end when asked. */
    private void withEmbedded(Consumer<MongoCollection<Document>> test, boolean commit) {
        EmbeddedMongo embedded = EmbeddedMongo.start(data, 0);
        try (MongoClient client = MongoClients.create(embedded.connectionString("tracker"))) {
            embeddedClient = client;
            test.accept(client.getDatabase("tracker").getCollection("commits"));
            if (commit) {
                embedded.checkpoint();
            }
        } finally {
            embedded.close();
        }
    }

    private static void assertDuplicate(Runnable write) {
        assertThatThrownBy(write::run).isInstanceOfSatisfying(MongoWriteException.class,
                e -> assertThat(e.getError().getCategory()).isEqualTo(ErrorCategory.DUPLICATE_KEY));
    }
}
