package nl.trajectorytracker.infra.mongo;

import static com.mongodb.client.model.Filters.eq;
import static com.mongodb.client.model.Filters.gte;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

import org.bson.Document;
import org.h2.mvstore.MVStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;

/**
 * The embedded store compacts its data file as it checkpoints: after documents were deleted and rewritten, the file
 * shrinks to within 1.3 times the file of a fresh load of what is left, the documents stay as they were, and a read
 * that began before the compaction reads on through it.
 */
class DataFileCompactionTest {

    private static final int DOCUMENTS = 3_000;
    private static final String PAYLOAD = "p".repeat(8_000);

    @TempDir
    Path data;

    @Test
    void afterDeletesAndRewrites_theFileShrinksToNearAFreshLoad_andAReadGoesOnThroughIt() {
        long fresh = freshLoadSize(data.resolve("fresh"));
        Path churned = data.resolve("churned");
        try (Running store = new Running(churned)) {
            MongoCollection<Document> documents = store.documents();
            load(store, documents, 0, DOCUMENTS);
            documents.deleteMany(gte("_id", (long) DOCUMENTS / 3));
            store.backend.checkpoint();
            for (int round = 0; round < 3; round++) {
                for (long id = 0; id < DOCUMENTS / 3; id++) {
                    documents.replaceOne(eq("_id", id), document(id, round));
                }
                store.backend.checkpoint();
            }
            long before = size(churned);
            assertThat(before).isGreaterThan(2 * fresh);

            Iterator<Document> read = documents.find().batchSize(10).iterator();
            List<Long> seen = new ArrayList<>();
            for (int i = 0; i < 10; i++) {
                seen.add(read.next().getLong("_id"));
            }
            // chunks move once no write came for a while: checkpoints go on until the file shrank
            await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(50)).until(() -> {
                store.backend.checkpointAndCompact();
                if (read.hasNext()) {
                    seen.add(read.next().getLong("_id"));
                }
                return size(churned) <= 1.3 * fresh;
            });
            read.forEachRemaining(document -> seen.add(document.getLong("_id")));

            assertThat(size(churned)).isLessThanOrEqualTo((long) (1.3 * fresh));
            assertThat(seen).hasSize(DOCUMENTS / 3).doesNotHaveDuplicates();
            for (Document document : documents.find()) {
                assertThat(document.getInteger("round")).isEqualTo(2);
                assertThat(document.getString("payload")).isEqualTo(PAYLOAD);
            }
        }
        try (Running reopened = new Running(churned)) {
            assertThat(reopened.documents().countDocuments()).isEqualTo(DOCUMENTS / 3);
            assertThat(reopened.documents().find(eq("_id", 7L)).first().getInteger("round")).isEqualTo(2);
        }
    }

    @Test
    void aChunkLargerThanTheOldMoveBudget_movesIntoTheHolesBeforeIt() {
        int large = 5_000; // about 40 MB in the one chunk of one checkpoint, as a second of a rebuild writes
        Path freshDirectory = data.resolve("fresh-large");
        try (Running store = new Running(freshDirectory)) {
            MongoCollection<Document> documents = store.documents();
            documents.insertMany(documents(DOCUMENTS * 3, DOCUMENTS * 3 + large));
            store.backend.checkpoint();
        }
        long fresh = size(freshDirectory);
        Path moved = data.resolve("moved");
        try (Running store = new Running(moved)) {
            MongoCollection<Document> documents = store.documents();
            load(store, documents, 0, DOCUMENTS * 3);
            documents.insertMany(documents(DOCUMENTS * 3, DOCUMENTS * 3 + large));
            store.backend.checkpoint();
            documents.deleteMany(Filters.lt("_id", (long) DOCUMENTS * 3));
            store.backend.checkpoint();
            assertThat(size(moved)).isGreaterThan(2 * fresh);

            await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(50)).until(() -> {
                store.backend.checkpointAndCompact();
                return size(moved) <= 1.3 * fresh;
            });
            assertThat(store.backend.dataFile().compacted()).isTrue();
            assertThat(documents.countDocuments()).isEqualTo(large);
        }
        try (Running reopened = new Running(moved)) {
            assertThat(reopened.documents().countDocuments()).isEqualTo(large);
        }
    }

    private static List<Document> documents(long from, long to) {
        List<Document> documents = new ArrayList<>();
        for (long id = from; id < to; id++) {
            documents.add(document(id, 2));
        }
        return documents;
    }

    /** The file of a store that was given only the documents the churned store keeps. */
    private static long freshLoadSize(Path directory) {
        try (Running store = new Running(directory)) {
            load(store, store.documents(), 0, DOCUMENTS / 3);
        }
        return size(directory);
    }

    private static void load(Running store, MongoCollection<Document> documents, int from, int to) {
        List<Document> batch = new ArrayList<>();
        for (long id = from; id < to; id++) {
            batch.add(document(id, 2));
            if (batch.size() == 100) {
                documents.insertMany(batch);
                batch.clear();
                store.backend.checkpoint();
            }
        }
        if (!batch.isEmpty()) {
            documents.insertMany(batch);
        }
        store.backend.checkpoint();
    }

    private static Document document(long id, int round) {
        return new Document("_id", id).append("round", round).append("payload", PAYLOAD);
    }

    private static long size(Path directory) {
        try {
            return Files.size(directory.resolve("tracker.mv.db"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The embedded server's backend, checkpointed by the test rather than on a schedule. H2 keeps a chunk no version
     * needs any more for its retention time before it reuses the space; none here stands for that time having passed.
     */
    private static final class Running implements AutoCloseable {

        final DurableBackend backend;
        private final WireServer server;
        private final MongoClient client;

        Running(Path directory) {
            try {
                Files.createDirectories(directory);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            MVStore store = EmbeddedMongo.openStore(directory.resolve("tracker.mv.db"));
            store.setRetentionTime(0);
            backend = DurableBackend.open(store, directory, false);
            server = WireServer.listen(backend, "127.0.0.1", 0);
            client = MongoClients.create("mongodb://127.0.0.1:" + server.address().getPort());
        }

        MongoCollection<Document> documents() {
            return client.getDatabase("tracker").getCollection("documents");
        }

        @Override
        public void close() {
            client.close();
            server.close();
            backend.close();
        }
    }
}
