package nl.trajectorytracker.infra.eventstore;

import static com.mongodb.client.model.Filters.and;
import static com.mongodb.client.model.Filters.eq;
import static com.mongodb.client.model.Filters.gte;
import static com.mongodb.client.model.Filters.in;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.Executor;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

import org.axonframework.common.jdbc.PersistenceExceptionResolver;
import org.axonframework.eventhandling.DomainEventData;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.GlobalSequenceTrackingToken;
import org.axonframework.eventhandling.TrackedDomainEventData;
import org.axonframework.eventhandling.TrackedEventData;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventsourcing.eventstore.AbstractEventStorageEngine;
import org.axonframework.eventsourcing.eventstore.EventStoreException;
import org.axonframework.serialization.SerializedObject;
import org.axonframework.serialization.Serializer;
import org.bson.Document;
import org.bson.RawBsonDocument;
import org.bson.codecs.Codec;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoException;
import com.mongodb.MongoWriteException;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.Projections;
import com.mongodb.client.model.ReplaceOptions;
import com.mongodb.client.model.Sorts;

/**
 * An event storage engine on MongoDB that only uses what both a real MongoDB and the embedded mongo-java-server
 * support: single-document atomic writes, the {@code _id} index, and exact matches on a single-field unique index.
 *
 * <h2>Layout</h2>
 * One document per commit (all events applied by one command), so a commit becomes visible whole or not at all.
 * <ul>
 * <li>{@code _id}: the commit's global position, 1, 2, 3... without gaps. A writer claims a position by inserting
 * at the next free one; a duplicate {@code _id} means another writer took it, and the writer moves on. Positions
 * are therefore only ever taken by complete commits, so a streaming reader never needs to wait for a late
 * writer.</li>
 * <li>{@code key}: {@code <aggregate id>#<first sequence number>}, with a unique index. Two commands that loaded the
 * same version of an aggregate produce the same key, so exactly one of them can be stored: the optimistic
 * concurrency check is the insert itself.</li>
 * </ul>
 * An event's tracking position is {@code commitPosition * 1024 + index within the commit}, so the token of a
 * streaming processor is one number, however busy the store.
 *
 * <h2>Hot paths</h2>
 * Appending is one insert. Loading an aggregate asks for the keys of the next sequence numbers with {@code $in};
 * streaming asks for the next positions with {@code $in} on {@code _id}. Both are index look-ups on either server.
 *
 * <h2>Hooks</h2>
 * A {@link CommitHook} (the audit trail) sees every commit under the append lock, before and after its insert, and
 * may add fields to it; the commits are readable as stored through {@link CommitReader}.
 */
public class MongoEventStorageEngine extends AbstractEventStorageEngine implements CommitReader, CommitHooks {

    /** Events one commit may hold; the low bits of a tracking position index into the commit. */
    public static final int MAX_EVENTS_PER_COMMIT = 1024;

    private static final Logger log = LoggerFactory.getLogger(MongoEventStorageEngine.class);
    private static final int AGGREGATE_WINDOW = 64;
    /** Positions asked for past the newest known commit, to find commits other instances appended. */
    private static final int HEAD_LOOKAHEAD = 16;
    /** Windows of commits a stream behind the head asks for before its reader needs them. */
    private static final int READ_AHEAD_WINDOWS = 2;
    /** How far past the newest known commit the head is looked for in one round trip; wider than any gap. */
    private static final int HEAD_PROBE = 64;
    /** How many of its own newest commits an instance keeps to serve processors at the head from memory. */
    private static final int RECENT_COMMITS = 1024;
    private static final long TAIL_DISCOVERY_MILLIS = 50;
    private static final String COMMITS = "event_commits";
    private static final String SNAPSHOTS = "event_snapshots";
    private static final String COMMIT_KEY_INDEX = "commit_key";
    /**
     * The metadata entry in which the command adapter names the idempotency key (a hash of principal and key) of the
     * request that caused a commit, and the request's fingerprint; stored as the commit's {@code idem} and
     * {@code idemFp}, so the key's outcome is written atomically with its effect and a key causes one commit at most.
     */
    public static final String IDEMPOTENCY_KEY = "idempotencyKey";
    public static final String IDEMPOTENCY_FINGERPRINT = "idempotencyFingerprint";
    private static final String IDEMPOTENCY_INDEX = "commit_idempotency_key";

