package nl.trajectorytracker.infra.mongo;

import java.io.UncheckedIOException;
import java.time.Clock;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.locks.ReentrantLock;

import org.h2.mvstore.FileStore;
import org.h2.mvstore.MVMap;
import org.h2.mvstore.MVStore;
import org.h2.mvstore.RandomAccessStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import de.bwaldvogel.mongo.MongoBackend;
import de.bwaldvogel.mongo.MongoDatabase;
import de.bwaldvogel.mongo.MongoVersion;
import de.bwaldvogel.mongo.backend.QueryResult;
import de.bwaldvogel.mongo.bson.Document;
import de.bwaldvogel.mongo.bson.ObjectId;
import de.bwaldvogel.mongo.wire.bson.BsonEncoder;
import de.bwaldvogel.mongo.wire.message.MongoMessage;
import de.bwaldvogel.mongo.wire.message.MongoQuery;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.embedded.EmbeddedChannel;

/**
 * The embedded server's durability: MongoDB's contract that a write acknowledged with a journaled write concern
 * ({@code j: true}, or {@code w: "majority"}, which implies it) survives a crash, kept by the server for whoever
 * writes.
 *
 * <p>
 * Every write command is appended to the {@link WriteJournal} before it is applied, one at a time, so the journal
 * holds the commands in the order they changed the data. A read is never held up by a write. The data file is
 * committed ({@link #checkpoint}) between two writes, together with the number of the last journal generation it
 * covers; on start, the commands of the generations after it are applied again ({@link #recover}). Applying them
 * again gives the same result because a command's outcome depends only on the data before it: an insert's missing
 * {@code _id} is chosen before the command is journaled, and an upsert that would let the server choose one is made
 * durable by a commit of the data file instead.
 *
 * <p>
 * Write concerns are those of a replica set of one member: {@code w: 1} and {@code w: "majority"} are met by this
 * server, a larger {@code w} is answered with MongoDB's {@code UnsatisfiableWriteConcern} error (the write is
 * applied, as MongoDB applies it), and a tag set it does not have with {@code UnknownReplWriteConcern}. A read with
 * {@code readConcern: majority} returns only what is journaled. Once the data file's store has stopped (H2 stops it
 * for good when a write to its file fails, a full disk say), every command but the handshake is answered with
 * MongoDB's {@code ShutdownInProgress}, which the driver reports as a node that is not available.
 */
final class DurableBackend implements MongoBackend {

    private static final Logger log = LoggerFactory.getLogger(DurableBackend.class);

    /** The commands that change data; every other command only reads. */
    private static final Set<String> WRITES = Set.of("insert", "update", "delete", "findandmodify", "create",
            "createindexes", "drop", "dropindexes", "dropdatabase", "renamecollection", "collmod");
    /** What a driver sends before it knows the server, which a stopped store must still answer. */
    private static final Set<String> HANDSHAKE = Set.of("ismaster", "hello", "buildinfo", "endsessions",
            "getlasterror", "whatsmyuri", "killcursors");
    /** The map, in the data file, naming the last journal generation the committed data covers. */
    private static final String PROGRESS_MAP = "embedded.journal";
    private static final String COVERED = "covered";
    /** The share of the file in use below which chunks are moved into the holes between them. */
    static final int MOVE_BELOW_PERCENT = 90;
    /** How long no write must have come for chunks to move, since a write waits for the move. */
    static final long QUIET_NANOS = 250_000_000L;
    /**
     * How much of the file one checkpoint moves at most, holding the writes while it does. H2 never moves a chunk
     * larger than this: it is larger than any one commit writes ({@link #CHUNK_BYTES}, or one write command's, at
     * most a driver's batch of 48 MB), so no chunk stays in the file's tail for good.
     */
    static final int MOVE_BYTES = 128 * 1024 * 1024;
    /** The share of live data in the chunks below which the sparsest chunks are rewritten. */
    static final int REWRITE_BELOW_PERCENT = 80;
    /** How much live data one checkpoint copies out of sparse chunks while writes come. */
    static final int REWRITE_BYTES = 4 * 1024 * 1024;
    /**
     * How much it copies when no write came for {@link #QUIET_NANOS}: a store that took a burst of rewrites (a
     * rebuild) catches up within a minute or two once the burst is over, instead of never while writes keep coming.
     */
    static final int QUIET_REWRITE_BYTES = 64 * 1024 * 1024;
    /**
     * The changes a checkpoint commits at most, roughly: a write after which more is waiting commits at once rather
     * than at the next scheduled checkpoint. Each commit is one chunk of the file, and H2 rewrites a chunk only when
     * its live data fits in one step's budget, and moves it only when it fits in {@link #MOVE_BYTES}.
     */
    static final int CHUNK_BYTES = 16 * 1024 * 1024;

