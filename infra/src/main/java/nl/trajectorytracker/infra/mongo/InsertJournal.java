package nl.trajectorytracker.infra.mongo;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.bson.BsonBinaryReader;
import org.bson.Document;
import org.bson.RawBsonDocument;
import org.bson.codecs.DecoderContext;
import org.bson.codecs.DocumentCodec;

/**
 * An append-only file of documents inserted into the embedded server: what makes an insert durable without
 * committing the whole H2 store for it.
 *
 * <p>
 * A writer inserts a document, appends it here, and only then acknowledges it. Every so often the store is committed
 * ({@link #rotate()} first, so that every entry of the finished generation was inserted before the commit began),
 * and the finished generations are deleted. After a crash the entries still in the journal are inserted again where
 * the data file lacks them ({@link #entries()}). A write that was cut off by the crash is the tail of the last file;
 * its insert was never acknowledged, and it is ignored.
 *
 * <p>
 * Only inserts of documents that are never changed afterwards belong here (event commits, encryption keys): replaying
 * them can only restore what was lost, never undo a later change.
 */
final class InsertJournal implements AutoCloseable {

    private static final Pattern FILE = Pattern.compile("journal-(\\d+)\\.bson");
    private static final DocumentCodec CODEC = new DocumentCodec();
    /**
     * How much of a generation's file is set aside, written with zeros, and mapped at a time; the file grows by as
     * much when it is full. The zeros make the file system allocate the space before a document is inserted: a write
     * into a mapped page the disk has no room for is not an error to catch but a fault of the whole process.
     */
    static final int ALLOCATION_BYTES = 1024 * 1024;
    private static final byte STRING = 0x02;
    private static final byte EMBEDDED_DOCUMENT = 0x03;
    private static final ByteBuffer ZEROS = ByteBuffer.allocateDirect(64 * 1024);

    private final Path directory;
    private final boolean sync;
    private final int allocationBytes;
    private final SpaceAllocation allocation;
    private FileChannel current;
    private MappedByteBuffer mapped;
    /** Where in the current file the mapped part begins. */
    private long mappedFrom;
    /** How much of the current file is written, with entries or with the zeros that set it aside. */
    private long allocatedTo;
    /** Bytes promised to reservations not yet used or closed. */
    private long reserved;
    private long generation;

    /** One journaled insert. */
    record Entry(String database, String collection, Document document) {
    }

    /** How the journal makes the file system set space aside; replaced in tests by a full disk. */
    @FunctionalInterface
    interface SpaceAllocation {
        void allocate(FileChannel file, long from, long to) throws IOException;
    }

    InsertJournal(Path directory, boolean sync) {
        this(directory, sync, ALLOCATION_BYTES, InsertJournal::writeZeros);
    }

    InsertJournal(Path directory, boolean sync, int allocationBytes) {
        this(directory, sync, allocationBytes, InsertJournal::writeZeros);
    }

    InsertJournal(Path directory, boolean sync, int allocationBytes, SpaceAllocation allocation) {
        this.directory = directory;
        this.sync = sync;
        this.allocationBytes = allocationBytes;
        this.allocation = allocation;
        this.generation = generations().stream().mapToLong(Long::longValue).max().orElse(0) + 1;
        this.current = allocated(generation, allocationBytes);
        this.allocatedTo = allocationBytes;
        map(0, allocationBytes);
    }

    /**
     * Sets aside room for the entry of a document about to be inserted: call before the insert, so that a journal
     * that cannot grow (a full disk) refuses the write before anything is written. The insert then journals through
     * the reservation, into space the file system has already allocated.
     *
     * @throws UncheckedIOException when the journal cannot grow; nothing is reserved then
     */
    synchronized Reservation reserve(String database, String collection, RawBsonDocument document) {
        int length = entryLength(database, collection, document);
        room(reserved + length);
        reserved += length;
        return new Reservation(database, collection, length);
    }

    /** Room for one entry, to be written once its document was inserted. */
    final class Reservation implements AutoCloseable {

        private final String database;
        private final String collection;
        private final int length;
        private boolean pending = true;