    private final MongoCollection<Document> commits;
    /** The same collection, for a commit encoded once: the insert sends its bytes, the journal keeps them. */
    private final MongoCollection<RawBsonDocument> encodedCommits;
    private final Codec<Document> commitCodec;
    private final MongoCollection<Document> snapshots;
    private final Clock clock;
    private final int streamBatchSize;
    private final long gapTimeoutMillis;
    private final ReentrantLock appendLock = new ReentrantLock();
    private final Map<Long, Long> gapsFirstSeen = new ConcurrentHashMap<>();
    private volatile CommitHook hook = NO_HOOK;
    private long head = -1;
    /** The newest commit position this engine appended or read: where a tailing stream's window ends. */
    private final AtomicLong highestKnown = new AtomicLong();
    /** Reads the next window of a stream that is behind the head while its reader handles the current one. */
    private final Executor readAhead = Executors.newCachedThreadPool(runnable -> {
        Thread thread = new Thread(runnable, "event-stream-read-ahead");
        thread.setDaemon(true);
        return thread;
    });
    /** The newest commits this instance appended, by position: the head of the stream without a round trip. */
    private final ConcurrentSkipListMap<Long, Document> recentlyAppended = new ConcurrentSkipListMap<>();
    private final AtomicLong lastTailQuery = new AtomicLong(System.nanoTime());

    private MongoEventStorageEngine(Builder builder) {
        super(builder);
        this.commits = builder.database.getCollection(COMMITS);
        this.encodedCommits = commits.withDocumentClass(RawBsonDocument.class);
        this.commitCodec = commits.getCodecRegistry().get(Document.class);
        this.snapshots = builder.database.getCollection(SNAPSHOTS);
        this.clock = builder.clock;
        this.streamBatchSize = builder.streamBatchSize;
        this.gapTimeoutMillis = builder.gapTimeoutMillis;
        ensureIndexes();
    }

    public static Builder builder() {
        return new Builder();
    }

    private void ensureIndexes() {
        commits.createIndex(Indexes.ascending("key"), new IndexOptions().unique(true).name(COMMIT_KEY_INDEX));
        // Used by a real MongoDB for the rare load that starts inside a commit; the embedded server scans.
        commits.createIndex(Indexes.ascending("agg", "first"), new IndexOptions().name("aggregate_order"));
        // sparse: only the commits of requests sent with an Idempotency-Key have one
        commits.createIndex(Indexes.ascending("idem"),
                new IndexOptions().unique(true).sparse(true).name(IDEMPOTENCY_INDEX));
    }

    // ---------------------------------------------------------------- appending

    @Override
    protected void appendEvents(List<? extends EventMessage<?>> events, Serializer serializer) {
        if (events.isEmpty()) {
            return;
        }
        if (events.size() > MAX_EVENTS_PER_COMMIT) {
            throw new IllegalArgumentException("A command may apply at most " + MAX_EVENTS_PER_COMMIT + " events");
        }
        Document commit = commitDocument(events, serializer);
        appendLock.lock();
        try {
            sealing(commit);
            long position = nextPosition();
            commit.put("_id", position);
            RawBsonDocument encoded = new RawBsonDocument(commit, commitCodec);
            while (true) {
                try {
                    encodedCommits.insertOne(encoded);
                    head = position;
                    highestKnown.accumulateAndGet(position, Math::max);
                    remember(position, commit);
                    committed(commit);
                    break;
                } catch (MongoWriteException e) {
                    if (e.getError().getCategory() != ErrorCategory.DUPLICATE_KEY) {
                        throw e;
                    }
                    if (!isPositionConflict(e)) {
                        handlePersistenceException(e, events.get(0));
                    }
                    // another instance claimed this position: continue after the newest stored commit
                    position = Math.max(position, readHead()) + 1;
                    commit.put("_id", position);
                    encoded = new RawBsonDocument(commit, commitCodec);
                }
            }
        } catch (MongoException e) {
            handlePersistenceException(e, events.get(0));
            throw e;
        } finally {
            appendLock.unlock();
        }
    }

