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

import de.bwaldvogel.mongo.bson.Document;
import de.bwaldvogel.mongo.wire.bson.BsonDecoder;
import io.netty.buffer.Unpooled;

/**
 * The embedded server's write-ahead journal: every write command, as the server received it, appended before the
 * server applies it. The data file is committed from time to time at a moment no write is in progress; the journal
 * generations that commit covers are then deleted, and on start the commands of the later generations are applied
 * again, in their order, to the data file as it was committed.
 *
 * <p>
 * A generation is a file {@code journal-<n>.bson} of entries {@code {db, cmd}}, each a BSON document. The file is
 * written through a memory mapping, so an entry is in the operating system's page cache, which a crash of the process
 * does not lose, as soon as it is copied; {@link #force} also writes it to the disk, for a power loss. Space is
 * allocated (written with zeros) a megabyte ahead: a disk without room refuses a command before it is applied, where
 * a write into an unallocated mapped page would fault the whole process. A write cut off by a crash is the tail of the
 * last file; its command was never applied, and reading stops there.
 *
 * <p>
 * Entries {@code {db, c, d}} are the inserts an earlier version journaled (documents inserted into collection
 * {@code c}); they are read as they are, so a journal left by that version is applied on the first start.
 */
final class WriteJournal implements AutoCloseable {

    private static final Pattern FILE = Pattern.compile("journal-(\\d+)\\.bson");
    /** How much of a generation's file is allocated and mapped at a time; the file grows by as much when full. */
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
    private long generation;
    private boolean empty = true;
    /** Bytes appended since the journal was opened, across generations: an entry's position. */
    private long written;
    /** Up to which position the entries are on the disk, not only in the page cache. */
    private long forced;
    private final Object forcing = new Object();

    /** One journaled command: an entry of the current form, or an insert an earlier version journaled. */
    record Entry(long generation, String database, Document command) {
    }

    /** How the journal makes the file system set space aside; replaced in tests by a full disk. */
    @FunctionalInterface
    interface SpaceAllocation {
        void allocate(FileChannel file, long from, long to) throws IOException;
    }

    /**
     * @param sync    whether entries are also written to the disk ({@link #force}), not only to the page cache: what
     *                a power loss takes, where a crash of the process takes nothing either way
     * @param covered the last generation the data file holds: the next one written comes after it, and after every
     *                generation still on disk
     */
    WriteJournal(Path directory, boolean sync, long covered) {
        this(directory, sync, covered, ALLOCATION_BYTES, WriteJournal::writeZeros);
    }

    WriteJournal(Path directory, boolean sync, long covered, int allocationBytes, SpaceAllocation allocation) {
        this.directory = directory;
        this.sync = sync;
        this.allocationBytes = allocationBytes;
        this.allocation = allocation;
        this.generation = Math.max(covered, generations().stream().mapToLong(Long::longValue).max().orElse(0)) + 1;
        this.current = allocated(generation, allocationBytes);
        this.allocatedTo = allocationBytes;
        map(0, allocationBytes);
    }

    /**
     * Appends a command: the envelope {@code {db, cmd}} around the command's BSON. Returns the position after the
     * entry, for {@link #force}.
     *
     * @throws UncheckedIOException when the journal cannot grow (a full disk); nothing is appended then
     */
    synchronized long append(String database, byte[] command) {
        byte[] db = database.getBytes(StandardCharsets.UTF_8);
        int length = 4 + 1 + 2 + 1 + 4 + db.length + 1 + 1 + 3 + 1 + command.length + 1;
        room(length);
        mapped.putInt(length);
        mapped.put(STRING).put((byte) 'd').put((byte) 'b').put((byte) 0).putInt(db.length + 1).put(db).put((byte) 0);
        mapped.put(EMBEDDED_DOCUMENT).put((byte) 'c').put((byte) 'm').put((byte) 'd').put((byte) 0).put(command);
        mapped.put((byte) 0);
        empty = false;
        written += length;
        return written;
    }

