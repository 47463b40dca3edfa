package nl.trajectorytracker.infra.mongo;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.bson.Document;
import org.bson.RawBsonDocument;
import org.h2.mvstore.MVStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoNamespace;
import com.mongodb.MongoWriteException;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;

import de.bwaldvogel.mongo.MongoServer;

import nl.trajectorytracker.infra.eventstore.DurabilityBarrier;

/**
 * The embedded default: mongo-java-server in this JVM, persisting to an H2 MVStore file in the data directory,
 * listening on loopback only. The MongoDB driver talks to it like to any MongoDB.
 *
 * <p>
 * Durability: H2 writes to its file only when the store is committed, so a crash loses what was written since. An
 * insert that must survive a crash before it is acknowledged (an event commit) is
 * {@linkplain #reserveJournal journaled}; the store is committed in the background every {@code commitInterval},
 * after which the journal is dropped, and on start the journal's documents missing from the file are inserted again.
 * {@link #commit()} makes everything written so far durable at once, for the rare writes that are not plain inserts.
 */
public final class EmbeddedMongo implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(EmbeddedMongo.class);
    private static final int PAGE_CACHE_MB = 256;

    private final KeyOrderedH2Backend backend;
    private final MongoServer server;
    private final InetSocketAddress address;
    private final InsertJournal journal;
    private final Path dataFile;
    private volatile String commitFailure;
    private final ScheduledExecutorService committer = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "embedded-mongo-commit");
        thread.setDaemon(true);
        return thread;
    });

    private EmbeddedMongo(KeyOrderedH2Backend backend, MongoServer server, InetSocketAddress address,
            InsertJournal journal, Path dataFile, Duration commitInterval) {
        this.backend = backend;
        this.server = server;
        this.address = address;
        this.journal = journal;
        this.dataFile = dataFile;
        long millis = Math.max(1, commitInterval.toMillis());
        committer.scheduleWithFixedDelay(this::checkpointQuietly, millis, millis, TimeUnit.MILLISECONDS);
    }

    public static EmbeddedMongo start(Path dataDirectory, int port) {
        return start(dataDirectory, port, Duration.ofSeconds(1), false);
    }

    /**
     * @param commitInterval how often the store is committed in the background (and the journal dropped)
     * @param syncJournal    whether each journal write also waits for the disk ({@code fsync}): survives a power
     *                       loss, not only a crash of the process, at the price of a disk flush per command
     */
    public static EmbeddedMongo start(Path dataDirectory, int port, Duration commitInterval, boolean syncJournal) {
        try {
            Files.createDirectories(dataDirectory);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot create the data directory " + dataDirectory.toAbsolutePath(), e);
        }
        Path file = dataDirectory.resolve("tracker.mv.db");
        // committed by this class only, after each interval and on request, between requests: never by H2 itself,
        // which would otherwise commit from inside a write once its buffer fills, catching other writes halfway.
        // A page read from the file is decoded with Java serialization: H2's default cache (16 MB) held less than
        // the commits of one rebuild, and decoding pages again was a large part of the server's time.
        MVStore store = new MVStore.Builder().fileName(file.toString()).autoCommitDisabled().autoCommitBufferSize(0)
                .cacheSize(PAGE_CACHE_MB).open();
        // H2's serialization thread, so that a commit writes its pages after the requests are let go (see
        // KeyOrderedH2Backend#commitBetweenRequests); a delay this long keeps H2 from ever committing on its own
        store.setAutoCommitDelay(Integer.MAX_VALUE);
        KeyOrderedH2Backend backend = new KeyOrderedH2Backend(store);
        MongoServer server = new MongoServer(backend);
        InetSocketAddress address;
        try {
            server.bind("127.0.0.1", port);
            address = server.getLocalAddress();
        } catch (RuntimeException e) {
            server.shutdownNow();
            store.close();
            throw new IllegalStateException("The embedded MongoDB could not listen on 127.0.0.1:" + port + " ("
                    + e.getMessage() + "). Choose another port with tracker.embedded-mongo.port.", e);
        }
        InsertJournal journal = new InsertJournal(dataDirectory, syncJournal);
        recover(journal, "mongodb://" + address.getHostString() + ":" + address.getPort(), store);
        log.info("Embedded MongoDB listening on {} with data in {}", address, file.toAbsolutePath());
        return new EmbeddedMongo(backend, server, address, journal, file, commitInterval);
    }

    /** Inserts the journaled documents the data file lacks, commits, and drops the journal. */
    private static void recover(InsertJournal journal, String connection, MVStore store) {
        List<InsertJournal.Entry> entries = journal.entries();
        if (entries.isEmpty()) {
            journal.deleteUpTo(journal.generation() - 1);
            return;
        }
        int restored = 0;
        try (MongoClient client = MongoClients.create(connection)) {
            for (InsertJournal.Entry entry : entries) {
                try {
                    client.getDatabase(entry.database()).getCollection(entry.collection()).insertOne(entry.document());
                    restored++;
                } catch (MongoWriteException e) {
                    if (e.getError().getCategory() != ErrorCategory.DUPLICATE_KEY) {
                        throw e;
                    }
                    // in the data file already
                }
            }
        }
        store.commit();
        journal.deleteUpTo(journal.generation() - 1);
        log.info("Journal replayed: {} of {} journaled inserts were missing from the data file and are restored",
                restored, entries.size());
    }

    public String connectionString(String database) {
        return "mongodb://" + address.getHostString() + ":" + address.getPort() + "/" + database;
    }

    /**
     * Writes everything written so far to the data file, so a crash cannot take it back, and drops the journal it
     * covers: after a delete, a restart cannot bring the deleted document back from the journal.
     */
    public void commit() {
        checkpoint();
    }

    /**
     * Room in the journal for a document about to be inserted (and never changed afterwards): journaled through it
     * after the insert returned and before the insert is acknowledged, it survives a crash.
     *
     * @throws java.io.UncheckedIOException when the journal cannot grow; nothing is reserved then
     */
    InsertJournal.Reservation reserveJournal(String database, String collection, RawBsonDocument document) {
        return journal.reserve(database, collection, document);
    }

    /** What makes a write on this server survive a crash before it is acknowledged: the journal, or a commit. */
    public DurabilityBarrier durabilityBarrier() {
        return new DurabilityBarrier() {
            @Override
            public Insert beforeInsert(MongoCollection<?> collection, RawBsonDocument document) {
                MongoNamespace namespace = collection.getNamespace();
                InsertJournal.Reservation room = reserveJournal(namespace.getDatabaseName(),
                        namespace.getCollectionName(), document);
                return new Insert() {
                    @Override
                    public void inserted(RawBsonDocument inserted) {
                        room.append(inserted);
                    }

                    @Override
                    public void close() {
                        room.close();
                    }
                };
            }

            @Override
            public void awaitDurable() {
                commit();
            }
        };
    }

    /** Commits the store and drops the journal generations the commit covers. */
    void checkpoint() {
        long finished = journal.rotate();
        backend.commitBetweenRequests();
        journal.deleteUpTo(finished);
    }

    private void checkpointQuietly() {
        if (!backend.storeOpen()) {
            return; // stopped for good: reported by the health check, restored from the journal on restart
        }
        try {
            checkpoint();
            commitFailure = null;
        } catch (RuntimeException e) {
            commitFailure = e.getMessage();
            if (backend.storeOpen()) {
                log.warn("Committing the embedded store failed; the journal keeps every acknowledged insert", e);
            } else {
                log.error("The embedded store stopped after a failed write to {} (is the disk full?): it takes no "
                        + "more requests. Every acknowledged command is kept in the journal; restart the service "
                        + "once there is room, and the journal restores them.", dataFile, e);
            }
        }
    }

    /**
     * Whether the store takes requests: H2 stops it for good when a write to its file fails (a full disk), after
     * which only a restart, which replays the journal, brings the service back.
     */
    public boolean storeOpen() {
        return backend.storeOpen();
    }

    /** Why the last background commit failed, if it did and none succeeded since. */
    public Optional<String> commitFailure() {
        return Optional.ofNullable(commitFailure);
    }

    @Override
    public void close() {
        committer.shutdown();
        try {
            committer.awaitTermination(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        server.shutdownNow();
        boolean committed = backend.storeOpen();
        try {
            backend.close();
        } catch (RuntimeException e) {
            committed = false;
            log.error("The embedded store could not be committed on close; the journal keeps what it lacks", e);
        }
        journal.close();
        if (committed) {
            // only a store that was open and committed on close holds what the journal does
            journal.deleteUpTo(Long.MAX_VALUE);
        }
        log.info("Embedded MongoDB stopped");
    }
}