    @Override
    public void hook(CommitHook commitHook) {
        this.hook = commitHook == null ? NO_HOOK : commitHook;
    }

    private void sealing(Document commit) {
        try {
            hook.sealing(commit);
        } catch (RuntimeException e) {
            throw new EventStoreException("The commit could not be sealed, so it is not written: " + e.getMessage(),
                    e);
        }
    }

    private void committed(Document commit) {
        try {
            hook.committed(commit);
        } catch (RuntimeException e) {
            log.error("The commit hook failed after commit {} was stored", commit.get("_id"), e);
        }
    }

    private static final CommitHook NO_HOOK = new CommitHook() {
        @Override
        public void sealing(Document commit) {
        }

        @Override
        public void committed(Document commit) {
        }
    };

    /**
     * Whether the shared tail should ask the database for commits of other instances: at most every
     * {@value #TAIL_DISCOVERY_MILLIS}ms while this instance's own commits keep waking it, which bounds how long
     * another instance's commit waits to be seen, without a round trip after every command of our own.
     */
    private boolean discoveryDue() {
        return System.nanoTime() - lastTailQuery.get() >= TimeUnit.MILLISECONDS.toNanos(TAIL_DISCOVERY_MILLIS);
    }

    private void remember(long position, Document commit) {
        recentlyAppended.put(position, commit);
        while (recentlyAppended.size() > RECENT_COMMITS) {
            recentlyAppended.pollFirstEntry();
        }
    }

    /**
     * The commits from {@code first} up to the newest position known, when this instance appended every one of them
     * itself; empty otherwise. Positions are handed out one after the other, so an unbroken run of our own commits
     * up to the newest known position leaves no room for another instance's commit between them.
     */
    private Optional<List<Document>> appendedHere(long first, long window) {
        long last = highestKnown.get();
        if (last < first || last - first + 1 > window) {
            return Optional.empty();
        }
        List<Document> run = new ArrayList<>((int) (last - first + 1));
        for (long position = first; position <= last; position++) {
            Document commit = recentlyAppended.get(position);
            if (commit == null) {
                return Optional.empty();
            }
            run.add(commit);
        }
        return Optional.of(run);
    }

    private long nextPosition() {
        if (head < 0) {
            head = readHead();
        }
        return head + 1;
    }

    /**
     * The position of the newest stored commit ({@code 0}: none). Looks ahead of the newest position this instance
     * knows with exact {@code _id} look-ups, window by window, because a sort on {@code _id} reads and sorts the
     * whole collection on the embedded server; only the first call, knowing nothing yet, sorts.
     */
    private long readHead() {
        long newest = Math.max(head, highestKnown.get());
        if (newest <= 0) {
            Document last = commits.find().projection(Projections.include("_id")).sort(Sorts.descending("_id"))
                    .limit(1).first();
            newest = last == null ? 0 : last.getLong("_id");
        }
        while (true) {
            List<Long> window = new ArrayList<>(HEAD_PROBE);
            for (long position = newest + 1; position <= newest + HEAD_PROBE; position++) {
                window.add(position);
            }
            long found = newest;
            for (Document commit : commits.find(in("_id", window)).projection(Projections.include("_id"))
                    .batchSize(window.size())) {
                found = Math.max(found, commit.getLong("_id"));
            }
            if (found == newest) {
                highestKnown.accumulateAndGet(newest, Math::max);
                return newest;
            }
            newest = found;
        }
    }