    /** Whether nothing was appended to the current generation. */
    synchronized boolean currentIsEmpty() {
        return empty;
    }

    /** The position after the last entry appended so far. */
    synchronized long position() {
        return written;
    }

    /**
     * Writes the entries up to {@code position} to the disk, if another thread has not already: one flush serves
     * every command appended before it began. Does nothing unless the journal syncs.
     */
    void force(long position) {
        if (!sync) {
            return;
        }
        synchronized (forcing) {
            if (forced >= position) {
                return;
            }
            MappedByteBuffer toForce;
            int end;
            long upTo;
            synchronized (this) {
                toForce = mapped;
                end = mapped.position();
                upTo = written;
            }
            // a mapping left behind by room() or rotate() was forced when it was left, under this object's lock
            toForce.force(0, end);
            forced = upTo;
        }
    }

    /** Makes sure the mapping has {@code needed} bytes left, allocating and mapping the next part of the file. */
    private void room(long needed) {
        if (mapped.remaining() >= needed) {
            return;
        }
        long from = mappedFrom + mapped.position();
        int size = (int) Math.max(allocationBytes, needed);
        allocate(current, allocatedTo, from + size);
        allocatedTo = from + size;
        MappedByteBuffer left = mapped;
        map(from, size);
        if (sync) {
            // before force() can see the new mapping: it forces only the one it finds
            left.force();
        }
    }

    /** A new generation's file with its first {@code size} bytes allocated; none is left behind if they cannot be. */
    private FileChannel allocated(long newGeneration, int size) {
        FileChannel file = open(newGeneration);
        try {
            allocate(file, 0, size);
            return file;
        } catch (UncheckedIOException e) {
            closeQuietly(file);
            try {
                Files.deleteIfExists(file(newGeneration));
            } catch (IOException ignored) {
                // without entries, a reader ends at its zeros
            }
            throw e;
        }
    }

    private void allocate(FileChannel file, long from, long to) {
        try {
            allocation.allocate(file, from, to);
            if (sync) {
                // the file's new length: forcing a mapped page later writes its data, not the file's size
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
     * Starts a new generation and returns the one just finished, whose entries are then all in the page cache and on
     * the disk. A journal that cannot allocate the new file keeps writing the current one, and this throws.
     */
    synchronized long rotate() {
        long finished = generation;
        FileChannel next = allocated(generation + 1, allocationBytes);
        if (sync) {
            mapped.force();
        }
        finish();
        generation++;
        current = next;
        allocatedTo = allocationBytes;
        empty = true;
        map(0, allocationBytes);
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

    /** Deletes the generations up to and including {@code upTo}: the data file holds all they recorded. */
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

    /** The entries of the generations after {@code after} and before the current one, oldest first. */
    List<Entry> entriesAfter(long after) {
        List<Entry> entries = new ArrayList<>();
        for (long stored : generations()) {
            if (stored > after && stored < generation()) {
                read(stored, file(stored), entries);
            }
        }
        return entries;
    }

    /** The newest generation, the one being written. */
    synchronized long generation() {
        return generation;
    }

    private static void read(long generation, Path file, List<Entry> into) {
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
                return; // the write the crash cut off: its command was never applied
            }
            Document envelope;
            try {
                envelope = BsonDecoder.decodeBson(Unpooled.wrappedBuffer(content, buffer.position(), length));
            } catch (RuntimeException e) {
                return;
            }
            buffer.position(buffer.position() + length);
            String database = (String) envelope.get("db");
            if (envelope.get("cmd") instanceof Document command) {
                into.add(new Entry(generation, database, command));
            } else if (envelope.get("d") instanceof Document inserted) {
                into.add(new Entry(generation, database, new Document("insert", envelope.get("c"))
                        .append("documents", List.of(inserted)).append("ordered", true)));
            }
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

    /** Lets go of the file as a crash would: its entries stay as they are, followed by zeros. For tests. */
    synchronized void abandon() {
        closeQuietly(current);
    }
}
