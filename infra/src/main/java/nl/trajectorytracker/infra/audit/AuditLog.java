package nl.trajectorytracker.infra.audit;

import static com.mongodb.client.model.Filters.eq;
import static com.mongodb.client.model.Filters.in;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;

import org.bson.Document;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoBulkWriteException;
import com.mongodb.MongoWriteException;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.InsertManyOptions;

import nl.trajectorytracker.api.values.InvalidValueException;
import nl.trajectorytracker.api.values.TrajectoryId;
import nl.trajectorytracker.infra.audit.verification.CanonicalJson;
import nl.trajectorytracker.infra.audit.verification.ChainEvent;
import nl.trajectorytracker.infra.audit.verification.ChainHash;
import nl.trajectorytracker.infra.audit.verification.CommitSeal;
import nl.trajectorytracker.infra.audit.verification.LogEntry;
import nl.trajectorytracker.infra.audit.verification.LogEntry.Verdict;
import nl.trajectorytracker.infra.audit.verification.MerkleTree;
import nl.trajectorytracker.infra.audit.verification.Signatures;
import nl.trajectorytracker.infra.audit.verification.StoredCommit;
import nl.trajectorytracker.infra.audit.verification.TreeHead;
import nl.trajectorytracker.infra.audit.verification.Verification.Break;
import nl.trajectorytracker.infra.audit.verification.Verification.Kind;
import nl.trajectorytracker.infra.eventstore.CommitReader;
import nl.trajectorytracker.infra.eventstore.StoredNumbers;

/**
 * The audit log: an append-only Merkle tree (RFC 9162) with one entry per position of the event store, in position
 * order, each saying what commit stood there when the log took it in and whether it was sound (signed by the service
 * and extending its trajectory's logged chain). The service signs tree heads of it and appends each one, with the
 * trajectory heads it covers, to a witness file outside MongoDB ({@link TreeHeadWitness}). Whoever keeps a tree head
 * can ask for a consistency proof to a later one: a log that was rolled back, forked or lost an entry cannot give it.
 *
 * <p>Entries live in {@code audit_log} ({@code _id} = index = position - 1), signed tree heads in
 * {@code audit_tree_heads}; the tree itself (every complete subtree's hash) is kept in memory, rebuilt from the
 * entries at start and checked then against every tree head in the witness file. A log that does not match what was
 * witnessed is frozen: it takes nothing in and signs no tree head (either would fork it), and every verification
 * reports it, until an administrator restores the database.
 *
 * <p>A background thread ({@code audit-log}) takes in new commits (woken by every commit, and every
 * {@code tracker.audit.take-in-interval}) and signs a tree head when the log grew, at most every
 * {@code tracker.audit.tree-head-interval}; both are also done on demand and when the service stops. Taking a commit
 * in costs O(its events); nothing here reads a trajectory's history.
 */
@Component
public class AuditLog implements DisposableBean {

    static final String ENTRIES = "audit_log";
    static final String TREE_HEADS = "audit_tree_heads";
    static final String META = "audit_log_meta";
    private static final Logger log = LoggerFactory.getLogger(AuditLog.class);
    private static final int WINDOW = 256;
    /** How many entries one read of the start-up load asks for, by index. */
    private static final int LOAD_WINDOW = 1_000;
    private static final long GAP_TIMEOUT_MILLIS = 10_000;
    private static final String WRITTEN_OVER_BREAK = "written by the service while the trajectory had a reported break";
    private static final JsonMapper PAYLOADS = JsonMapper.builder().build();

    private final CommitReader store;
    private final MongoCollection<Document> entries;
    private final MongoCollection<Document> treeHeads;
    private final MongoCollection<Document> meta;
    private final SigningKey key;
    private final AuditBreaks breaks;
    private final TreeHeadWitness witness;
    private final Clock clock;
    private final Duration treeHeadInterval;
    private final LogSegments segments;

