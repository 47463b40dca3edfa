package nl.trajectorytracker.infra.eventstore;

import static com.mongodb.client.model.Filters.eq;
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
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

import org.axonframework.eventhandling.DomainEventData;
import org.axonframework.eventhandling.GlobalSequenceTrackingToken;
import org.axonframework.eventhandling.TrackedDomainEventData;
import org.axonframework.eventhandling.TrackedEventData;
import org.axonframework.eventhandling.TrackingToken;
import org.bson.Document;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.mongodb.ReadConcern;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Projections;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * The global stream of events, commit by commit in position order, as the read models' processors read it: the next
 * window of positions with one {@code $in} on {@code _id}, with majority read concern, so that a read model never
 * applies a commit that a replica set's failover could still roll back.
 *
 * <p>Positions are taken only by complete commits, so a missing position below a stored one means a document was
 * removed behind the application's back. A stream waits {@code gapTimeout} for it, then goes on after it: every read
 * model then lacks that commit's events, which is logged as an error and counted
 * ({@code tracker.event_store.missing_commits}), never passed over in silence.
 */
final class CommitStream {

    static final String MISSING_COMMITS = "tracker.event_store.missing_commits";
    static final String UNREADABLE_EVENTS = "tracker.event_store.unreadable_events";

    private static final Logger log = LoggerFactory.getLogger(CommitStream.class);
    /** Positions asked for past the newest known commit, to find commits other instances appended. */
    private static final int HEAD_LOOKAHEAD = 16;
    /** Reads windows ahead for every stream of the process, on at most two threads, which end when idle. */
    private static final ThreadPoolExecutor READ_AHEAD = readAheadThreads(2);

    private final MongoCollection<Document> commits;
    private final CommitHead head;
    private final Clock clock;
    private final int batchSize;
    private final int readAheadWindows;
    private final long gapTimeoutMillis;
    private final Map<Long, Long> gapsFirstSeen = new ConcurrentHashMap<>();
    private final Counter missingCommits;
    private final Counter unreadableEvents;

    CommitStream(MongoCollection<Document> commits, CommitHead head, Clock clock, int batchSize, int readAheadWindows,
            long gapTimeoutMillis, MeterRegistry meters) {
        this.commits = commits.withReadConcern(ReadConcern.MAJORITY);
        this.head = head;
        this.clock = clock;
        this.batchSize = batchSize;
        this.readAheadWindows = readAheadWindows;
        this.gapTimeoutMillis = gapTimeoutMillis;
        this.missingCommits = Counter.builder(MISSING_COMMITS)
                .description("Missing commits of the event store that streams went on after, without their events")
                .register(meters);
        this.unreadableEvents = Counter.builder(UNREADABLE_EVENTS)
                .description("Stored events in a form the application never writes, which streams went on after")
                .register(meters);
    }

    private static ThreadPoolExecutor readAheadThreads(int threads) {
        ThreadPoolExecutor executor = new ThreadPoolExecutor(threads, threads, 30, TimeUnit.SECONDS,
                new LinkedBlockingQueue<>(), runnable -> {
                    Thread thread = new Thread(runnable, "event-stream-read-ahead");
                    thread.setDaemon(true);
                    return thread;
                });
        executor.allowCoreThreadTimeOut(true);
        return executor;
    }

    /** The events after the token's position ({@code null}: from the start). */
    Stream<? extends TrackedEventData<?>> after(TrackingToken token) {
        long after = token == null ? -1 : token.position()
                .orElseThrow(() -> new IllegalArgumentException("Unsupported token " + token));
        return StreamSupport.stream(Spliterators.spliteratorUnknownSize(new Reader(after), Spliterator.ORDERED),
                false);
    }

    TrackingToken headToken() {
        long last = head.read(0);
        if (last == 0) {
            return null;
        }
        Document commit = commits.find(eq("_id", last)).first();
        int events = commit == null ? 1 : commit.getList("events", Document.class).size();
        return new GlobalSequenceTrackingToken(CommitDocuments.position(last, events - 1));
    }