    private final PatchedH2Backend backend;
    private final WriteJournal journal;
    private final MVMap<String, Long> progress;
    private final boolean sync;
    /** Held while a write is journaled and applied, and while a commit takes the data file's version. */
    private final ReentrantLock writes = new ReentrantLock();
    /** When the last write was applied ({@link System#nanoTime}). */
    private volatile long lastWrite = System.nanoTime();

    private DurableBackend(PatchedH2Backend backend, WriteJournal journal, MVMap<String, Long> progress,
            boolean sync) {
        this.backend = backend;
        this.journal = journal;
        this.progress = progress;
        this.sync = sync;
    }

    /**
     * The backend over an open store: applies what the journal in {@code dataDirectory} holds beyond the data file,
     * and commits it.
     *
     * @param sync whether a journaled write waits for the disk, not only for the page cache: survives a power loss,
     *             not only a crash of the process
     */
    static DurableBackend open(MVStore store, java.nio.file.Path dataDirectory, boolean sync) {
        if (!sync) {
            // H2 keeps a chunk no version needs for a while before it writes over it, in case the disk writes the
            // new chunks after it writes over the old ones and the power fails in between. Without sync, only a
            // crash of the process is survived, which loses none of the writes already handed to the system, in
            // whatever order; a read's version stays while the read runs (registered), whatever the retention.
            // Space freed at once lets the compaction converge, rather than move chunks into holes that open 45
            // seconds later.
            store.setRetentionTime(0);
        }
        MVMap<String, Long> progress = store.openMap(PROGRESS_MAP);
        long covered = progress.getOrDefault(COVERED, 0L);
        WriteJournal journal = new WriteJournal(dataDirectory, sync, covered);
        DurableBackend durable = new DurableBackend(new PatchedH2Backend(store), journal, progress, sync);
        durable.recover(covered);
        return durable;
    }

    private void recover(long covered) {
        List<WriteJournal.Entry> entries = journal.entriesAfter(covered);
        if (entries.isEmpty()) {
            journal.deleteUpTo(journal.generation() - 1);
            return;
        }
        Channel channel = new EmbeddedChannel();
        int failed = 0;
        for (WriteJournal.Entry entry : entries) {
            String command = entry.command().keySet().iterator().next();
            try {
                Document answer = backend.handleWrite(channel, entry.database(), command, entry.command());
                if (!isOk(answer)) {
                    failed++;
                }
            } catch (RuntimeException e) {
                // it failed as it did the first time: a command is journaled before it is applied
                failed++;
            }
        }
        backend.handleClose(channel);
        checkpoint();
        log.info("Embedded store: {} journaled writes applied again after an unclean stop ({} of them answered an "
                + "error, as they did when they were sent)", entries.size(), failed);
    }

    private static boolean isOk(Document answer) {
        return answer.get("ok") instanceof Number ok && ok.doubleValue() == 1.0
                && !(answer.get("writeErrors") instanceof Collection<?> errors && !errors.isEmpty());
    }

    @Override
    public Document handleMessage(MongoMessage message) {
        Document query = message.getDocument();
        return handleCommand(message.getChannel(), message.getDatabaseName(), query.keySet().iterator().next(),
                query);
    }

