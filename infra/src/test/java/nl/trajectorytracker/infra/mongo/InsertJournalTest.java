package nl.trajectorytracker.infra.mongo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.bson.Document;
import org.bson.RawBsonDocument;
import org.bson.codecs.DocumentCodec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;

/** The journal that makes an acknowledged insert survive a crash of the embedded server. */
class InsertJournalTest {

    @TempDir
    Path data;

    @Test
    void aRestartReadsEveryEntry_inOrder() {
        try (InsertJournal journal = new InsertJournal(data, false)) {
            for (int i = 0; i < 3; i++) {
                journal.append("tracker", "event_commits",
                        encoded(new Document("_id", (long) i).append("n", i)));
            }
        }
        try (InsertJournal restarted = new InsertJournal(data, false)) {
            assertThat(restarted.entries()).extracting(entry -> entry.document().getLong("_id"))
                    .containsExactly(0L, 1L, 2L);
            assertThat(restarted.entries().get(0).collection()).isEqualTo("event_commits");
        }
    }

    @Test
    void entriesBeyondTheMappedPart_continueTheFile() {
        String filler = "x".repeat(1_500);
        try (InsertJournal journal = new InsertJournal(data, false, 4_096)) {
            for (int i = 0; i < 100; i++) {
                journal.append("tracker", "event_commits",
                        encoded(new Document("_id", (long) i).append("filler", filler)));
            }
            // one larger than the mapped part itself
            journal.append("tracker", "event_commits",
                    encoded(new Document("_id", 100L).append("filler", "y".repeat(10_000))));
        }
        try (InsertJournal restarted = new InsertJournal(data, false, 4_096)) {
            assertThat(restarted.entries()).extracting(entry -> entry.document().getLong("_id"))
                    .containsExactlyElementsOf(java.util.stream.LongStream.rangeClosed(0, 100).boxed().toList());
            assertThat(restarted.entries().get(100).document().getString("filler")).hasSize(10_000);
        }
    }

    @Test
    void aJournalThatWaitsForTheDisk_isReadBackLikeAnyOther_acrossItsAllocations() {
        String filler = "x".repeat(1_500);
        InsertJournal synced = new InsertJournal(data, true, 4_096);
        for (int i = 0; i < 10; i++) {
            synced.append("tracker", "event_commits", encoded(new Document("_id", (long) i).append("filler", filler)));
        }
        // no close, as after a kill: every entry was flushed with the file's length when it was written
        try (InsertJournal restarted = new InsertJournal(data, false)) {
            assertThat(restarted.entries()).extracting(entry -> entry.document().getLong("_id"))
                    .containsExactlyElementsOf(java.util.stream.LongStream.range(0, 10).boxed().toList());
        }
    }

    @Test
    void aJournalNeverClosed_isReadUpToItsLastEntry() {
        InsertJournal crashed = new InsertJournal(data, false);
        crashed.append("tracker", "event_commits", encoded(new Document("_id", 1L)));
        crashed.append("tracker", "event_commits", encoded(new Document("_id", 2L)));
        // no close: the file keeps its mapped length, zeros after the entries, as after a kill
        try (InsertJournal restarted = new InsertJournal(data, false)) {
            assertThat(restarted.entries()).extracting(entry -> entry.document().getLong("_id"))
                    .containsExactly(1L, 2L);
        }
    }

    @Test
    void aWriteCutOffByTheCrash_isIgnored() throws Exception {
        try (InsertJournal journal = new InsertJournal(data, false)) {
            journal.append("tracker", "event_commits", encoded(new Document("_id", 1L)));
            journal.append("tracker", "event_commits", encoded(new Document("_id", 2L)));
        }
        Path file = Files.list(data).filter(path -> path.getFileName().toString().startsWith("journal-"))
                .findFirst().orElseThrow();
        byte[] whole = Files.readAllBytes(file);
        Files.write(file, java.util.Arrays.copyOf(whole, 30), StandardOpenOption.APPEND);

        try (InsertJournal restarted = new InsertJournal(data, false)) {
            assertThat(restarted.entries()).extracting(entry -> entry.document().getLong("_id"))
                    .containsExactly(1L, 2L);
        }
    }

