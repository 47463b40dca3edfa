package nl.trajectorytracker.infra.mongo;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
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

    private final Path directory;
    private final boolean sync;
    private FileChannel current;
    private long generation;

    /** One journaled insert. */
    record Entry(String database, String collection, Document document) {
    }

    InsertJournal(Path directory, boolean sync) {
        this.directory = directory;
        this.sync = sync;
        this.generation = generations().stream().mapToLong(Long::longValue).max().orElse(0) + 1;
        this.current = open(generation);
    }

    synchronized void append(String database, String collection, Document document) {
        Document envelope = new Document("db", database).append("c", collection).append("d", document);
        ByteBuffer bytes = new RawBsonDocument(envelope, CODEC).getByteBuffer().asNIO();
        try {
            while (bytes.hasRemaining()) {
                current.write(bytes);
            }
            if (sync) {
                current.force(false);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write the journal in " + directory, e);
        }
    }

    /** Starts a new generation and returns the one just finished. */
    synchronized long rotate() {
        long finished = generation;
        FileChannel previous = current;
        generation++;
        current = open(generation);
        closeQuietly(previous);
        return finished;
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
            return FileChannel.open(file(generation), StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                    StandardOpenOption.APPEND);
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
        closeQuietly(current);
    }
}