    @Override
    public Document handleCommand(Channel channel, String database, String command, Document query) {
        String name = command.toLowerCase(Locale.ROOT);
        if (!storeOpen() && !HANDSHAKE.contains(name)) {
            return error(91, "ShutdownInProgress", "The embedded store stopped after a failed write to its file (is "
                    + "the disk full?); every acknowledged write is in its journal. Restart once there is room.");
        }
        if (!isWrite(name, query)) {
            // A read runs without the collections' locks, on the store's version of when it began. Registered, that
            // version's pages stay where they are until the read is done: unregistered, a long read (a scan of the
            // event store) outlived the few versions H2 keeps, the compaction between two checkpoints moved its
            // pages, and it failed with "Chunk ... not found".
            MVStore store = backend.getMvStore();
            MVStore.TxCounter reading = store.registerVersionUsage();
            Document answer;
            try {
                answer = backend.handleCommand(channel, database, command, query);
            } finally {
                store.deregisterVersionUsage(reading);
            }
            if (query.get("readConcern") instanceof Document concern && "majority".equals(concern.get("level"))) {
                // what the read saw was journaled before it was applied; now it is on the disk too
                journal.force(journal.position());
            }
            return answer;
        }
        if ("drop".equals(name) && missingCollection(database, query.get(command))) {
            // MongoDB's answer, which the driver's drop ignores; the stock server logged an error with a stack trace
            return error(26, "NamespaceNotFound", "ns not found");
        }
        WriteConcern concern = WriteConcern.of(query.get("writeConcern"));
        if (concern.refusal() != null) {
            return concern.refusal();
        }
        boolean replayable = Commands.makeReplayable(name, query);
        byte[] encoded = encode(query);
        long position;
        Document answer;
        boolean chunkFull;
        writes.lock();
        try {
            try {
                position = journal.append(database, encoded);
            } catch (UncheckedIOException e) {
                log.error("Embedded store: a write was refused, its journal cannot grow", e);
                return error(14031, "OutOfDiskSpace", "The embedded store's journal cannot grow (is the disk full?); "
                        + "nothing was written");
            }
            answer = backend.handleWrite(channel, database, command, query);
            lastWrite = System.nanoTime();
            if (!replayable) {
                checkpoint();
            }
            chunkFull = backend.getMvStore().getUnsavedMemory() >= CHUNK_BYTES;
        } finally {
            writes.unlock();
        }
        if (chunkFull) {
            try {
                checkpoint();
            } catch (RuntimeException e) {
                // the write is journaled, so it stands; a stopped store answers the next command
                log.warn("Embedded store: a commit after a large write failed; the journal keeps the write", e);
            }
        }
        if (concern.journaled()) {
            journal.force(position);
        }
        return concern.answer(answer);
    }

    private boolean missingCollection(String database, Object collection) {
        if (collection == null) {
            return false;
        }
        MongoDatabase resolved = backend.resolveDatabase(database);
        return resolved.resolveCollection(collection.toString(), false) == null;
    }

    private static boolean isWrite(String name, Document query) {
        if (WRITES.contains(name)) {
            return true;
        }
        if ("aggregate".equals(name) && query.get("pipeline") instanceof List<?> stages) {
            return stages.stream().anyMatch(stage -> stage instanceof Document document
                    && (document.containsKey("$out") || document.containsKey("$merge")));
        }
        return false;
    }

    private static byte[] encode(Document command) {
        ByteBuf buffer = Unpooled.buffer();
        try {
            BsonEncoder.encodeDocument(command, buffer);
            return ByteBufUtil.getBytes(buffer);
        } finally {
            buffer.release();
        }
    }

    static Document error(int code, String codeName, String message) {
        return new Document("ok", 0.0).append("errmsg", message).append("code", code).append("codeName", codeName);
    }

    /**
     * Commits the data file with everything written so far, and drops the journal generations that commit covers.
     * Only taking the data file's version holds the writes back; H2 writes its pages afterwards, on its own thread,
     * while writes go on changing copies of them.
     *
     * @throws IllegalStateException when the store has stopped, so nothing was committed
     */
    void checkpoint() {
        checkpoint(false);
    }