        private Reservation(String database, String collection, int length) {
            this.database = database;
            this.collection = collection;
            this.length = length;
        }

        /** Journals the inserted document (of the reserved size: a retry may have changed its values, not its size). */
        void append(RawBsonDocument document) {
            synchronized (InsertJournal.this) {
                release();
                InsertJournal.this.append(database, collection, document);
            }
        }

        /** Gives the room back if the insert never came to be journaled. */
        @Override
        public void close() {
            synchronized (InsertJournal.this) {
                release();
            }
        }

        private void release() {
            if (pending) {
                reserved -= length;
                pending = false;
            }
        }
    }

    /**
     * Appends an entry: the envelope {@code {db, c, d}} around the document's bytes as they are, written into the
     * file's mapping. Once written there it is in the operating system's page cache, which a crash of the process
     * does not lose, so a write costs a copy instead of a system call (and with {@code sync}, a flush of those
     * pages to the disk). Without a reservation made first, a journal that cannot grow fails here.
     */
    synchronized void append(String database, String collection, RawBsonDocument document) {
        ByteBuffer bytes = document.getByteBuffer().asNIO();
        byte[] db = database.getBytes(StandardCharsets.UTF_8);
        byte[] c = collection.getBytes(StandardCharsets.UTF_8);
        int length = entryLength(db, c, bytes.remaining());
        room(length);
        int begin = mapped.position();
        mapped.putInt(length);
        putString(mapped, "db", db);
        putString(mapped, "c", c);
        mapped.put(EMBEDDED_DOCUMENT).put((byte) 'd').put((byte) 0).put(bytes).put((byte) 0);
        if (sync) {
            mapped.force(begin, length);
        }
    }

    private static int entryLength(String database, String collection, RawBsonDocument document) {
        return entryLength(database.getBytes(StandardCharsets.UTF_8), collection.getBytes(StandardCharsets.UTF_8),
                document.getByteBuffer().remaining());
    }

    private static int entryLength(byte[] db, byte[] c, int documentBytes) {
        return 4 + stringElement(2, db) + stringElement(1, c) + 1 + 2 + documentBytes + 1;
    }

    private static int stringElement(int nameLength, byte[] value) {
        return 1 + nameLength + 1 + 4 + value.length + 1;
    }

    private static void putString(ByteBuffer buffer, String name, byte[] value) {
        buffer.put(STRING);
        for (int i = 0; i < name.length(); i++) {
            buffer.put((byte) name.charAt(i));
        }
        buffer.put((byte) 0).putInt(value.length + 1).put(value).put((byte) 0);
    }

    /** Makes sure the mapping has {@code needed} bytes left, allocating and mapping the next part of the file. */
    private void room(long needed) {
        if (mapped.remaining() >= needed) {
            return;
        }
        long from = mappedFrom + mapped.position();
        int size = (int) Math.max(allocationBytes, needed);
        // the mapping ends where the allocated part does, so the next part begins there
        allocate(current, allocatedTo, from + size);
        allocatedTo = from + size;
        map(from, size);
    }

    /** A new generation's file with its first {@code size} bytes allocated; none is left behind if they cannot be. */
    private FileChannel allocated(long newGeneration, int size) {
        FileChannel file = open(newGeneration);
        try {
            allocate(file, 0, size);
            return file;
        } catch (UncheckedIOException e) {
            discard(file, newGeneration);
            throw e;
        }
    }