    private final MerkleTree tree = new MerkleTree();
    /** The tree's size, read without the lock by every append ({@link #positionsTakenIn}). */
    private volatile long takenIn;
    /** The last commit the log took in, per trajectory. */
    private final Map<String, Head> heads = new ConcurrentHashMap<>();
    /** The positions of each trajectory's entries, in order. */
    private final Map<String, Positions> positions = new ConcurrentHashMap<>();
    /** Trajectory heads the witness file holds: what no database write can take back. */
    private final Map<String, Long> witnessedHeads = new ConcurrentHashMap<>();
    /** Heads taken in since the last witnessed tree head; guarded by {@link #writer}. */
    private final Map<String, Long> unwitnessedHeads = new LinkedHashMap<>();
    /**
     * One writer at a time takes commits in or signs a tree head; it holds the monitor only to change the tree, so
     * commands (which read the heads) never wait for the log's database round trips.
     */
    private final ReentrantLock writer = new ReentrantLock();
    private final Map<Long, Long> gapsFirstSeen = new HashMap<>();
    private long adoptedUpTo;
    private TreeHead latest;
    private volatile long lastSignedAt;
    /** Entries below this index are proven by the witness file; all of them while the log holds together. */
    private long provenSize;
    private volatile String frozen;
    /** Entries below this index were loaded from signed segments, not read at the start; guarded by the writer. */
    private long loadedFromSegments;
    /** Entries below this index were read back after the start, and each one changed since was reported. */
    private long checkedAfterStart;
    private final ScheduledExecutorService worker = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "audit-log");
        thread.setDaemon(true);
        return thread;
    });

    /** The last logged commit of a trajectory: its last sequence and link. */
    public record Head(long lastSequence, String lastHash) {
    }

    /** What the log holds for one trajectory, each entry checked against the tree. */
    public record TrajectoryEntries(List<LogEntry> entries, long logSize, TreeHead treeHead, List<Break> breaks,
            Long witnessedHead) {
    }

    public AuditLog(CommitReader store, MongoDatabase trackerDatabase, SigningKey key, AuditBreaks breaks,
            TreeHeadWitness witness, Clock clock,
            @Value("${tracker.audit.take-in-interval:200ms}") Duration takeInInterval,
            @Value("${tracker.audit.tree-head-interval:1s}") Duration treeHeadInterval,
            @Value("${tracker.audit.entries-per-segment:16384}") int entriesPerSegment) {
        this.store = store;
        this.entries = trackerDatabase.getCollection(ENTRIES);
        this.treeHeads = trackerDatabase.getCollection(TREE_HEADS);
        this.meta = trackerDatabase.getCollection(META);
        this.key = key;
        this.breaks = breaks;
        this.witness = witness;
        this.clock = clock;
        this.treeHeadInterval = treeHeadInterval;
        this.segments = new LogSegments(trackerDatabase.getCollection(LogSegments.COLLECTION), key,
                entriesPerSegment);
        load();
        takeIn();
        signTreeHead();
        worker.scheduleWithFixedDelay(this::workQuietly, takeInInterval.toMillis(), takeInInterval.toMillis(),
                TimeUnit.MILLISECONDS);
    }

    // ---------------------------------------------------------------- start

    private synchronized void load() {
        adoptedUpTo = adoption();
        for (LogSegments.Segment segment : segments.load()) {
            apply(segment);
        }
        loadedFromSegments = tree.size();
        checkedAfterStart = 0;
        // Entries after the segments are read by index, a thousand at a time, up to the first index not stored:
        // counting them first would read every entry once more.
        String hole = null;
        long next = tree.size();
        boolean whole = true;
        while (whole && hole == null) {
            List<Long> ids = indexes(next, next + LOAD_WINDOW);
            Map<Long, Document> found = storedEntries(ids);
            for (long id : ids) {
                Document document = found.get(id);
                if (document == null) {
                    whole = false;
                    break;
                }
                LogEntry entry = entry(document);
                if (entry == null || entry.index() != id) {
                    hole = "entry " + id + " of the stored audit log is misplaced";
                    break;
                }
                apply(entry);
                next = id + 1;
            }
        }
        if (hole == null && storedAfter(next)) {
            hole = "entry " + next + " of the stored audit log is missing, and later entries are stored";
        }
        checkWitness();
        if (hole != null) {
            freeze(hole);
        }
        // heads loaded here were witnessed with their tree heads; the witness file keeps only what is new
        unwitnessedHeads.clear();
    }

    /**
     * Whether an entry after the given index is stored, up to the store's head (the entry of the commit at position
     * p has index p - 1): looked up by index, as a range query on {@code _id} reads every entry on the embedded
     * server.
     */
    private boolean storedAfter(long index) {
        long end = store.headPosition();
        for (long from = index + 1; from < end; from += LOAD_WINDOW) {
            if (entries.find(in("_id", indexes(from, Math.min(from + LOAD_WINDOW, end)))).limit(1).first() != null) {
                return true;
            }
        }
        return false;
    }

    /**
     * Every tree head the witness file holds must be the root of the stored log at its size. The log is proven up to
     * the last head that matches; the first that does not freezes it.
     */
    private void checkWitness() {
        long proven = 0;
        boolean diverged = false;
        for (TreeHeadWitness.Line line : witness.read()) {
            line.heads().forEach((trajectory, sequence) -> witnessedHeads.merge(trajectory, sequence, Math::max));
            TreeHead head = line.treeHead();
            if (diverged) {
                continue;
            }
            if (!head.signatureValid(key.publicKey())) {
                freeze("the witness file holds a tree head (size " + head.treeSize() + ") not signed by this"
                        + " service's key");
                diverged = true;
            } else if (head.treeSize() > tree.size()) {
                freeze("the tree head witnessed at " + head.timestamp() + " covers " + head.treeSize()
                        + " entries; the stored audit log holds " + tree.size() + " in one piece: entries from "
                        + proven + " on were removed or rolled back");
                diverged = true;
            } else if (!Arrays.equals(tree.root(head.treeSize()), head.root())) {
                freeze("the stored audit log differs from the tree head witnessed at " + head.timestamp()
                        + " (size " + head.treeSize() + ") in its entries " + proven + " to "
                        + (head.treeSize() - 1));
                diverged = true;
            } else {
                proven = head.treeSize();
                latest = head;
            }
        }
        provenSize = diverged ? proven : tree.size();
    }

    private void freeze(String problem) {
        if (frozen == null) {
            frozen = problem;
            breaks.logProblem("the audit log is frozen: " + problem + ". It takes no commit in and signs no tree"
                    + " head until the database is restored.");
        }
    }

    /**
     * The position up to which commits without a signature were taken in as {@link Verdict#ADOPTED}: the store's
     * head when the log began (commits from before signing existed), signed so a database write cannot move it.
     */
    private long adoption() {
        Document stored = meta.find(eq("_id", "adoption")).first();
        if (stored != null) {
            // a field changed in the database fails the signature, and a field not of its type (not a whole number,
            // not text) fails before it: nothing is adopted either way
            Long upTo;
            try {
                upTo = StoredNumbers.nullable(stored, "adoptedUpTo");
            } catch (IllegalStateException e) {
                upTo = null;
            }
            if (upTo != null && stored.get("at") instanceof String at && stored.get("signature") instanceof String
                    signature && Signatures.verify(key.publicKey(), adoptionContent(upTo, at).getBytes(
                            StandardCharsets.UTF_8), signature)) {
                return upTo;
            }
            log.error("Audit: the log's adoption record is not signed by this service; nothing is adopted");
            return 0;
        }
        if (entries.find().limit(1).first() != null) {
            return 0;
        }
        long upTo = store.headPosition();
        String at = clock.instant().toString();
        meta.insertOne(new Document("_id", "adoption").append("adoptedUpTo", upTo).append("at", at)
                .append("signature", Signatures.sign(key.privateKey(),
                        adoptionContent(upTo, at).getBytes(StandardCharsets.UTF_8))));
        if (upTo > 0) {
            log.warn("Audit: the log begins with {} commits stored before commits were signed; they are taken in as"
                    + " adopted, vouched for from now on", upTo);
        }
        return upTo;
    }

    private static String adoptionContent(long upTo, String at) {
        Map<String, Object> members = new LinkedHashMap<>();
        members.put("kind", "audit-log-adoption");
        members.put("adoptedUpTo", upTo);
        members.put("at", at);
        return CanonicalJson.of(members);
    }

    // ---------------------------------------------------------------- taking commits in

    private void workQuietly() {
        try {
            takeIn();
            if (clock.millis() - lastSignedAt >= treeHeadInterval.toMillis()) {
                signTreeHead();
            }
            checkEntriesLoadedFromSegments();
        } catch (RuntimeException e) {
            log.warn("Audit: taking commits into the log failed; trying again shortly", e);
        }
    }

    /** Wakes the log's thread: a commit was stored. */
    void wake() {
        worker.execute(this::workQuietly);
    }

    /** Takes in every commit stored after the log's end, in position order; answers how many. */
    public int takeIn() {
        writer.lock();
        try {
            return takeInLocked();
        } finally {
            writer.unlock();
        }
    }

    private int takeInLocked() {
        if (frozen != null) {
            return 0;
        }
        int taken = 0;
        while (true) {
            long next = size() + 1;
            List<Long> window = new ArrayList<>(WINDOW);
            for (long position = next; position < next + WINDOW; position++) {
                window.add(position);
            }
            Map<Long, Document> found = new HashMap<>();
            store.commitsAt(window).forEach(commit -> found.put(StoredNumbers.of(commit, "_id"), commit));
            Map<String, Head> scratch = new HashMap<>();
            List<LogEntry> batch = new ArrayList<>();
            Map<Long, List<String>> claimed = new HashMap<>();
            long head = -1;
            for (long position = next; position < next + WINDOW; position++) {
                Document commit = found.get(position);
                if (commit == null) {
                    if (head < 0) {
                        head = store.headPosition();
                    }
                    if (position > head || !gapExpired(position)) {
                        break;
                    }
                    log.error("Audit: no commit at position {} though later positions are taken; logged as missing",
                            position);
                    batch.add(new LogEntry(position, null, null, null, null, List.of(), null, null, Verdict.MISSING,
                            "no commit at this position, though later positions are taken"));
                    continue;
                }
                StoredCommit stored = StoredCommits.of(commit);
                batch.add(judge(stored, scratch));
                if (stored.agg() == null) {
                    claimed.put(position, claimedTrajectories(stored));
                }
            }
            if (batch.isEmpty()) {
                return taken;
            }
            for (LogEntry entry : persist(batch)) {
                apply(entry);
                if (entry.trajectoryId() == null && !entry.trusted() && entry.verdict() != Verdict.MISSING) {
                    reportOutsideAnyTrajectory(entry, claimed.getOrDefault(entry.position(), List.of()));
                }
            }
            taken += batch.size();
            if (batch.size() < WINDOW) {
                return taken;
            }
        }
    }

    private boolean gapExpired(long position) {
        long now = clock.millis();
        long firstSeen = gapsFirstSeen.computeIfAbsent(position, p -> now);
        if (now - firstSeen >= GAP_TIMEOUT_MILLIS) {
            gapsFirstSeen.remove(position);
            return true;
        }
        return false;
    }

    /**
     * The log's verdict on a commit: sound when it is signed by the service (or stored before signing existed and
     * adopted) and extends its trajectory's chain as the log holds it. {@code scratch}: heads of commits judged in
     * this batch, not yet applied.
     */
    private LogEntry judge(StoredCommit commit, Map<String, Head> scratch) {
        CommitSeal seal = CommitSeal.of(commit);
        String trajectory = commit.agg();
        Verdict verdict = Verdict.OK;
        String reason = null;
        boolean signed = seal.verifies(key.publicKey(), commit.sig());
        if (trajectory != null) {
            Head head = scratch.containsKey(trajectory) ? scratch.get(trajectory) : heads.get(trajectory);
            long expected = head == null ? 0 : head.lastSequence() + 1;
            String expectedPrev = head == null ? ChainHash.GENESIS : head.lastHash();
            String relinked = relinkProblem(commit);
            String firstPrev = commit.events().isEmpty() ? null : commit.events().get(0).prev();
            boolean legacy = commit.sig() == null && commit.position() <= adoptedUpTo;
            if (relinked != null) {
                verdict = Verdict.PAYLOAD_CHANGED;
                reason = relinked;
            } else if (!signed && !legacy) {
                verdict = Verdict.FORGED_EVENT;
                reason = commit.sig() == null ? "the commit carries no signature of the service"
                        : "the commit's signature does not verify";
            } else if (!commit.vouchesForLink()) {
                verdict = Verdict.WRITTEN_OVER_BREAK;
                reason = WRITTEN_OVER_BREAK;
            } else if (signed && acknowledged(trajectory)) {
                verdict = Verdict.OK;
            } else if (commit.first() == null || commit.first() < expected) {
                verdict = signed ? Verdict.TAIL_TRUNCATED : Verdict.FORGED_EVENT;
                reason = "sequence " + commit.first() + " again: the log holds the trajectory up to sequence "
                        + (expected - 1) + (signed ? "; the store was cut back and written again" : "");
            } else if (commit.first() > expected) {
                verdict = signed ? Verdict.EVENT_MISSING : Verdict.FORGED_EVENT;
                reason = "sequence " + commit.first() + " follows the logged sequence " + (expected - 1)
                        + ": the events between were never logged";
            } else if (!Objects.equals(firstPrev, expectedPrev)) {
                verdict = Verdict.FORGED_EVENT;
                reason = "its first event links to " + firstPrev + ", not to the logged head " + expectedPrev;
            } else if (legacy) {
                verdict = Verdict.ADOPTED;
            }
            if (commit.last() != null) {
                scratch.put(trajectory, new Head(commit.last(), seal.lastHash()));
            }
        } else if (!signed) {
            verdict = commit.sig() == null && commit.position() <= adoptedUpTo ? Verdict.ADOPTED
                    : Verdict.FORGED_EVENT;
            reason = verdict == Verdict.ADOPTED ? null : "the commit carries no valid signature of the service";
        }
        return new LogEntry(commit.position(), commit.key(), trajectory, commit.first(), commit.last(),
                seal.eventIds(), seal.lastHash(), commit.sig(), verdict, reason);
    }

    /** After an acknowledged break the service vouches for a trajectory's commits linked to its chain as stored. */
    private boolean acknowledged(String trajectory) {
        return breaks.of(trajectory).map(AuditBreaks.Report::acknowledged).orElse(false);
    }

    private static String relinkProblem(StoredCommit commit) {
        long sequence = commit.first() == null ? 0 : commit.first();
        for (ChainEvent event : StoredCommit.chainEvents(List.of(commit))) {
            if (event.sequence() != sequence++) {
                return "sequence " + event.sequence() + " is stored where " + (sequence - 1) + " belongs";
            }
            if (!Objects.equals(event.hash(), event.expectedHash(event.prev()))) {
                return "the link of sequence " + event.sequence() + " does not recompute from the stored event";
            }
        }
        return null;
    }

    /** Stores a batch of entries; where another instance stored an entry first, that one is the log. */
    private List<LogEntry> persist(List<LogEntry> batch) {
        List<Document> documents = batch.stream().map(AuditLog::document).toList();
        try {
            entries.insertMany(documents, new InsertManyOptions().ordered(false));
        } catch (MongoBulkWriteException e) {
            boolean onlyDuplicates = e.getWriteErrors().stream()
                    .allMatch(error -> ErrorCategory.fromErrorCode(error.getCode()) == ErrorCategory.DUPLICATE_KEY);
            if (!onlyDuplicates) {
                throw e;
            }
            Map<Long, Document> stored = storedEntries(batch.stream().map(LogEntry::index).toList());
            List<LogEntry> taken = new ArrayList<>(batch.size());
            for (LogEntry judged : batch) {
                Document document = stored.get(judged.index());
                LogEntry kept = document == null ? judged : entry(document);
                if (kept != judged && !Arrays.equals(kept.leafHash(), judged.leafHash())) {
                    reportStoredFirst(judged, kept);
                    // one that names another position cannot stand at this one: the log holds its own judgement
                    kept = kept.index() == judged.index() ? kept : judged;
                }
                taken.add(kept);
            }
            return taken;
        }
        return batch;
    }

    /**
     * An entry stored before this instance took the commit in (by another instance, or by a database writer) that
     * says otherwise than this instance's judgement of the commit now: it stays the log's entry, so that instances
     * sharing a database keep one log, and is reported, on its trajectory and in the health of the log.
     */
    private void reportStoredFirst(LogEntry judged, LogEntry stored) {
        String problem = "entry " + judged.index() + " of the audit log was stored before this instance took the commit"
                + " at position " + judged.position() + " in, and it differs from what this instance found there ("
                + stored.verdict() + " stored for " + stored.trajectoryId() + ", " + judged.verdict() + " found for "
                + judged.trajectoryId() + ")";
        log.error("Audit: {}", problem);
        if (breaks.logProblem() == null) {
            breaks.logProblem(problem);
        }
        if (judged.trajectoryId() != null) {
            breaks.report(judged.trajectoryId(), new Break(Kind.LOG_INCONSISTENT, judged.first(), judged.position(),
                    problem));
        }
    }

    /**
     * Adds an entry to the in-memory log. Its trajectory's positions and head are updated before the tree grows, so
     * a reader that reads the tree's size first and the positions after sees every entry below that size.
     */
    private void apply(LogEntry entry) {
        byte[] leaf = entry.leafHash();
        segments.add(entry, leaf);
        if (entry.trajectoryId() != null) {
            positions.computeIfAbsent(entry.trajectoryId(), t -> new Positions()).add(entry.position());
            if (entry.last() != null) {
                heads.put(entry.trajectoryId(), new Head(entry.last(), entry.lastHash()));
                unwitnessedHeads.merge(entry.trajectoryId(), entry.last(), Math::max);
            }
        }
        synchronized (this) {
            tree.append(leaf);
            takenIn = tree.size();
        }
        if (reportsBreak(entry)) {
            reportBreak(entry.trajectoryId(), entry.verdict(), entry.first(), entry.position(), entry.reason());
        }
    }

    /** Adds a segment's entries to the in-memory log, as {@link #apply(LogEntry)} adds each of them. */
    private void apply(LogSegments.Segment segment) {
        for (int offset = 0; offset < segment.count(); offset++) {
            String trajectory = segment.trajectories().get(offset);
            if (trajectory != null) {
                positions.computeIfAbsent(trajectory, t -> new Positions()).add(segment.from() + offset + 1);
            }
        }
        heads.putAll(segment.heads());
        synchronized (this) {
            for (int offset = 0; offset < segment.count(); offset++) {
                tree.append(segment.leaf(offset));
            }
            takenIn = tree.size();
        }
        for (LogSegments.Untrusted entry : segment.untrusted()) {
            reportBreak(entry.trajectoryId(), entry.verdict(), entry.first(), entry.index() + 1, entry.reason());
        }
    }

    /**
     * A commit that names no trajectory and that the service did not sign: its events still reach the read models,
     * which take the trajectory from each event, so a step forged this way changed what users saw of a trajectory
     * whose own record verified. It is reported as a break of every trajectory its events name (which their
     * verifications then show), or as a problem of the store when they name none.
     */
    private void reportOutsideAnyTrajectory(LogEntry entry, List<String> trajectories) {
        String reason = "position " + entry.position() + " holds a commit that belongs to no trajectory, yet carries"
                + " a step of this one: " + entry.reason();
        for (String trajectory : trajectories) {
            breaks.report(trajectory, new Break(kindOf(entry.verdict()), null, entry.position(),
                    "when the audit log took it in: " + reason));
        }
        if (trajectories.isEmpty()) {
            String problem = "position " + entry.position() + " of the event store holds a commit that belongs to no "
                    + "trajectory and that the service did not sign: " + entry.reason();
            log.error("Audit: {}", problem);
            if (breaks.logProblem() == null) {
                breaks.logProblem(problem);
            }
        }
    }

    /** The trajectories a commit's events name in their payloads ({@code trajectoryId}), whatever its fields say. */
    static List<String> claimedTrajectories(StoredCommit commit) {
        List<String> named = new ArrayList<>();
        for (StoredCommit.StoredEvent event : commit.events()) {
            try {
                JsonNode field = event.payload() == null ? null
                        : PAYLOADS.readTree(event.payload()).path("trajectoryId");
                // {"value": "..."} as the event serializer writes an id, or the id as a string
                JsonNode value = field != null && field.isObject() ? field.path("value") : field;
                String id = value != null && value.isString() ? value.stringValue() : null;
                if (id != null) {
                    String trajectory = new TrajectoryId(id).value();
                    if (!named.contains(trajectory)) {
                        named.add(trajectory);
                    }
                }
            } catch (JacksonException | InvalidValueException e) {
                // not a step of a trajectory, or no trajectory id: it names none
            }
        }
        return named;
    }

    /** Whether the log reports a trajectory's break for the entry: it took the commit in as not trusted. */
    static boolean reportsBreak(LogEntry entry) {
        return entry.trajectoryId() != null && !entry.trusted() && entry.verdict() != Verdict.WRITTEN_OVER_BREAK;
    }

    private void reportBreak(String trajectory, Verdict verdict, Long first, long position, String reason) {
        breaks.report(trajectory, new Break(kindOf(verdict), first, position, "when the audit log took it in: "
                + reason));
    }

    /**
     * Reads back, a window at a time between the log's other work, the entries the start loaded from segments, and
     * reports each one that a database write changed or deleted since it was taken in: what the start reported when
     * it read every entry.
     */
    private void checkEntriesLoadedFromSegments() {
        long from;
        long to;
        writer.lock();
        try {
            from = checkedAfterStart;
            to = Math.min(from + LOAD_WINDOW, loadedFromSegments);
            if (from >= to) {
                return;
            }
            checkedAfterStart = to;
        } finally {
            writer.unlock();
        }
        List<Long> ids = indexes(from, to);
        Map<Long, Document> found = storedEntries(ids);
        for (long id : ids) {
            Document document = found.get(id);
            LogEntry entry = document == null ? null : entry(document);
            byte[] leaf;
            synchronized (this) {
                leaf = tree.leaf(id);
            }
            if (entry == null || !Arrays.equals(entry.leafHash(), leaf)) {
                String problem = "entry " + id + " of the stored audit log was " + (document == null ? "deleted"
                        : "changed") + " in the database after the log took it in; the log's signed segment holds"
                        + " it as it was, and its trajectory's record is served rebuilt from its commit where that"
                        + " still matches, and as a break otherwise";
                log.error("Audit: {}", problem);
                if (breaks.logProblem() == null) {
                    breaks.logProblem(problem);
                }
            }
        }
    }

    private static Kind kindOf(Verdict verdict) {
        return switch (verdict) {
            case PAYLOAD_CHANGED -> Kind.PAYLOAD_CHANGED;
            case TAIL_TRUNCATED -> Kind.TAIL_TRUNCATED;
            case MISSING, EVENT_MISSING -> Kind.EVENT_MISSING;
            default -> Kind.FORGED_EVENT;
        };
    }

    // ---------------------------------------------------------------- tree heads

    /**
     * Signs a tree head of the log as it is now, if it grew since the last one: stored in {@code audit_tree_heads}
     * and appended, with the trajectory heads it covers, to the witness file, once the entries it covers are durable.
     */
    public Optional<TreeHead> signTreeHead() {
        writer.lock();
        try {
            lastSignedAt = clock.millis();
            long size;
            byte[] root;
            synchronized (this) {
                size = tree.size();
                root = frozen != null || size == 0 || (latest != null && latest.treeSize() == size) ? null
                        : tree.root(size);
            }
            if (root == null) {
                if (frozen == null) {
                    segments.storeProven(provenSize);
                }
                return Optional.ofNullable(latest);
            }
            TreeHead head = TreeHead.sign(size, root, clock.instant().toString(), key.privateKey());
            try {
                treeHeads.insertOne(new Document("_id", head.treeSize()).append("rootHash", head.rootHash())
                        .append("timestamp", head.timestamp()).append("signature", head.signature()));
            } catch (MongoWriteException e) {
                if (e.getError().getCategory() != ErrorCategory.DUPLICATE_KEY) {
                    throw e;
                }
            }
            witness.append(head, unwitnessedHeads);
            unwitnessedHeads.forEach((trajectory, sequence) -> witnessedHeads.merge(trajectory, sequence, Math::max));
            unwitnessedHeads.clear();
            synchronized (this) {
                latest = head;
                provenSize = size;
            }
            segments.storeProven(size);
            return Optional.of(head);
        } finally {
            writer.unlock();
        }
    }

    public synchronized Optional<TreeHead> latestTreeHead() {
        return Optional.ofNullable(latest);
    }

    /** The signed tree head of the given size, if one was signed. */
    public Optional<TreeHead> treeHead(long size) {
        Document stored = treeHeads.find(eq("_id", size)).first();
        if (stored == null) {
            return Optional.empty();
        }
        boolean matches = false;
        TreeHead head = null;
        if (stored.get("rootHash") instanceof String root && stored.get("timestamp") instanceof String timestamp
                && stored.get("signature") instanceof String signature && root.matches("[0-9a-f]{64}")) {
            head = new TreeHead(size, root, timestamp, signature);
            synchronized (this) {
                matches = size <= tree.size() && head.signatureValid(key.publicKey())
                        && Arrays.equals(tree.root(size), head.root());
            }
        }
        if (!matches && size <= size()) {
            // the log signed a head of this size; a stored one that is not it was written behind the service's back
            String problem = "the stored tree head of size " + size + " is not the one this log signed: it was"
                    + " changed in the database";
            log.error("Audit: {}", problem);
            if (breaks.logProblem() == null) {
                breaks.logProblem(problem);
            }
        }
        return matches ? Optional.of(head) : Optional.empty();
    }

    /** RFC 9162 consistency proof from the tree of {@code first} entries to that of {@code second}, hex. */
    public synchronized List<String> consistencyProof(long first, long second) {
        return hex(tree.consistencyProof(first, second));
    }

    /** Every trajectory the log holds, with the position of the last of its commits the log took in. */
    public Map<String, Long> lastPositions() {
        Map<String, Long> last = new HashMap<>();
        positions.forEach((trajectory, known) -> last.put(trajectory, known.last()));
        return last;
    }

    /** RFC 9162 inclusion proof of the entry at {@code index} in the tree of {@code treeSize} entries, hex. */
    public synchronized List<String> inclusionProof(long index, long treeSize) {
        return hex(tree.inclusionProof(index, treeSize));
    }

    /** The positions taken in so far, without waiting for the log's lock: what an append must go after. */
    public long positionsTakenIn() {
        return takenIn;
    }

    public synchronized long size() {
        return tree.size();
    }

    public String frozen() {
        return frozen;
    }

    // ---------------------------------------------------------------- reading a trajectory's entries

    /** Whether the log, or the witness file, knows the trajectory. */
    public boolean knows(String trajectoryId) {
        return positions.containsKey(trajectoryId) || witnessedHeads.containsKey(trajectoryId);
    }

    /** The trusted head of a trajectory: the last commit the log took in, or {@code null}. */
    public Head head(String trajectoryId) {
        return heads.get(trajectoryId);
    }

    /** The highest sequence the witness file holds for the trajectory, or {@code null}. */
    public Long witnessedHead(String trajectoryId) {
        return witnessedHeads.get(trajectoryId);
    }

    /** The positions of the trajectory's entries. */
    public List<Long> positionsOf(String trajectoryId) {
        Positions known = positions.get(trajectoryId);
        return known == null ? List.of() : known.list();
    }

    /**
     * The trajectory's entries as stored, each checked against the tree: an entry whose stored form differs from the
     * one taken in, or that was deleted, is rebuilt from its commit when that still matches the tree, and is a
     * {@link Kind#LOG_INCONSISTENT} break otherwise. Entries past the part of the log the witness file proves are a
     * break too while the log is frozen.
     */
    public TrajectoryEntries entriesOf(String trajectoryId, Map<Long, StoredCommit> commitsAtPositions) {
        Snapshot snapshot = snapshot(trajectoryId);
        return entriesAt(snapshot, snapshot.positions(), commitsAtPositions);
    }

    /**
     * The log's size and a trajectory's entry positions below it, read in that order: read this before the store,
     * and every entry in it has its commit stored by the time the store is read.
     */
    public record Snapshot(String trajectoryId, long size, List<Long> positions) {
    }

    public Snapshot snapshot(String trajectoryId) {
        long logSize = size();
        List<Long> known = positionsOf(trajectoryId).stream().filter(position -> position <= logSize).toList();
        return new Snapshot(trajectoryId, logSize, known);
    }

    /** As {@link #entriesOf}, for those of the given positions that hold entries of the snapshot's trajectory. */
    public TrajectoryEntries entriesAt(Snapshot snapshot, java.util.Collection<Long> positionsWanted,
            Map<Long, StoredCommit> commitsAtPositions) {
        String trajectoryId = snapshot.trajectoryId();
        long logSize = snapshot.size();
        java.util.Set<Long> known = new java.util.HashSet<>(snapshot.positions());
        List<Long> wanted = positionsWanted.stream().filter(known::contains).filter(position -> position <= logSize)
                .sorted().distinct().toList();
        Map<Long, Document> stored = wanted.isEmpty() ? Map.of()
                : storedEntries(wanted.stream().map(position -> position - 1).toList());
        List<LogEntry> found = new ArrayList<>();
        List<Break> problems = new ArrayList<>();
        synchronized (this) {
            for (long position : wanted) {
                long index = position - 1;
                byte[] leaf = tree.leaf(index);
                Document document = stored.get(index);
                LogEntry entry = document == null ? null : entry(document);
                if (entry == null || !Arrays.equals(entry.leafHash(), leaf)) {
                    entry = rebuilt(commitsAtPositions.get(position), leaf);
                }
                if (entry == null) {
                    problems.add(new Break(Kind.LOG_INCONSISTENT, null, position, "the audit log's entry for"
                            + " position " + position + " was " + (document == null ? "deleted" : "changed")
                            + " in the database and cannot be rebuilt from the store"));
                    continue;
                }
                if (index >= provenSize && frozen != null) {
                    problems.add(new Break(Kind.LOG_INCONSISTENT, entry.first(), position, "the entry is in the"
                            + " part of the audit log that differs from what was witnessed: " + frozen));
                }
                found.add(entry);
            }
            if (frozen != null && wanted.isEmpty() && witnessedHeads.containsKey(trajectoryId)) {
                problems.add(new Break(Kind.LOG_INCONSISTENT, null, null, frozen));
            }
            return new TrajectoryEntries(found, logSize, latest, problems, witnessedHeads.get(trajectoryId));
        }
    }

    /** The entry the log took in for a commit that is still stored as it was, if its leaf matches. */
    private static LogEntry rebuilt(StoredCommit commit, byte[] leaf) {
        if (commit == null) {
            return null;
        }
        CommitSeal seal = CommitSeal.of(commit);
        for (Verdict verdict : List.of(Verdict.OK, Verdict.ADOPTED, Verdict.WRITTEN_OVER_BREAK)) {
            LogEntry candidate = new LogEntry(commit.position(), commit.key(), commit.agg(), commit.first(),
                    commit.last(), seal.eventIds(), seal.lastHash(), commit.sig(), verdict,
                    verdict == Verdict.WRITTEN_OVER_BREAK ? WRITTEN_OVER_BREAK : null);
            if (Arrays.equals(candidate.leafHash(), leaf)) {
                return candidate;
            }
        }
        return null;
    }

    // ---------------------------------------------------------------- documents

    /** The indexes {@code from} (inclusive) to {@code to} (exclusive). */
    private static List<Long> indexes(long from, long to) {
        List<Long> ids = new ArrayList<>((int) Math.max(0, to - from));
        for (long id = from; id < to; id++) {
            ids.add(id);
        }
        return ids;
    }

    /** The stored entries at the given indexes, by index; one read, looked up by {@code _id}. */
    private Map<Long, Document> storedEntries(List<Long> ids) {
        Map<Long, Document> found = new HashMap<>();
        entries.find(in("_id", ids)).batchSize(ids.size()).forEach(doc -> found.put(StoredNumbers.of(doc, "_id"), doc));
        return found;
    }

    private static Document document(LogEntry entry) {
        return new Document("_id", entry.index())
                .append("position", entry.position())
                .append("key", entry.key())
                .append("trajectoryId", entry.trajectoryId())
                .append("first", entry.first())
                .append("last", entry.last())
                .append("eventIds", entry.eventIds())
                .append("lastHash", entry.lastHash())
                .append("signature", entry.signature())
                .append("verdict", entry.verdict().name())
                .append("reason", entry.reason());
    }

    private static LogEntry entry(Document document) {
        Verdict verdict;
        try {
            verdict = Verdict.valueOf(String.valueOf(document.get("verdict")));
        } catch (IllegalArgumentException e) {
            verdict = Verdict.FORGED_EVENT;
        }
        Object position = document.get("position");
        return new LogEntry(position instanceof Number number ? number.longValue() : -1,
                document.getString("key"), document.getString("trajectoryId"), longOrNull(document.get("first")),
                longOrNull(document.get("last")), document.getList("eventIds", String.class),
                document.getString("lastHash"), document.getString("signature"), verdict,
                document.getString("reason"));
    }

    private static Long longOrNull(Object value) {
        return value instanceof Number number ? number.longValue() : null;
    }

    private static List<String> hex(List<byte[]> hashes) {
        return hashes.stream().map(HexFormat.of()::formatHex).toList();
    }

    /** Takes in what is left and signs a last tree head, so a restart finds the log at the store's head. */
    @Override
    public void destroy() {
        worker.shutdown();
        try {
            worker.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        try {
            takeIn();
            signTreeHead();
        } catch (RuntimeException e) {
            log.warn("Audit: the last tree head could not be signed at shutdown", e);
        }
    }

    /** A growing list of positions, one long each. */
    private static final class Positions {

        private long[] values = new long[8];
        private int size;

        synchronized void add(long position) {
            if (size == values.length) {
                values = Arrays.copyOf(values, size * 2);
            }
            values[size++] = position;
        }

        synchronized long last() {
            return size == 0 ? -1 : values[size - 1];
        }

        synchronized List<Long> list() {
            List<Long> list = new ArrayList<>(size);
            for (int i = 0; i < size; i++) {
                list.add(values[i]);
            }
            return list;
        }
    }
}
