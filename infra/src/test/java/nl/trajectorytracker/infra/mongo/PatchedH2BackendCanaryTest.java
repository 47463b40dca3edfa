package nl.trajectorytracker.infra.mongo;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.bson.Document;
import org.h2.mvstore.MVMap;
import org.h2.mvstore.MVStore;
import org.h2.mvstore.RandomAccessStore;
import org.h2.mvstore.type.ObjectDataType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.mongodb.MongoNamespace;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;

import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.AbstractSynchronizedMongoCollection;
import de.bwaldvogel.mongo.backend.DefaultQueryMatcher;
import de.bwaldvogel.mongo.backend.KeyValue;
import de.bwaldvogel.mongo.backend.QueryParameters;
import de.bwaldvogel.mongo.backend.h2.H2Backend;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;

import io.netty.channel.Channel;

/**
 * Canaries: each test pins the upstream behaviour (mongo-java-server, H2) that a patch of the embedded server works
 * around, and fails when upstream changes it. A failing canary means the patch may no longer be needed, or no longer
 * fits: look at the patch named in the test before changing the test.
 */
class PatchedH2BackendCanaryTest {

    @TempDir
    Path data;

    /** {@link PatchedH2Backend.KeyOrder}: the stock unique index orders keys H2 does not know by serializing them. */
    @Test
    void theStockIndex_isAnH2MapOfKeysThatAreNotComparable() {
        MVStore store = new MVStore.Builder().fileName(data.resolve("stock.mv.db").toString()).open();
        MongoServer server = new MongoServer(new H2Backend(store));
        try (MongoClient client = MongoClients.create(server.bindAndGetConnectionString())) {
            client.getDatabase("tracker").getCollection("c").createIndex(Indexes.ascending("key"),
                    new IndexOptions().unique(true));
            MVMap<Object, Object> index = store.openMap("tracker.c._index_key_1");
            assertThat(index.getKeyType()).isInstanceOf(ObjectDataType.class);
            assertThat(Comparable.class.isAssignableFrom(KeyValue.class)).isFalse();
        } finally {
            server.shutdownNow();
        }
    }

    /** {@code PatchedH2Backend.IdSet}: the stock matcher goes through the whole {@code $in} list for each document. */
    @Test
    void theStockMatcher_walksEveryListedIdForEachDocument() {
        AtomicInteger visited = new AtomicInteger();
        List<Object> ids = new ArrayList<>(List.of(1L, 2L, 3L, 4L, 5L)) {
            @Override
            public Iterator<Object> iterator() {
                Iterator<Object> all = super.iterator();
                return new Iterator<>() {
                    @Override
                    public boolean hasNext() {
                        return all.hasNext();
                    }

                    @Override
                    public Object next() {
                        visited.incrementAndGet();
                        return all.next();
                    }
                };
            }
        };
        de.bwaldvogel.mongo.bson.Document query = new de.bwaldvogel.mongo.bson.Document("_id",
                new de.bwaldvogel.mongo.bson.Document("$in", ids));
        DefaultQueryMatcher matcher = new DefaultQueryMatcher();
        for (long id = 1; id <= 5; id++) {
            assertThat(matcher.matches(new de.bwaldvogel.mongo.bson.Document("_id", 9L), query)).isFalse();
        }
        assertThat(visited.get()).isEqualTo(25);
    }

    /** {@code PatchedH2Backend.Collection#handleQuery}: a stock query holds the lock the collection's writes take. */
    @Test
    void theStockCollection_answersAQueryUnderItsWriteLock() throws Exception {
        assertThat(Modifier.isSynchronized(AbstractSynchronizedMongoCollection.class
                .getMethod("handleQuery", QueryParameters.class).getModifiers())).isTrue();
    }