    private static boolean isPositionConflict(MongoWriteException e) {
        String message = e.getError().getMessage();
        return message == null || !message.contains(COMMIT_KEY_INDEX) && !message.contains(IDEMPOTENCY_INDEX);
    }

    private Document commitDocument(List<? extends EventMessage<?>> events, Serializer serializer) {
        EventMessage<?> first = events.get(0);
        List<Document> entries = new ArrayList<>(events.size());
        String aggregate = null;
        String aggregateType = null;
        long firstSequence = 0;
        long lastSequence = 0;
        for (int i = 0; i < events.size(); i++) {
            EventMessage<?> event = events.get(i);
            SerializedObject<String> payload = event.serializePayload(serializer, String.class);
            SerializedObject<String> metaData = event.serializeMetaData(serializer, String.class);
            Document entry = new Document("id", event.getIdentifier())
                    .append("ts", event.getTimestamp().toString())
                    .append("ptype", payload.getType().getName())
                    .append("rev", payload.getType().getRevision())
                    .append("payload", payload.getData())
                    .append("meta", metaData.getData());
            if (event instanceof DomainEventMessage<?> domainEvent) {
                if (i == 0) {
                    aggregate = domainEvent.getAggregateIdentifier();
                    aggregateType = domainEvent.getType();
                    firstSequence = domainEvent.getSequenceNumber();
                } else if (!domainEvent.getAggregateIdentifier().equals(aggregate)) {
                    throw new IllegalArgumentException("One commit holds the events of one aggregate");
                }
                lastSequence = domainEvent.getSequenceNumber();
                entry.append("seq", lastSequence);
            }
            entries.add(entry);
        }
        Document commit = new Document();
        if (aggregate != null) {
            commit.append("key", streamKey(aggregate, firstSequence))
                    .append("agg", aggregate)
                    .append("type", aggregateType)
                    .append("first", firstSequence)
                    .append("last", lastSequence);
        } else {
            commit.append("key", "event#" + first.getIdentifier());
        }
        Object idempotencyKey = first.getMetaData().get(IDEMPOTENCY_KEY);
        if (idempotencyKey != null) {
            commit.append("idem", idempotencyKey.toString())
                    .append("idemFp", String.valueOf(first.getMetaData().get(IDEMPOTENCY_FINGERPRINT)));
        }
        return commit.append("at", clock.millis()).append("events", entries);
    }

    // ---------------------------------------------------------------- reading commits as stored

    @Override
    public long headPosition() {
        return readHead();
    }

    @Override
    public List<Document> commitsAt(java.util.Collection<Long> positions) {
        if (positions.isEmpty()) {
            return List.of();
        }
        return commits.find(in("_id", positions)).batchSize(positions.size()).into(new ArrayList<>());
    }

    /**
     * An aggregate's commits as stored, from the one holding {@code fromSequence}, following the keys: the chain as
     * loading sees it, with index look-ups only. Stops at the first missing sequence number.
     */
    @Override
    public List<Document> commitsOf(String aggregate, long fromSequence) {
        List<Document> found = new ArrayList<>();
        new AggregateCommits(aggregate, fromSequence).forEachRemaining(found::add);
        return found;
    }

    @Override
    public Document commitStartingAt(String aggregate, long firstSequence) {
        return commits.find(eq("key", streamKey(aggregate, firstSequence))).first();
    }

    /** The commit caused by the request with this idempotency key (see {@link #IDEMPOTENCY_KEY}), if any. */
    public Optional<Document> commitOfIdempotencyKey(String idempotencyKey) {
        return Optional.ofNullable(commits.find(eq("idem", idempotencyKey))
                .projection(Projections.include("agg", "first", "last", "idem", "idemFp")).first());
    }