    /**
     * A checkpoint with a step of the data file's compaction, both steps H2's own housekeeping takes when H2 commits
     * by itself (which it never does here). When the chunks hold less than {@link #REWRITE_BELOW_PERCENT} live data,
     * the live pages of the sparsest are copied into the current version, which the next checkpoint writes; the
     * chunks they leave become holes once no registered read needs them. When the chunks are dense again but less
     * than {@link #MOVE_BELOW_PERCENT} of the file up to its last chunk is in use, and no write came for
     * {@link #QUIET_NANOS}, a few of its last chunks ({@link #MOVE_BYTES} at most) move into the holes before them and
     * the file is cut after its new last chunk.
     */
    void checkpointAndCompact() {
        MVStore store = backend.getMvStore();
        if (storeOpen()) {
            // frees the chunks no version needs any more, which H2 does itself only when it commits
            store.executeFilestoreOperation(store.getFileStore()::dropUnusedChunks);
        }
        checkpoint(true);
        if (storeOpen()) {
            store.compact(REWRITE_BELOW_PERCENT, quiet() ? QUIET_REWRITE_BYTES : REWRITE_BYTES);
        }
    }

    private void checkpoint(boolean moveChunks) {
        MVStore store = backend.getMvStore();
        long finished = -1;
        writes.lock();
        try {
            if (!storeOpen()) {
                throw new IllegalStateException("The embedded store is stopped; nothing was committed");
            }
            if (!journal.currentIsEmpty() || store.hasUnsavedChanges()) {
                finished = journal.rotate();
                progress.put(COVERED, finished);
                if (store.tryCommit() < 0 && store.hasUnsavedChanges()) {
                    store.commit();
                }
            }
            if (moveChunks && quiet() && store.getFileStore() instanceof RandomAccessStore file
                    && file.getFillRate() < MOVE_BELOW_PERCENT
                    && file.getChunksFillRate() >= REWRITE_BELOW_PERCENT) {
                // Moving chunks commits the store. With the writes held, right after a commit that the journal's
                // finished generations cover, that commit holds no write they do not hold. A write waits for the
                // move, which is why chunks move only when no write came for a while. Sparse chunks are rewritten
                // first: their pages land in the first holes and the chunks die, which frees the file's tail by
                // itself; a sparse chunk moved would be copied twice.
                long started = System.nanoTime();
                file.compactMoveChunks(101, MOVE_BYTES, store);
                log.debug("Embedded store: chunks moved in {} ms, file {} MB",
                        (System.nanoTime() - started) / 1_000_000, file.size() >> 20);
            }
        } finally {
            writes.unlock();
        }
        if (finished < 0) {
            return;
        }
        if (storeOpen()) {
            store.executeFilestoreOperation(() -> {
                // runs once every version taken so far is written to the file
            });
        }
        if (!storeOpen()) {
            throw new IllegalStateException("The embedded store is stopped; nothing was committed");
        }
        if (sync) {
            store.sync();
        }
        journal.deleteUpTo(finished);
    }

    EmbeddedMongo.DataFile dataFile() {
        MVStore store = backend.getMvStore();
        FileStore<?> file = store.getFileStore();
        int inChunks = file.getFillRate();
        int live = file.getChunksFillRate();
        return new EmbeddedMongo.DataFile(file.size(), inChunks, live,
                live >= REWRITE_BELOW_PERCENT && inChunks >= MOVE_BELOW_PERCENT);
    }

    private boolean quiet() {
        return System.nanoTime() - lastWrite > QUIET_NANOS;
    }

    boolean storeOpen() {
        return !backend.getMvStore().isClosed();
    }

    MVStore store() {
        return backend.getMvStore();
    }

    @Override
    public void close() {
        boolean committed = storeOpen();
        if (committed) {
            try {
                checkpoint();
                backend.close();
            } catch (RuntimeException e) {
                committed = false;
                log.error("The embedded store could not be committed on close; its journal keeps what it lacks", e);
            }
        }
        journal.close();
        if (committed) {
            journal.deleteUpTo(journal.generation());
        }
    }

    /** Stops as a crash would: nothing committed, the journal as it is. For tests. */
    void abandon() {
        backend.getMvStore().closeImmediately();
        journal.abandon();
    }

    @Override
    public void handleClose(Channel channel) {
        backend.handleClose(channel);
    }

    @Override
    public QueryResult handleQuery(MongoQuery query) {
        return backend.handleQuery(query);
    }

    @Override
    public void dropDatabase(String database) {
        handleCommand(new EmbeddedChannel(), database, "dropDatabase", new Document("dropDatabase", 1));
    }

    @Override
    public Collection<Document> getCurrentOperations(MongoQuery query) {
        return backend.getCurrentOperations(query);
    }