    /** {@code PatchedH2Backend.Batches}: the stock server answers a find without a batch size in one batch. */
    @Test
    void theStockServer_putsEveryMatchIntoTheFirstBatch() {
        MongoServer server = new MongoServer(new MemoryBackend());
        try (MongoClient client = MongoClients.create(server.bindAndGetConnectionString())) {
            MongoDatabase database = client.getDatabase("tracker");
            for (long i = 0; i < 300; i++) {
                database.getCollection("c").insertOne(new Document("_id", i));
            }
            Document answer = database.runCommand(new Document("find", "c"));
            assertThat(answer.get("cursor", Document.class).getList("firstBatch", Document.class)).hasSize(300);
        } finally {
            server.shutdownNow();
        }
    }

    /** {@code PatchedH2Backend.Database#moveCollection}: the stock rename leaves the documents under the old name. */
    @Test
    void theStockRename_leavesTheDocumentsWhereARestartDoesNotLook() {
        String file = data.resolve("rename.mv.db").toString();
        MongoServer server = new MongoServer(new H2Backend(new MVStore.Builder().fileName(file).open()));
        try (MongoClient client = MongoClients.create(server.bindAndGetConnectionString())) {
            var collection = client.getDatabase("tracker").getCollection("before");
            collection.insertOne(new Document("_id", 1L));
            collection.renameCollection(new MongoNamespace("tracker", "after"));
        } finally {
            server.shutdownNow();
        }
        MongoServer restarted = new MongoServer(new H2Backend(new MVStore.Builder().fileName(file).open()));
        try (MongoClient client = MongoClients.create(restarted.bindAndGetConnectionString())) {
            assertThat(client.getDatabase("tracker").getCollection("after").countDocuments()).isZero();
        } finally {
            restarted.shutdownNow();
        }
    }

    /**
     * {@code PatchedH2Backend.OrderedUniqueIndex#isEmpty}: opening a file, the stock backend builds an index that has
     * no key again from every document of its collection.
     */
    @Test
    void theStockBackend_buildsAStoredEmptyIndexAgainFromEveryDocument_whenItOpensTheFile() {
        String file = data.resolve("index.mv.db").toString();
        MongoServer server = new MongoServer(new H2Backend(new MVStore.Builder().fileName(file).open()));
        try (MongoClient client = MongoClients.create(server.bindAndGetConnectionString())) {
            var collection = client.getDatabase("tracker").getCollection("commits");
            collection.createIndex(Indexes.ascending("idem"), new IndexOptions().unique(true).sparse(true));
            collection.insertMany(PatchedH2BackendTest.StoredIndexes.documents());
        } finally {
            server.shutdownNow();
        }
        long opening;
        try (MVStore store = new MVStore.Builder().fileName(file).open()) {
            opening = PatchedH2BackendTest.StoredIndexes.readsOpening(store, () -> new H2Backend(store));
        }
        assertThat(opening).isGreaterThanOrEqualTo(
                PatchedH2BackendTest.StoredIndexes.readsScanning(Path.of(file), "databases.tracker.commits"));
    }