    private static String streamKey(String aggregate, long sequence) {
        return aggregate + "#" + sequence;
    }

    @Override
    protected void storeSnapshot(DomainEventMessage<?> snapshot, Serializer serializer) {
        SerializedObject<String> payload = snapshot.serializePayload(serializer, String.class);
        SerializedObject<String> metaData = snapshot.serializeMetaData(serializer, String.class);
        Document document = new Document("_id", snapshot.getAggregateIdentifier())
                .append("type", snapshot.getType())
                .append("seq", snapshot.getSequenceNumber())
                .append("id", snapshot.getIdentifier())
                .append("ts", snapshot.getTimestamp().toString())
                .append("ptype", payload.getType().getName())
                .append("rev", payload.getType().getRevision())
                .append("payload", payload.getData())
                .append("meta", metaData.getData());
        snapshots.replaceOne(eq("_id", snapshot.getAggregateIdentifier()), document,
                new ReplaceOptions().upsert(true));
    }

    // ---------------------------------------------------------------- reading one aggregate

    @Override
    protected Stream<? extends DomainEventData<?>> readEventData(String aggregate, long firstSequenceNumber) {
        return stream(new AggregateCommits(aggregate, firstSequenceNumber))
                .flatMap(commit -> domainEntries(commit).stream())
                .filter(entry -> entry.getSequenceNumber() >= firstSequenceNumber);
    }

    @Override
    public Optional<Long> lastSequenceNumberFor(String aggregate) {
        Long last = null;
        Iterator<Document> walk = new AggregateCommits(aggregate, 0);
        while (walk.hasNext()) {
            last = walk.next().getLong("last");
        }
        return Optional.ofNullable(last);
    }

    /** Walks an aggregate's commits in order, a window of keys at a time. */
    private final class AggregateCommits implements Iterator<Document> {

        private final String aggregate;
        private long expected;
        private final List<Document> buffer = new ArrayList<>();
        private boolean exhausted;
        private boolean firstWindow = true;

        AggregateCommits(String aggregate, long firstSequence) {
            this.aggregate = aggregate;
            this.expected = firstSequence;
        }

        @Override
        public boolean hasNext() {
            if (buffer.isEmpty() && !exhausted) {
                fill();
            }
            return !buffer.isEmpty();
        }

        @Override
        public Document next() {
            if (!hasNext()) {
                throw new NoSuchElementException();
            }
            return buffer.remove(0);
        }

        private void fill() {
            List<String> keys = new ArrayList<>(AGGREGATE_WINDOW);
            for (int i = 0; i < AGGREGATE_WINDOW; i++) {
                keys.add(streamKey(aggregate, expected + i));
            }
            List<Document> found = commits.find(in("key", keys)).batchSize(keys.size()).into(new ArrayList<>());
            long wanted = expected;
            boolean startsAtWanted = found.stream().anyMatch(commit -> commit.getLong("first") == wanted);
            if (!startsAtWanted && firstWindow && expected > 0) {
                // the first wanted event sits inside a commit that starts earlier (rare: a snapshot mid-commit)
                found = commits.find(and(eq("agg", aggregate), gte("last", expected)))
                        .sort(Sorts.ascending("first")).limit(AGGREGATE_WINDOW).into(new ArrayList<>());
                if (!found.isEmpty()) {
                    expected = found.get(0).getLong("first");
                }
            }
            firstWindow = false;
            found.sort(Comparator.comparingLong(commit -> commit.getLong("first")));
            for (Document commit : found) {
                if (commit.getLong("first") != expected) {
                    break;
                }
                buffer.add(commit);
                expected = commit.getLong("last") + 1;
            }
            if (buffer.isEmpty()) {
                exhausted = true;
            }
        }
    }