    /** The token just before the first commit stored at or after the given moment, found by binary search. */
    TrackingToken tokenAt(Instant dateTime) {
        long low = 1;
        long high = head.read(0);
        long millis = dateTime.toEpochMilli();
        long answer = high + 1;
        while (low <= high) {
            long middle = (low + high) >>> 1;
            Document commit = commits.find(eq("_id", middle)).projection(Projections.include("at")).first();
            if (commit == null || StoredNumbers.of(commit, "at") >= millis) {
                answer = middle;
                high = middle - 1;
            } else {
                low = middle + 1;
            }
        }
        if (answer <= 1) {
            return null;
        }
        return new GlobalSequenceTrackingToken(CommitDocuments.position(answer, 0) - 1);
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

    /** A window of commits asked for ahead of a stream's reader. */
    private record Window(long from, CompletableFuture<List<Document>> read) {
    }

    /** Reads the stream after a position, window by window, stopping at the head. */
    private final class Reader implements Iterator<TrackedEventData<?>> {

        private long nextCommit;
        private int skipUpToIndex;
        private final ArrayDeque<TrackedEventData<?>> buffer = new ArrayDeque<>();
        private boolean exhausted;
        private boolean behind;
        /** The next windows, contiguous from {@link #nextCommit}, asked for while the reader handles this one. */
        private final ArrayDeque<Window> ahead = new ArrayDeque<>();

        Reader(long afterPosition) {
            if (afterPosition < 0) {
                nextCommit = 1;
                skipUpToIndex = -1;
            } else {
                nextCommit = CommitDocuments.commitOf(afterPosition);
                skipUpToIndex = (int) (afterPosition % MongoEventStorageEngine.MAX_EVENTS_PER_COMMIT);
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
         * commit this engine knows of, so a processor polling an idle store costs a handful of look-ups, not a full
         * batch; behind the head, and once a window came back full, it is a full batch.
         */
        private void fill() {
            long size = behind ? batchSize
                    : Math.min(batchSize, Math.max(0, head.known() - nextCommit + 1) + HEAD_LOOKAHEAD);
            long end = nextCommit + size;
            List<Document> found = readAhead(size);
            if (found == null) {
                found = window(nextCommit, size);
            }
            if (found.isEmpty()) {
                exhausted = true;
                return;
            }
            found.sort(Comparator.comparingLong(commit -> StoredNumbers.of(commit, "_id")));
            behind = found.size() == size;
            head.seen(StoredNumbers.of(found.get(found.size() - 1), "_id"));
            for (Document commit : found) {
                long id = StoredNumbers.of(commit, "_id");
                while (nextCommit < id) {
                    if (!gapExpired(nextCommit)) {
                        exhausted = true;
                        return;
                    }
                    log.error("Commit {} is missing from the event store (a document removed behind the "
                            + "application's back?); streaming goes on after it, without its events: restore it "
                            + "and rebuild the read models", nextCommit);
                    missingCommits.increment();
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
                long from = ahead.isEmpty() ? nextCommit : ahead.peekLast().from() + batchSize;
                while (ahead.size() < readAheadWindows) {
                    long start = from;
                    ahead.add(new Window(start,
                            CompletableFuture.supplyAsync(() -> window(start, batchSize), READ_AHEAD)));
                    from += batchSize;
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
            if (next != null && next.from() == nextCommit && size == batchSize) {
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
         * The commit's events; one in a form the application never writes (a list of events that is none, a moment
         * that is none, a field of another type) is logged, counted and gone on after, as a missing commit is: it was
         * changed behind the application's back, its trajectory no longer verifies, and waiting for it stopped every
         * read model for good.
         */
        private void addEvents(Document commit, long id) {
            List<Document> events;
            try {
                events = commit.getList("events", Document.class);
            } catch (RuntimeException e) {
                events = null;
            }
            if (events == null) {
                unreadable(id, "its list of events", "it is not a list of events");
                return;
            }
            for (int index = skipUpToIndex + 1; index < events.size(); index++) {
                TrackingToken token = new GlobalSequenceTrackingToken(CommitDocuments.position(id, index));
                try {
                    DomainEventData<String> event = CommitDocuments.event(commit, events.get(index));
                    event.getTimestamp();
                    buffer.add(new TrackedDomainEventData<>(token, event));
                } catch (RuntimeException e) {
                    unreadable(id, "event " + index, e.toString());
                }
            }
        }

        private void unreadable(long commit, String what, String why) {
            log.error("Commit {} of the event store cannot be read ({}: {}): it was changed behind the application's"
                    + " back; streaming goes on without it. Its trajectory's verification shows the break", commit,
                    what, why);
            unreadableEvents.increment();
        }
    }
}