    /** {@link WireServer}: the stock server runs a connection's commands on a network thread others share. */
    @Test
    void theStockServer_holdsUpAConnectionBehindAnotherOnesLongCommand() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        SlowBackend backend = new SlowBackend(release);
        MongoServer server = new MongoServer(backend);
        server.bind(new java.net.InetSocketAddress("127.0.0.1", 0), 1, 1);
        String uri = "mongodb://127.0.0.1:" + server.getLocalAddress().getPort();
        try (MongoClient slow = MongoClients.create(uri); MongoClient other = MongoClients.create(uri)) {
            other.getDatabase("tracker").runCommand(new Document("ping", 1));
            Thread blocked = new Thread(() -> slow.getDatabase("tracker").runCommand(new Document("slow", 1)));
            blocked.start();
            assertThat(backend.entered.await(10, TimeUnit.SECONDS)).as("the long command is being handled").isTrue();
            AtomicInteger answered = new AtomicInteger();
            Thread ping = new Thread(() -> {
                other.getDatabase("tracker").runCommand(new Document("ping", 1));
                answered.incrementAndGet();
            });
            ping.start();
            ping.join(1_000);
            assertThat(answered.get()).as("a ping behind a long command on the one network thread").isZero();
            release.countDown();
            ping.join(5_000);
            blocked.join(5_000);
        } finally {
            release.countDown();
            server.shutdownNow();
        }
    }

    /** A server whose command {@code slow} waits until released. */
    static final class SlowBackend extends MemoryBackend {

        private final CountDownLatch release;
        /** Counted down once a {@code slow} command is being handled. */
        final CountDownLatch entered = new CountDownLatch(1);

        SlowBackend(CountDownLatch release) {
            this.release = release;
        }

        @Override
        public de.bwaldvogel.mongo.bson.Document handleCommand(Channel channel, String database, String command,
                de.bwaldvogel.mongo.bson.Document query) {
            if ("slow".equals(command)) {
                entered.countDown();
                try {
                    release.await(30, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                return new de.bwaldvogel.mongo.bson.Document("ok", 1.0);
            }
            return super.handleCommand(channel, database, command, query);
        }
    }

    /**
     * {@link DurableBackend#checkpoint}: H2 with these settings never commits on its own, and a commit's version holds
     * no write made after it was taken, however long H2 takes to write its pages.
     */
    @Test
    void h2_commitsOnlyWhenAsked_andAVersionTakenHoldsNoLaterWrite() {
        String file = data.resolve("h2.mv.db").toString();
        MVStore store = new MVStore.Builder().fileName(file).autoCommitDisabled().autoCommitBufferSize(0).open();
        store.setAutoCommitDelay(Integer.MAX_VALUE);
        MVMap<Long, String> map = store.openMap("m");
        map.put(1L, "committed");
        assertThat(store.tryCommit()).isPositive();
        for (long i = 2; i < 50_000; i++) {
            map.put(i, "x".repeat(100));
        }
        store.executeFilestoreOperation(() -> {
        });
        store.closeImmediately();
        MVStore reopened = new MVStore.Builder().fileName(file).readOnly().open();
        try {
            MVMap<Long, String> read = reopened.openMap("m");
            assertThat(read.get(1L)).isEqualTo("committed");
            assertThat(read.sizeAsLong()).isEqualTo(1);
        } finally {
            reopened.close();
        }
    }

    /**
     * {@link DurableBackend#checkpointAndCompact}: moving chunks into the holes of the file commits what the maps
     * hold, a write not yet committed included, which is why the move runs with the writes held, right after a
     * commit the journal covers.
     */
    @Test
    void h2_movingChunksIntoHoles_commitsWhatTheMapsHold() throws Exception {
        Path file = data.resolve("move.mv.db");
        MVStore store = EmbeddedMongo.openStore(file);
        store.setRetentionTime(0);
        MVMap<Long, String> map = store.openMap("m");
        // loaded in small commits, two thirds removed, the rest rewritten: holes between the chunks
        for (long i = 0; i < 3_000; i++) {
            map.put(i, "x".repeat(8_000));
            if (i % 100 == 99) {
                store.commit();
            }
        }
        for (long i = 1_000; i < 3_000; i++) {
            map.remove(i);
        }
        store.commit();
        for (int round = 0; round < 3; round++) {
            for (long i = 0; i < 1_000; i++) {
                map.put(i, round + "x".repeat(8_000));
            }
            store.commit();
        }
        map.put(-2L, "committed");
        store.commit();
        store.executeFilestoreOperation(store.getFileStore()::dropUnusedChunks);
        long before = Files.size(file);
        map.put(-1L, "not committed");
        RandomAccessStore fileStore = (RandomAccessStore) store.getFileStore();
        fileStore.compactMoveChunks(101, DurableBackend.MOVE_BYTES, store);
        assertThat(Files.size(file)).as("the file shrank: chunks moved").isLessThan(before);
        store.closeImmediately();
        try (MVStore reopened = new MVStore.Builder().fileName(file.toString()).readOnly().open()) {
            assertThat(reopened.<Long, String>openMap("m").get(-1L)).isEqualTo("not committed");
        }
    }
}