    private List<DomainEventData<String>> domainEntries(Document commit) {
        List<Document> events = commit.getList("events", Document.class);
        List<DomainEventData<String>> entries = new ArrayList<>(events.size());
        for (Document event : events) {
            entries.add(entry(commit, event));
        }
        return entries;
    }

    private static StoredEvent entry(Document commit, Document event) {
        String aggregate = commit.getString("agg");
        Long sequence = event.getLong("seq");
        return StoredEvent.of(commit.getString("type"),
                aggregate != null ? aggregate : event.getString("id"),
                sequence != null ? sequence : 0L,
                event.getString("id"), event.getString("ts"), event.getString("ptype"), event.getString("rev"),
                event.getString("payload"), event.getString("meta"));
    }

    @Override
    protected Stream<? extends DomainEventData<?>> readSnapshotData(String aggregate) {
        Document snapshot = snapshots.find(eq("_id", aggregate)).first();
        if (snapshot == null) {
            return Stream.empty();
        }
        return Stream.of(StoredEvent.of(snapshot.getString("type"), aggregate,
                snapshot.getLong("seq"), snapshot.getString("id"), snapshot.getString("ts"),
                snapshot.getString("ptype"), snapshot.getString("rev"), snapshot.getString("payload"),
                snapshot.getString("meta")));
    }

    // ---------------------------------------------------------------- streaming

    @Override
    protected Stream<? extends TrackedEventData<?>> readEventData(TrackingToken token, boolean mayBlock) {
        long after = token == null ? -1 : positionOf(token);
        // a blocking stream is the event store's shared tail, which follows the head: it may read our own newest
        // commits from memory; every other reader (a rebuild, a replay, a check) reads what the database holds
        return stream(new GlobalStream(after, mayBlock));
    }

    private static long positionOf(TrackingToken token) {
        return token.position().orElseThrow(() -> new IllegalArgumentException("Unsupported token " + token));
    }

    static long commitOf(long position) {
        return position / MAX_EVENTS_PER_COMMIT;
    }

    static long position(long commit, int index) {
        return commit * MAX_EVENTS_PER_COMMIT + index;
    }

    /** A window of commits asked for ahead of a stream's reader. */
    private record Window(long from, CompletableFuture<List<Document>> read) {
    }

    /**
     * Reads the global stream after a position, batch by batch, stopping at the head. A missing commit below a
     * present one can only mean a document was removed behind the application's back; the reader waits
     * {@code gapTimeout} for it, then steps over it with a warning rather than stall every processor.
     */
    private final class GlobalStream implements Iterator<TrackedEventData<?>> {

        private long nextCommit;
        private int skipUpToIndex;
        private final ArrayDeque<TrackedEventData<?>> buffer = new ArrayDeque<>();
        private boolean exhausted;
        private boolean behind;
        private final boolean tail;
        /**
         * The next windows, contiguous from {@link #nextCommit}, asked for while the reader handles this one (only
         * when behind the head): two in flight keep the database busy while the reader works.
         */
        private final ArrayDeque<Window> ahead = new ArrayDeque<>();

        GlobalStream(long afterPosition, boolean tail) {
            this.tail = tail;
            if (afterPosition < 0) {
                nextCommit = 1;
                skipUpToIndex = -1;
            } else {
                nextCommit = commitOf(afterPosition);
                skipUpToIndex = (int) (afterPosition % MAX_EVENTS_PER_COMMIT);
            }
        }

        @Override
        public boolean hasNext() {
            while (buffer.isEmpty() && !exhausted) {
                fill();
            }
            return !buffer.isEmpty();
        }

        @Override
        public TrackedEventData<?> next() {
            if (!hasNext()) {
                throw new NoSuchElementException();
            }
            return buffer.poll();
        }

