package nl.trajectorytracker.infra.mongo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.LongStream;

import org.bson.BsonBinaryWriter;
import org.bson.codecs.DocumentCodec;
import org.bson.codecs.EncoderContext;
import org.bson.io.BasicOutputBuffer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import de.bwaldvogel.mongo.bson.Document;
import de.bwaldvogel.mongo.wire.bson.BsonEncoder;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;

/** The embedded server's write-ahead journal, read back as a restart after a crash reads it. */
class WriteJournalTest {

    @TempDir
    Path data;

    @Test
    void aRestartReadsEveryCommand_inOrder() {
        try (WriteJournal journal = new WriteJournal(data, false, 0)) {
            for (long i = 0; i < 3; i++) {
                journal.append("tracker", insert(i, "x"));
            }
        }
        try (WriteJournal restarted = new WriteJournal(data, false, 0)) {
            List<WriteJournal.Entry> entries = restarted.entriesAfter(0);
            assertThat(entries).extracting(WriteJournalTest::firstId).containsExactly(0L, 1L, 2L);
            assertThat(entries.get(0).database()).isEqualTo("tracker");
            assertThat(entries.get(0).command().get("insert")).isEqualTo("event_commits");
        }
    }

    @Test
    void entriesBeyondTheMappedPart_continueTheFile() {
        String filler = "x".repeat(1_500);
        try (WriteJournal journal = new WriteJournal(data, false, 0, 4_096, WriteJournalTest::zeros)) {
            for (long i = 0; i < 100; i++) {
                journal.append("tracker", insert(i, filler));
            }
            // one larger than the mapped part itself
            journal.append("tracker", insert(100, "y".repeat(10_000)));
        }
        try (WriteJournal restarted = new WriteJournal(data, false, 0)) {
            assertThat(restarted.entriesAfter(0)).extracting(WriteJournalTest::firstId)
                    .containsExactlyElementsOf(LongStream.rangeClosed(0, 100).boxed().toList());
        }
    }

    @Test
    void aJournalThatWaitsForTheDisk_isReadBackLikeAnyOther_acrossItsAllocations() {
        WriteJournal synced = new WriteJournal(data, true, 0, 4_096, WriteJournalTest::zeros);
        for (long i = 0; i < 10; i++) {
            synced.force(synced.append("tracker", insert(i, "x".repeat(1_500))));
        }
        synced.abandon();
        try (WriteJournal restarted = new WriteJournal(data, false, 0)) {
            assertThat(restarted.entriesAfter(0)).extracting(WriteJournalTest::firstId)
                    .containsExactlyElementsOf(LongStream.range(0, 10).boxed().toList());
        }
    }

    @Test
    void aJournalNeverClosed_isReadUpToItsLastEntry_andAWriteCutOffByTheCrashIsIgnored() throws IOException {
        WriteJournal crashed = new WriteJournal(data, false, 0);
        crashed.append("tracker", insert(1, "a"));
        crashed.append("tracker", insert(2, "b"));
        crashed.abandon();
        Path file = data.resolve("journal-1.bson");
        byte[] whole = Files.readAllBytes(file);
        // the first thirty bytes of a third entry where the zeros after the second begin: a torn write
        int end = 0;
        while (end + 4 <= whole.length && littleEndianInt(whole, end) > 0) {
            end += littleEndianInt(whole, end);
        }
        System.arraycopy(whole, 0, whole, end, 30);
        Files.write(file, whole);
        try (WriteJournal restarted = new WriteJournal(data, false, 0)) {
            assertThat(restarted.entriesAfter(0)).extracting(WriteJournalTest::firstId).containsExactly(1L, 2L);
        }
    }

    @Test
    void generationsTheDataFileCovers_areNeitherReadNorReused() throws IOException {
        try (WriteJournal journal = new WriteJournal(data, false, 0)) {
            journal.append("tracker", insert(1, "before"));
            long finished = journal.rotate();
            journal.append("tracker", insert(2, "after"));
            assertThat(finished).isEqualTo(1);
            journal.deleteUpTo(finished);
        }
        try (WriteJournal restarted = new WriteJournal(data, false, 1)) {
            assertThat(restarted.entriesAfter(1)).extracting(WriteJournalTest::firstId).containsExactly(2L);
        }
        // every file deleted (a clean stop), the data file covering generation 7: the next one is 8, never 1
        Path fresh = Files.createDirectories(data.resolve("fresh"));
        try (WriteJournal journal = new WriteJournal(fresh, false, 7)) {
            assertThat(journal.generation()).isEqualTo(8);
        }
    }

    @Test
    void aJournalThatCannotGrow_refusesTheAppend_andKeepsWhatItHas() {
        boolean[] full = {false};
        WriteJournal journal = new WriteJournal(data, false, 0, 4_096, (file, from, to) -> {
            if (full[0]) {
                throw new IOException("No space left on device");
            }
            zeros(file, from, to);
        });
        journal.append("tracker", insert(1, "x".repeat(1_000)));
        full[0] = true;
        assertThatThrownBy(() -> {
            for (long i = 2; i < 10; i++) {
                journal.append("tracker", insert(i, "x".repeat(1_000)));
            }
        }).isInstanceOf(UncheckedIOException.class).hasMessageContaining("cannot grow");
        assertThatThrownBy(journal::rotate).isInstanceOf(UncheckedIOException.class);
        full[0] = false;
        journal.append("tracker", insert(99, "after"));
        journal.abandon();
        try (WriteJournal restarted = new WriteJournal(data, false, 0)) {
            assertThat(restarted.entriesAfter(0)).extracting(WriteJournalTest::firstId)
                    .startsWith(1L).endsWith(99L).doesNotHaveDuplicates();
        }
    }

    @Test
    void anInsertThePreviousVersionJournaled_isReadAsAnInsertCommand() throws IOException {
        org.bson.Document envelope = new org.bson.Document("db", "tracker").append("c", "event_commits")
                .append("d", new org.bson.Document("_id", 7L).append("key", "a#0"));
        BasicOutputBuffer buffer = new BasicOutputBuffer();
        new DocumentCodec().encode(new BsonBinaryWriter(buffer), envelope, EncoderContext.builder().build());
        Files.write(data.resolve("journal-3.bson"), buffer.toByteArray());
        try (WriteJournal restarted = new WriteJournal(data, false, 0)) {
            WriteJournal.Entry entry = restarted.entriesAfter(0).get(0);
            assertThat(entry.command().get("insert")).isEqualTo("event_commits");
            assertThat(firstId(entry)).isEqualTo(7L);
            assertThat(restarted.generation()).isEqualTo(4);
        }
    }

    private static byte[] insert(long id, String text) {
        Document command = new Document("insert", "event_commits")
                .append("documents", List.of(new Document("_id", id).append("text", text)))
                .append("ordered", true);
        ByteBuf buffer = Unpooled.buffer();
        BsonEncoder.encodeDocument(command, buffer);
        return ByteBufUtil.getBytes(buffer);
    }

    @SuppressWarnings("unchecked")
    private static Object firstId(WriteJournal.Entry entry) {
        return ((List<Document>) entry.command().get("documents")).get(0).get("_id");
    }

    private static int littleEndianInt(byte[] bytes, int at) {
        return (bytes[at] & 0xff) | (bytes[at + 1] & 0xff) << 8 | (bytes[at + 2] & 0xff) << 16
                | (bytes[at + 3] & 0xff) << 24;
    }

    private static void zeros(FileChannel file, long from, long to) throws IOException {
        file.write(java.nio.ByteBuffer.allocate((int) (to - from)), from);
    }
}