    @Test
    void generationsCoveredByACommit_areDropped() {
        try (InsertJournal journal = new InsertJournal(data, false)) {
            journal.append("tracker", "c", encoded(new Document("_id", "before")));
            long finished = journal.rotate();
            journal.append("tracker", "c", encoded(new Document("_id", "after")));
            journal.deleteUpTo(finished);
        }
        try (InsertJournal restarted = new InsertJournal(data, false)) {
            assertThat(restarted.entries()).extracting(entry -> entry.document().getString("_id"))
                    .containsExactly("after");
        }
    }

    @Test
    void aDeleteMadeDurable_cannotBeBroughtBackByTheJournal() {
        EmbeddedMongo embedded = EmbeddedMongo.start(data, 0, Duration.ofHours(1), false);
        try (MongoClient client = MongoClients.create(embedded.connectionString("tracker"))) {
            MongoCollection<Document> keys = client.getDatabase("tracker").getCollection("personal_data_keys");
            Document key = new Document("_id", "key-1").append("key", "secret");
            try (InsertJournal.Reservation room = embedded.reserveJournal("tracker", "personal_data_keys",
                    encoded(key))) {
                keys.insertOne(key);
                room.append(encoded(key));
            }
            keys.deleteOne(Filters.eq("_id", "key-1"));
            embedded.commit();
        } finally {
            embedded.close();
        }
        try (InsertJournal journal = new InsertJournal(data, false)) {
            assertThat(journal.entries()).isEmpty();
        }
    }

    @Test
    void aCommitAnswersOnlyOnceWhatItCoversIsInTheDataFile_whileTheServerTakesRequests() throws Exception {
        EmbeddedMongo embedded = EmbeddedMongo.start(data, 0, Duration.ofHours(1), false);
        Path copy = Files.createDirectories(data.resolve("copy"));
        try (MongoClient client = MongoClients.create(embedded.connectionString("tracker"))) {
            MongoCollection<Document> notes = client.getDatabase("tracker").getCollection("notes");
            for (int round = 0; round < 3; round++) {
                List<Document> batch = new ArrayList<>();
                for (int i = 0; i < 5_000; i++) {
                    batch.add(new Document("_id", round * 5_000 + i).append("text", "note " + i + " ".repeat(200)));
                }
                notes.insertMany(batch);
                embedded.commit();
                // in the file once the next round commits; the last one never is
                notes.insertOne(new Document("_id", "uncommitted " + round));
            }
            // the data file as a crash right now would leave it, without the journal
            Files.copy(data.resolve("tracker.mv.db"), copy.resolve("tracker.mv.db"));
        } finally {
            embedded.close();
        }
        EmbeddedMongo fromTheCopy = EmbeddedMongo.start(copy, 0);
        try (MongoClient client = MongoClients.create(fromTheCopy.connectionString("tracker"))) {
            MongoCollection<Document> notes = client.getDatabase("tracker").getCollection("notes");
            assertThat(notes.countDocuments(Filters.type("_id", "number"))).isEqualTo(15_000);
            assertThat(notes.find(Filters.eq("_id", 14_999)).first()).isNotNull();
            assertThat(notes.find(Filters.eq("_id", "uncommitted 1")).first()).isNotNull();
            assertThat(notes.find(Filters.eq("_id", "uncommitted 2")).first()).isNull();
        } finally {
            fromTheCopy.close();
        }
    }

    @Test
    void journaledInsertsMissingFromTheDataFile_areRestoredOnStart() throws Exception {
        // a data file that never saw the inserts: a journal written next to an empty store
        EmbeddedMongo.start(data, 0).close();
        try (InsertJournal journal = new InsertJournal(data, false)) {
            journal.append("tracker", "event_commits",
                    encoded(new Document("_id", 1L).append("key", "a#0")));
            journal.append("tracker", "event_commits",
                    encoded(new Document("_id", 2L).append("key", "a#1")));
        }
        EmbeddedMongo embedded = EmbeddedMongo.start(data, 0);
        try (MongoClient client = MongoClients.create(embedded.connectionString("tracker"))) {
            assertThat(client.getDatabase("tracker").getCollection("event_commits").countDocuments()).isEqualTo(2);
        } finally {
            embedded.close();
        }
        EmbeddedMongo again = EmbeddedMongo.start(data, 0);
        try (MongoClient client = MongoClients.create(again.connectionString("tracker"))) {
            assertThat(client.getDatabase("tracker").getCollection("event_commits").countDocuments()).isEqualTo(2);
        } finally {
            again.close();
        }
    }