    @Override
    public Document getServerStatus() {
        return backend.getServerStatus();
    }

    @Override
    public void closeCursors(List<Long> cursorIds) {
        backend.closeCursors(cursorIds);
    }

    @Override
    public Clock getClock() {
        return backend.getClock();
    }

    @Override
    public void enableOplog() {
        throw new UnsupportedOperationException("the embedded server keeps no oplog");
    }

    @Override
    public void disableOplog() {
        backend.disableOplog();
    }

    @Override
    public MongoDatabase resolveDatabase(String database) {
        return backend.resolveDatabase(database);
    }

    @Override
    public MongoBackend version(MongoVersion version) {
        backend.version(version);
        return this;
    }

    /**
     * A write command's {@code writeConcern}, judged as a replica set of one member judges it: what it asks for, or
     * the error that refuses it before anything is written.
     */
    record WriteConcern(boolean journaled, int members, Document refusal) {

        static WriteConcern of(Object concern) {
            if (!(concern instanceof Document document)) {
                return new WriteConcern(false, 1, null);
            }
            Object j = document.get("j");
            if (j != null && !(j instanceof Boolean)) {
                return refused(9, "FailedToParse", "j must be a boolean");
            }
            Object w = document.getOrDefault("w", 1);
            if (w instanceof String mode) {
                if (!"majority".equals(mode)) {
                    return refused(79, "UnknownReplWriteConcern", "No write concern mode named '" + mode
                            + "' found in replica set configuration");
                }
                // majority implies journaled, as writeConcernMajorityJournalDefault says on a replica set
                return new WriteConcern(!Boolean.FALSE.equals(j), 1, null);
            }
            if (!(w instanceof Number number) || number.doubleValue() < 0
                    || number.doubleValue() != Math.floor(number.doubleValue())) {
                return refused(9, "FailedToParse", "w must be a non-negative integer or a mode name");
            }
            return new WriteConcern(Boolean.TRUE.equals(j) || Boolean.TRUE.equals(document.get("fsync")),
                    number.intValue(), null);
        }

        private static WriteConcern refused(int code, String codeName, String message) {
            return new WriteConcern(false, 1, error(code, codeName, message));
        }

        /** The command's answer, with MongoDB's write concern error when more members were asked for than exist. */
        Document answer(Document answer) {
            if (members > 1 && isOkay(answer)) {
                answer.put("writeConcernError", new Document("code", 100).append("codeName",
                        "UnsatisfiableWriteConcern").append("errmsg", "Not enough data-bearing nodes"));
            }
            return answer;
        }

        private static boolean isOkay(Document answer) {
            return answer.get("ok") instanceof Number ok && ok.doubleValue() == 1.0;
        }
    }

    /** What makes a write command give the same result when it is applied again from the journal. */
    static final class Commands {

        private Commands() {
        }

        /**
         * Chooses the {@code _id} of every document an insert names none for, as the server would have chosen it
         * while applying the insert. Answers whether the command is then replayable: not an upsert whose new
         * document would get an {@code _id} the server chooses.
         */
        @SuppressWarnings("unchecked")
        static boolean makeReplayable(String name, Document command) {
            if ("insert".equals(name) && command.get("documents") instanceof List<?> documents) {
                for (Object document : documents) {
                    if (document instanceof Document inserted && !inserted.containsKey("_id")) {
                        Document withId = new Document("_id", new ObjectId());
                        withId.putAll(inserted);
                        inserted.clear();
                        inserted.putAll(withId);
                    }
                }
                return true;
            }
            if ("update".equals(name) && command.get("updates") instanceof List<?> updates) {
                return ((List<Object>) updates).stream().noneMatch(update -> update instanceof Document statement
                        && Boolean.TRUE.equals(statement.get("upsert")) && !namesId(statement.get("q")));
            }
            if ("findandmodify".equals(name)) {
                return !Boolean.TRUE.equals(command.get("upsert")) || namesId(command.get("query"));
            }
            return true;
        }

        private static boolean namesId(Object query) {
            return query instanceof Document document && document.containsKey("_id")
                    && !(document.get("_id") instanceof Document condition
                            && condition.keySet().stream().anyMatch(key -> key.startsWith("$")));
        }
    }
}
