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
 * The data file is committed every {@code checkpointInterval}; in between, partly rewritten pages of the file are
 * copied forward so that the file reuses its space. At start, a file whose live data takes less than
 * {@value #COMPACT_BELOW_PERCENT}% of it is compacted into a new file, and a file an earlier version wrote is
 * converted ({@link LegacyDataFile}).
 */
public final class EmbeddedMongo implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(EmbeddedMongo.class);
    private static final int PAGE_CACHE_MB = 256;
    /** A file whose live data is less than this share of it is compacted at start. */
    static final int COMPACT_BELOW_PERCENT = 70;
    /** The chunk fill rate below which chunks are rewritten after a checkpoint, and how much at a time. */
    private static final int REWRITE_BELOW_PERCENT = 80;
    private static final int REWRITE_BYTES = 4 * 1024 * 1024;

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
        // what a compaction interrupted by a crash left behind
        MVStoreTool.compactCleanUp(file.toString());
        DurableBackend backend = DurableBackend.open(converted(openStore(file)), dataDirectory, syncJournal);
        if (wasteful(backend.store())) {
            backend = compacted(backend, file, dataDirectory, syncJournal);
        }
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
     */
    private static MVStore openStore(Path file) {
        MVStore store = new MVStore.Builder().fileName(file.toString()).autoCommitDisabled().autoCommitBufferSize(0)
                .cacheSize(PAGE_CACHE_MB).open();
        store.setAutoCommitDelay(Integer.MAX_VALUE);
        return store;
    }

    private static MVStore converted(MVStore store) {
        if (LegacyDataFile.needsConversion(store)) {
            LegacyDataFile.convert(store);
        }
        return store;
    }

    /** Whether the file's live data takes less than {@link #COMPACT_BELOW_PERCENT} of it. */
    static boolean wasteful(MVStore store) {
        if (store.getFileStore().size() < 16L * 1024 * 1024) {
            return false;
        }
        return liveShare(store) < COMPACT_BELOW_PERCENT;
    }

    private static int liveShare(MVStore store) {
        return store.getFillRate() * store.getFileStore().getChunksFillRate() / 100;
    }

    private static DurableBackend compacted(DurableBackend backend, Path file, Path dataDirectory, boolean sync) {
        int live = liveShare(backend.store());
        backend.close();
        long before = size(file);
        long started = System.nanoTime();
        MVStoreTool.compact(file.toString(), false);
        log.info("Embedded store compacted at start: {} MB to {} MB ({}% was live) in {} ms", before >> 20,
                size(file) >> 20, live, (System.nanoTime() - started) / 1_000_000);
        return DurableBackend.open(openStore(file), dataDirectory, sync);
    }

    private static long size(Path file) {
        try {
            return Files.size(file);
        } catch (IOException e) {
            return -1;
        }
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
            backend.checkpoint();
            MVStore store = backend.store();
            if (store.getFileStore().getChunksFillRate() < REWRITE_BELOW_PERCENT) {
                // copies live pages out of sparse chunks; the next checkpoint writes them, and their space is reused
                store.compact(REWRITE_BELOW_PERCENT, REWRITE_BYTES);
            }
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