    @Test
    void aJournalThatCannotGrow_refusesTheReservation_beforeTheInsert_andKeepsWhatItHas() {
        DiskFilling disk = new DiskFilling();
        try (InsertJournal journal = new InsertJournal(data, false, 4_096, disk)) {
            journal.append("tracker", "event_commits", encoded(new Document("_id", 1L)));
            disk.full = true;

            assertThatThrownBy(() -> journal.reserve("tracker", "event_commits",
                    encoded(new Document("_id", 2L).append("filler", "x".repeat(5_000)))))
                    .isInstanceOf(UncheckedIOException.class).hasMessageContaining("cannot grow");
            // what still fits in the space allocated before is journaled as ever
            try (InsertJournal.Reservation room = journal.reserve("tracker", "event_commits",
                    encoded(new Document("_id", 3L)))) {
                room.append(encoded(new Document("_id", 3L)));
            }
        }
        try (InsertJournal restarted = new InsertJournal(data, false)) {
            assertThat(restarted.entries()).extracting(entry -> entry.document().getLong("_id"))
                    .containsExactly(1L, 3L);
        }
    }

    @Test
    void aReservedEntry_isWrittenIntoSpaceAllocatedBeforeTheInsert() {
        DiskFilling disk = new DiskFilling();
        String filler = "x".repeat(3_000);
        try (InsertJournal journal = new InsertJournal(data, false, 4_096, disk)) {
            journal.append("tracker", "event_commits", encoded(new Document("_id", 1L).append("filler", filler)));
            InsertJournal.Reservation room = journal.reserve("tracker", "event_commits",
                    encoded(new Document("_id", 2L).append("filler", filler)));
            disk.full = true; // between the reservation and the journaling, as another writer could fill it
            room.append(encoded(new Document("_id", 2L).append("filler", filler)));
        }
        try (InsertJournal restarted = new InsertJournal(data, false)) {
            assertThat(restarted.entries()).extracting(entry -> entry.document().getLong("_id"))
                    .containsExactly(1L, 2L);
        }
    }

    @Test
    void aRotationOntoAFullDisk_keepsWritingTheCurrentGeneration() {
        DiskFilling disk = new DiskFilling();
        try (InsertJournal journal = new InsertJournal(data, false, 4_096, disk)) {
            journal.append("tracker", "c", encoded(new Document("_id", "before")));
            disk.full = true;
            assertThatThrownBy(journal::rotate).isInstanceOf(UncheckedIOException.class);
            journal.append("tracker", "c", encoded(new Document("_id", "after")));
            disk.full = false;
            long finished = journal.rotate();
            journal.append("tracker", "c", encoded(new Document("_id", "next")));
            journal.deleteUpTo(finished);
        }
        try (InsertJournal restarted = new InsertJournal(data, false)) {
            assertThat(restarted.entries()).extracting(entry -> entry.document().getString("_id"))
                    .containsExactly("next");
        }
    }

    @Test
    void aReservationClosedUnused_givesItsRoomBack() {
        DiskFilling disk = new DiskFilling();
        String filler = "x".repeat(1_500);
        try (InsertJournal journal = new InsertJournal(data, false, 4_096, disk)) {
            for (int i = 0; i < 10; i++) {
                // an insert that failed (a conflict) never journals; its room must not stay taken
                journal.reserve("tracker", "c", encoded(new Document("_id", (long) i).append("filler", filler)))
                        .close();
            }
            assertThat(disk.allocations).isEqualTo(1);
        }
    }

    /** Allocates as a disk does, until it is full. */
    private static final class DiskFilling implements InsertJournal.SpaceAllocation {
        volatile boolean full;
        int allocations;

        @Override
        public void allocate(FileChannel file, long from, long to) throws IOException {
            if (full) {
                throw new IOException("No space left on device");
            }
            allocations++;
            file.write(ByteBuffer.allocate((int) (to - from)), from);
        }
    }

    private static RawBsonDocument encoded(Document document) {
        return new RawBsonDocument(document, new DocumentCodec());
    }
}
