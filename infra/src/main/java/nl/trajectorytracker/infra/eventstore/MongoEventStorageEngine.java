package nl.trajectorytracker.infra.eventstore;

import static com.mongodb.client.model.Filters.eq;
import static com.mongodb.client.model.Filters.in;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.locks.ReentrantLock;
import java.util.stream.Stream;

import org.axonframework.common.jdbc.PersistenceExceptionResolver;
import org.axonframework.eventhandling.DomainEventData;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventMessage;
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

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Metrics;

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
 * <h2>Parts</h2>
 * This class appends (one insert per command) and answers Axon; {@link AggregateCommits} reads one aggregate (the
 * keys of its next sequence numbers with {@code $in}), {@link CommitStream} streams (the next positions with
 * {@code $in} on {@code _id}) and {@link Snapshots} keeps the snapshots. Every read is an index look-up on either
 * server.
 *
 * <h2>Hooks</h2>
 * A {@link CommitHook} (the audit trail) sees every commit under the append lock, before and after its insert, and
 * may add fields to it; the commits are readable as stored through {@link CommitReader}.
 */
public class MongoEventStorageEngine extends AbstractEventStorageEngine implements CommitReader, CommitHooks {

    /** Events one commit may hold; the low bits of a tracking position index into the commit. */
    public static final int MAX_EVENTS_PER_COMMIT = 1024;

    private static final Logger log = LoggerFactory.getLogger(MongoEventStorageEngine.class);
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
    private final Clock clock;
    private final ReentrantLock appendLock = new ReentrantLock();
    private volatile CommitHook hook = NO_HOOK;
    /** The newest position this engine appended, under the append lock; {@code -1}: not read yet. */
    private long head = -1;
    private final CommitHead knownHead;
    private final AggregateCommits aggregates;
    private final CommitStream stream;
    private final Snapshots snapshots;

    private MongoEventStorageEngine(Builder builder) {
        super(builder);
        this.commits = builder.database.getCollection(COMMITS);
        this.encodedCommits = commits.withDocumentClass(RawBsonDocument.class);
        this.commitCodec = commits.getCodecRegistry().get(Document.class);
        this.clock = builder.clock;
        this.knownHead = new CommitHead(commits);
        this.aggregates = new AggregateCommits(commits);
        this.stream = new CommitStream(commits, knownHead, builder.clock, builder.streamBatchSize,
                builder.readAheadWindows, builder.gapTimeoutMillis, builder.meters);
        this.snapshots = new Snapshots(builder.database.getCollection(SNAPSHOTS), builder.meters);
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
                    knownHead.seen(position);
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

    @Override
    public void sealSnapshots(StoreSeal seal) {
        snapshots.sealWith(seal);
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

    private long nextPosition() {
        if (head < 0) {
            head = readHead();
        }
        return Math.max(head, hook.positionsTaken()) + 1;
    }

    /** The position of the newest stored commit ({@code 0}: none). */
    private long readHead() {
        return knownHead.read(head);
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

    @Override
    public Iterable<Document> commitsOf(String aggregate, long fromSequence) {
        return aggregates.from(aggregate, fromSequence);
    }

    @Override
    public Document commitStartingAt(String aggregate, long firstSequence) {
        return aggregates.startingAt(aggregate, firstSequence);
    }

    @Override
    public List<Document> firstCommitsOf(Collection<String> aggregates) {
        return this.aggregates.firstOf(aggregates);
    }

    /** The commit caused by the request with this idempotency key (see {@link #IDEMPOTENCY_KEY}), if any. */
    public Optional<Document> commitOfIdempotencyKey(String idempotencyKey) {
        return Optional.ofNullable(commits.find(eq("idem", idempotencyKey))
                .projection(Projections.include("agg", "first", "last", "idem", "idemFp")).first());
    }

    private static String streamKey(String aggregate, long sequence) {
        return CommitDocuments.key(aggregate, sequence);
    }

    // ---------------------------------------------------------------- reading one aggregate

    @Override
    protected Stream<? extends DomainEventData<?>> readEventData(String aggregate, long firstSequenceNumber) {
        return aggregates.events(aggregate, firstSequenceNumber);
    }

    @Override
    public Optional<Long> lastSequenceNumberFor(String aggregate) {
        return aggregates.lastSequenceNumber(aggregate);
    }

    // ---------------------------------------------------------------- snapshots

    @Override
    protected void storeSnapshot(DomainEventMessage<?> snapshot, Serializer serializer) {
        snapshots.store(snapshot, serializer);
    }

    @Override
    protected Stream<? extends DomainEventData<?>> readSnapshotData(String aggregate) {
        return snapshots.read(aggregate);
    }

    // ---------------------------------------------------------------- streaming

    @Override
    protected Stream<? extends TrackedEventData<?>> readEventData(TrackingToken token, boolean mayBlock) {
        return stream.after(token);
    }

    static long commitOf(long position) {
        return CommitDocuments.commitOf(position);
    }

    @Override
    public TrackingToken createTailToken() {
        return null;
    }

    @Override
    public TrackingToken createHeadToken() {
        return stream.headToken();
    }

    @Override
    public TrackingToken createTokenAt(Instant dateTime) {
        return stream.tokenAt(dateTime);
    }

    /** Builds the engine; the database and a clock are required. */
    public static final class Builder extends AbstractEventStorageEngine.Builder {

        private MongoDatabase database;
        private Clock clock = Clock.systemUTC();
        private int streamBatchSize = 256;
        private int readAheadWindows = 2;
        private long gapTimeoutMillis = 10_000;
        private MeterRegistry meters = Metrics.globalRegistry;

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

        /** Windows of commits a stream behind the head reads before its reader needs them ({@code 0}: none). */
        public Builder readAheadWindows(int readAheadWindows) {
            this.readAheadWindows = readAheadWindows;
            return this;
        }

        public Builder gapTimeoutMillis(long gapTimeoutMillis) {
            this.gapTimeoutMillis = gapTimeoutMillis;
            return this;
        }

        /** Where the count of missing commits streamed past goes. */
        public Builder meterRegistry(MeterRegistry meters) {
            this.meters = meters;
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