        /**
         * Asks for the next window of positions. At the head the window reaches only a little past the newest
         * commit this engine knows of (appended or read), so a processor polling an idle store costs a handful of
         * look-ups, not a full batch; behind the head, and once a window came back full, it is a full batch.
         */
        private void fill() {
            long known = highestKnown.get();
            long size = behind ? streamBatchSize
                    : Math.min(streamBatchSize, Math.max(0, known - nextCommit + 1) + HEAD_LOOKAHEAD);
            Optional<List<Document>> ours = behind || !tail ? Optional.empty() : appendedHere(nextCommit, size);
            if (ours.isPresent() && hasUnread(ours.get())) {
                // the head, as far as anyone knows here, and all of it ours: no need to ask the database
                for (Document commit : ours.get()) {
                    long id = commit.getLong("_id");
                    addEvents(commit, id);
                    nextCommit = id + 1;
                    skipUpToIndex = -1;
                }
                exhausted = true;
                return;
            }
            if (ours.isPresent() && !discoveryDue()) {
                // at our own newest commit, and the database was asked for others' commits a moment ago
                exhausted = true;
                return;
            }
            long end = nextCommit + size;
            List<Document> found = readAhead(size);
            if (found == null) {
                if (tail) {
                    lastTailQuery.set(System.nanoTime());
                }
                found = window(nextCommit, size);
            }
            if (found.isEmpty()) {
                exhausted = true;
                return;
            }
            found.sort(Comparator.comparingLong(commit -> commit.getLong("_id")));
            behind = found.size() == size;
            highestKnown.accumulateAndGet(found.get(found.size() - 1).getLong("_id"), Math::max);
            for (Document commit : found) {
                long id = commit.getLong("_id");
                while (nextCommit < id) {
                    if (!gapExpired(nextCommit)) {
                        exhausted = true;
                        return;
                    }
                    log.warn("Commit {} is missing from the event store; streaming continues after it", nextCommit);
                    nextCommit++;
                    skipUpToIndex = -1;
                }
                addEvents(commit, id);
                nextCommit = id + 1;
                skipUpToIndex = -1;
            }
            if (nextCommit < end) {
                // the window ended beyond the newest commit: this is the head, no need to ask again
                exhausted = true;
            } else if (behind) {
                long from = ahead.isEmpty() ? nextCommit : ahead.peekLast().from() + streamBatchSize;
                while (ahead.size() < READ_AHEAD_WINDOWS) {
                    long start = from;
                    ahead.add(new Window(start,
                            CompletableFuture.supplyAsync(() -> window(start, streamBatchSize), readAhead)));
                    from += streamBatchSize;
                }
            }
        }

        /**
         * The window read ahead, when it starts where the stream is and came back whole. A window with a hole is
         * read again instead: it was read a while ago, and a commit that was late then must not be taken for
         * missing now. A window that came back whole holds no news older than itself, as commits never change.
         */
        private List<Document> readAhead(long size) {
            Window next = ahead.poll();
            List<Document> found = null;
            if (next != null && next.from() == nextCommit && size == streamBatchSize) {
                try {
                    found = next.read().join();
                } catch (RuntimeException e) {
                    found = null;
                }
            }
            if (found == null || found.size() != size) {
                // the windows after it were read as if this one were whole
                ahead.clear();
                return null;
            }
            return found;
        }

        private List<Document> window(long from, long size) {
            List<Long> ids = new ArrayList<>((int) size);
            for (long id = from; id < from + size; id++) {
                ids.add(id);
            }
            // all in one reply: without a batch size the server answers 101 and the rest on a second round trip
            return commits.find(in("_id", ids)).batchSize(ids.size()).into(new ArrayList<>());
        }

        /**
         * Whether a run of commits holds an event after the position the stream resumes from: a run that holds only
         * the commit already read says nothing of what other instances stored since, so the database is asked.
         */
        private boolean hasUnread(List<Document> run) {
            return run.size() > 1 || run.get(0).getList("events", Document.class).size() > skipUpToIndex + 1;
        }