    /** Allocates {@code file} from {@code from}, where its written part ends, up to {@code to}. */
    private void allocate(FileChannel file, long from, long to) {
        try {
            allocation.allocate(file, from, to);
            if (sync) {
                // the file's new length too: flushing a mapped page later writes its data, not the file's size
                file.force(true);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("The journal in " + directory + " cannot grow (is the disk full?)", e);
        }
    }

    private static void writeZeros(FileChannel file, long from, long to) throws IOException {
        for (long position = from; position < to;) {
            ByteBuffer zeros = ZEROS.duplicate();
            zeros.limit((int) Math.min(zeros.capacity(), to - position));
            position += file.write(zeros, position);
        }
    }

    /** Maps {@code size} bytes of the current file from {@code from} on. */
    private void map(long from, int size) {
        try {
            mapped = current.map(FileChannel.MapMode.READ_WRITE, from, size);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot map the journal in " + directory, e);
        }
        mapped.order(ByteOrder.LITTLE_ENDIAN);
        mappedFrom = from;
    }

    /**
     * Starts a new generation and returns the one just finished. The new file's space is allocated first (room for
     * the reservations still open included): a journal that cannot grow keeps writing the current generation, and
     * the store's commit that called this waits for the next round.
     */
    synchronized long rotate() {
        long finished = generation;
        int size = (int) Math.max(allocationBytes, reserved);
        FileChannel next = allocated(generation + 1, size);
        finish();
        generation++;
        current = next;
        allocatedTo = size;
        map(0, size);
        return finished;
    }

    /** Cuts the current file to its entries and closes it; its mapping is never written again. */
    private void finish() {
        try {
            current.truncate(mappedFrom + mapped.position());
        } catch (IOException ignored) {
            // the entries are whole either way: the zeros after them end the file for the reader
        }
        closeQuietly(current);
    }

    /** Deletes the generations up to and including {@code generation}: the store holds all they recorded. */
    void deleteUpTo(long upTo) {
        for (long stored : generations()) {
            if (stored <= upTo) {
                try {
                    Files.deleteIfExists(file(stored));
                } catch (IOException e) {
                    throw new UncheckedIOException("Cannot delete a finished journal file in " + directory, e);
                }
            }
        }
    }

    /** The entries of every generation on disk, oldest first, without a torn last write. */
    List<Entry> entries() {
        List<Entry> entries = new ArrayList<>();
        for (long stored : generations()) {
            if (stored == generation) {
                continue;
            }
            read(file(stored), entries);
        }
        return entries;
    }

    /** The newest generation, the one being written. */
    synchronized long generation() {
        return generation;
    }

    private static void read(Path file, List<Entry> into) {
        byte[] content;
        try {
            content = Files.readAllBytes(file);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the journal " + file, e);
        }
        ByteBuffer buffer = ByteBuffer.wrap(content).order(ByteOrder.LITTLE_ENDIAN);
        while (buffer.remaining() >= 4) {
            int length = buffer.getInt(buffer.position());
            if (length < 5 || length > buffer.remaining()) {
                return; // the write the crash cut off: never acknowledged
            }
            ByteBuffer one = buffer.slice(buffer.position(), length);
            buffer.position(buffer.position() + length);
            Document envelope;
            try (BsonBinaryReader reader = new BsonBinaryReader(one)) {
                envelope = CODEC.decode(reader, DecoderContext.builder().build());
            } catch (RuntimeException e) {
                return;
            }
            into.add(new Entry(envelope.getString("db"), envelope.getString("c"),
                    envelope.get("d", Document.class)));
        }
    }

    private List<Long> generations() {
        try (Stream<Path> files = Files.list(directory)) {
            return files.map(path -> FILE.matcher(path.getFileName().toString()))
                    .filter(Matcher::matches)
                    .map(matcher -> Long.parseLong(matcher.group(1)))
                    .sorted(Comparator.naturalOrder())
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot list the journal in " + directory, e);
        }
    }

    private Path file(long generation) {
        return directory.resolve("journal-" + generation + ".bson");
    }

    private FileChannel open(long generation) {
        try {
            return FileChannel.open(file(generation), StandardOpenOption.CREATE, StandardOpenOption.READ,
                    StandardOpenOption.WRITE);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot open the journal in " + directory, e);
        }
    }

    /** Closes and deletes a generation that never held an entry: its zeros would only take the space up. */
    private void discard(FileChannel channel, long unused) {
        closeQuietly(channel);
        try {
            Files.deleteIfExists(file(unused));
        } catch (IOException ignored) {
            // without entries, the reader ends at its zeros
        }
    }

    private static void closeQuietly(FileChannel channel) {
        try {
            channel.close();
        } catch (IOException ignored) {
            // every write to it has returned; closing only releases the handle
        }
    }

    @Override
    public synchronized void close() {
        finish();
    }
}
