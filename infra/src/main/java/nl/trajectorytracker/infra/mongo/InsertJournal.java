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
     * How much of a generation's file is mapped at a time (a commit interval's entries fit many times over); the file
     * grows by as much when it is full. Untouched parts of it take no disk space.
     */
    static final int MAPPED_BYTES = 64 * 1024 * 1024;
    private static final byte STRING = 0x02;
    private static final byte EMBEDDED_DOCUMENT = 0x03;

    private final Path directory;
    private final boolean sync;
    private final int mappedBytes;
    private FileChannel current;
    private MappedByteBuffer mapped;
    /** Where in the current file the mapped part begins. */
    private long mappedFrom;
    private long generation;

    /** One journaled insert. */
    record Entry(String database, String collection, Document document) {
    }

    InsertJournal(Path directory, boolean sync) {
        this(directory, sync, MAPPED_BYTES);
    }

    InsertJournal(Path directory, boolean sync, int mappedBytes) {
        this.directory = directory;
        this.sync = sync;
        this.mappedBytes = mappedBytes;
        this.generation = generations().stream().mapToLong(Long::longValue).max().orElse(0) + 1;
        this.current = open(generation);
        map(0, mappedBytes);
    }

    /**
     * Appends an entry: the envelope {@code {db, c, d}} around the document's bytes as they are, written into the
     * file's mapping. Once written there it is in the operating system's page cache, which a crash of the process
     * does not lose, so a write costs a copy instead of a system call (and with {@code sync}, a flush of those
     * pages to the disk).
     */
    synchronized void append(String database, String collection, RawBsonDocument document) {
        ByteBuffer bytes = document.getByteBuffer().asNIO();
        byte[] db = database.getBytes(StandardCharsets.UTF_8);
        byte[] c = collection.getBytes(StandardCharsets.UTF_8);
        int length = 4 + stringElement(2, db) + stringElement(1, c) + 1 + 2 + bytes.remaining() + 1;
        if (mapped.remaining() < length) {
            map(mappedFrom + mapped.position(), Math.max(mappedBytes, length));
        }
        int begin = mapped.position();
        mapped.putInt(length);
        putString(mapped, "db", db);
        putString(mapped, "c", c);
        mapped.put(EMBEDDED_DOCUMENT).put((byte) 'd').put((byte) 0).put(bytes).put((byte) 0);
        if (sync) {
            mapped.force(begin, length);
        }
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

    /** Starts a new generation and returns the one just finished. */
    synchronized long rotate() {
        long finished = generation;
        finish();
        generation++;
        current = open(generation);
        map(0, mappedBytes);
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