        private void addEvents(Document commit, long id) {
            List<Document> events = commit.getList("events", Document.class);
            for (int index = skipUpToIndex + 1; index < events.size(); index++) {
                TrackingToken token = new GlobalSequenceTrackingToken(position(id, index));
                buffer.add(new TrackedDomainEventData<>(token, entry(commit, events.get(index))));
            }
        }
    }

    private boolean gapExpired(long commit) {
        long now = clock.millis();
        long firstSeen = gapsFirstSeen.computeIfAbsent(commit, c -> now);
        if (now - firstSeen >= gapTimeoutMillis) {
            gapsFirstSeen.remove(commit);
            return true;
        }
        return false;
    }

    @Override
    public TrackingToken createTailToken() {
        return null;
    }

    @Override
    public TrackingToken createHeadToken() {
        long last = readHead();
        if (last == 0) {
            return null;
        }
        Document commit = commits.find(eq("_id", last)).first();
        int events = commit == null ? 1 : commit.getList("events", Document.class).size();
        return new GlobalSequenceTrackingToken(position(last, events - 1));
    }

    /** The token just before the first commit stored at or after the given moment, found by binary search. */
    @Override
    public TrackingToken createTokenAt(Instant dateTime) {
        long low = 1;
        long high = readHead();
        long millis = dateTime.toEpochMilli();
        long answer = high + 1;
        while (low <= high) {
            long middle = (low + high) >>> 1;
            Document commit = commits.find(eq("_id", middle)).projection(Projections.include("at")).first();
            if (commit == null || commit.getLong("at") >= millis) {
                answer = middle;
                high = middle - 1;
            } else {
                low = middle + 1;
            }
        }
        if (answer <= 1) {
            return null;
        }
        return new GlobalSequenceTrackingToken(position(answer, 0) - 1);
    }

    private static <T> Stream<T> stream(Iterator<T> iterator) {
        return StreamSupport.stream(Spliterators.spliteratorUnknownSize(iterator, Spliterator.ORDERED), false);
    }

    /** Builds the engine; the database and a clock are required. */
    public static final class Builder extends AbstractEventStorageEngine.Builder {

        private MongoDatabase database;
        private Clock clock = Clock.systemUTC();
        private int streamBatchSize = 256;
        private long gapTimeoutMillis = 10_000;

        private Builder() {
            persistenceExceptionResolver(Builder::isDuplicateKey);
        }

        private static boolean isDuplicateKey(Exception e) {
            return e instanceof MongoWriteException w && w.getError().getCategory() == ErrorCategory.DUPLICATE_KEY;
        }

        public Builder database(MongoDatabase database) {
            this.database = database;
            return this;
        }

        public Builder clock(Clock clock) {
            this.clock = clock;
            return this;
        }

        public Builder streamBatchSize(int streamBatchSize) {
            this.streamBatchSize = streamBatchSize;
            return this;
        }

        public Builder gapTimeoutMillis(long gapTimeoutMillis) {
            this.gapTimeoutMillis = gapTimeoutMillis;
            return this;
        }

        @Override
        public Builder eventSerializer(Serializer eventSerializer) {
            super.eventSerializer(eventSerializer);
            return this;
        }

        @Override
        public Builder snapshotSerializer(Serializer snapshotSerializer) {
            super.snapshotSerializer(snapshotSerializer);
            return this;
        }

        @Override
        public Builder upcasterChain(org.axonframework.serialization.upcasting.event.EventUpcaster upcasterChain) {
            super.upcasterChain(upcasterChain);
            return this;
        }

        @Override
        public Builder persistenceExceptionResolver(PersistenceExceptionResolver resolver) {
            super.persistenceExceptionResolver(resolver);
            return this;
        }

        public MongoEventStorageEngine build() {
            if (database == null) {
                throw new IllegalStateException("A MongoDB database is required");
            }
            return new MongoEventStorageEngine(this);
        }
    }
}
