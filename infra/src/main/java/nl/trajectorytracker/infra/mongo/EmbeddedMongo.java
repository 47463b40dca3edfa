package nl.trajectorytracker.infra.mongo;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.h2.mvstore.MVStore;
import org.h2.mvstore.MVStoreTool;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The embedded default: mongo-java-server in this JVM, persisting to an H2 MVStore file in the data directory,
 * listening on loopback only. The MongoDB driver talks to it as to a replica set of one member, and it keeps
 * MongoDB's contract for what the application relies on (docs/storage.md): a write acknowledged with a journaled
 * write concern survives a crash of the process ({@link DurableBackend}), and, with {@code syncJournal}, a power
 * loss.
 *
 * <p>
 * The data file is committed every {@code checkpointInterval}, and each commit takes a step of its compaction
 * ({@link DurableBackend#checkpointAndCompact}): the file shrinks while the server serves, a few megabytes at a time,
 * and a start never waits for it. A file an earlier version wrote is converted at start ({@link LegacyDataFile}).
 */
public final class EmbeddedMongo implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(EmbeddedMongo.class);
    private static final int PAGE_CACHE_MB = 256;

    private final DurableBackend backend;
    private final WireServer server;
    private final Path dataFile;
    private final ScheduledExecutorService checkpoints = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "embedded-mongo-checkpoint");
        thread.setDaemon(true);
        return thread;
    });

    private EmbeddedMongo(DurableBackend backend, WireServer server, Path dataFile, Duration checkpointInterval) {
        this.backend = backend;
        this.server = server;
        this.dataFile = dataFile;
        long millis = Math.max(1, checkpointInterval.toMillis());
        checkpoints.scheduleWithFixedDelay(this::checkpointQuietly, millis, millis, TimeUnit.MILLISECONDS);
    }

    public static EmbeddedMongo start(Path dataDirectory, int port) {
        return start(dataDirectory, port, Duration.ofSeconds(1), false);
    }

    /**
     * @param checkpointInterval how often the data file is committed (and the journal it covers dropped)
     * @param syncJournal        whether a journaled write also waits for the disk ({@code fsync}, shared by the
     *                           writes that wait at the same time): survives a power loss, not only a crash
     */
    public static EmbeddedMongo start(Path dataDirectory, int port, Duration checkpointInterval,
            boolean syncJournal) {
        try {
            Files.createDirectories(dataDirectory);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot create the data directory " + dataDirectory.toAbsolutePath(), e);
        }
        Path file = dataDirectory.resolve("tracker.mv.db");
        // what a compaction into a new file, as an earlier version did at start, left behind when interrupted
        MVStoreTool.compactCleanUp(file.toString());
        DurableBackend backend = DurableBackend.open(converted(openStore(file)), dataDirectory, syncJournal);
        WireServer server;
        try {
            server = WireServer.listen(backend, "127.0.0.1", port);
        } catch (RuntimeException e) {
            backend.close();
            throw new IllegalStateException("The embedded MongoDB could not listen on 127.0.0.1:" + port + " ("
                    + e.getMessage() + "). Choose another port with tracker.embedded-mongo.port.", e);
        }
        log.info("Embedded MongoDB listening on {} with data in {}", server.address(), file.toAbsolutePath());
        return new EmbeddedMongo(backend, server, file, checkpointInterval);
    }

    /**
     * Commits are taken by {@link DurableBackend#checkpoint} only, between writes: never by H2 on its own, which
     * would otherwise commit from inside a write once its buffer fills, catching a write halfway. An auto-commit
     * delay this long gives H2 its serialization thread, which writes a commit's pages after the writes are let go,
     * and never commits by itself.
     * <p>
     * An old version is kept while a read that registered it runs ({@link DurableBackend}) and for H2's retention
     * time, as H2's database engine keeps them, not for a number of commits: a store that takes no writes makes no
     * commits, and the space of chunks that died in its last few would not be freed until writes came back.
     */
    static MVStore openStore(Path file) {
        MVStore store = new MVStore.Builder().fileName(file.toString()).autoCommitDisabled().autoCommitBufferSize(0)
                .cacheSize(PAGE_CACHE_MB).open();
        store.setAutoCommitDelay(Integer.MAX_VALUE);
        store.setVersionsToKeep(0);
        return store;
    }

    private static MVStore converted(MVStore store) {
        if (LegacyDataFile.needsConversion(store)) {
            LegacyDataFile.convert(store);
        }
        return store;
    }

    public String connectionString(String database) {
        InetSocketAddress address = server.address();
        return "mongodb://" + address.getHostString() + ":" + address.getPort() + "/" + database;
    }

    /** Commits the data file with everything written so far, and drops the journal that commit covers. */
    void checkpoint() {
        backend.checkpoint();
    }

    /** Whether the data file takes writes: H2 stops it for good when a write to its file fails, a full disk say. */
    boolean storeOpen() {
        return backend.storeOpen();
    }

    private void checkpointQuietly() {
        if (!backend.storeOpen()) {
            return; // stopped for good: every command says so; restarted, the journal restores every write
        }
        try {
            backend.checkpointAndCompact();
        } catch (RuntimeException e) {
            if (backend.storeOpen()) {
                log.warn("Committing the embedded store failed; the journal keeps every write", e);
            } else {
                log.error("The embedded store stopped after a failed write to {} (is the disk full?): it takes no "
                        + "more requests. Every acknowledged write is kept in the journal; restart the service "
                        + "once there is room, and the journal restores them.", dataFile, e);
            }
        }
    }

    /** The data file as its compaction sees it. */
    public DataFile dataFile() {
        return backend.dataFile();
    }

    /** The megabytes of pages the store keeps in memory (at most {@value #PAGE_CACHE_MB}), in this JVM's heap. */
    public int pageCacheMegabytes() {
        return backend.store().getFileStore().getCacheSizeUsed();
    }

    /**
     * The data file's size, the share of it that chunks take, and the share of the chunks that live data takes.
     *
     * @param compacted whether the compaction has nothing left to do: the chunks are dense enough not to be
     *                  rewritten, and close enough together not to be moved
     */
    public record DataFile(long bytes, int percentInChunks, int percentLiveInChunks, boolean compacted) {
    }

    /** Stops as a kill of the process would: no checkpoint, no commit, the journal as it is. For tests. */
    void abandon() {
        checkpoints.shutdownNow();
        server.close();
        backend.abandon();
    }

    @Override
    public void close() {
        checkpoints.shutdown();
        try {
            checkpoints.awaitTermination(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        server.close();
        backend.close();
        log.info("Embedded MongoDB stopped");
    }
}
