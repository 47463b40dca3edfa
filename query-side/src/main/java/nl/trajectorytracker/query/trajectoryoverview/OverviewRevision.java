package nl.trajectorytracker.query.trajectoryoverview;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;

import org.bson.Document;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.mongodb.core.MongoOperations;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;

import nl.trajectorytracker.query.readmodel.BatchedWrites;

/**
 * The revision of the overview: one document ({@code _id} {@value #ID}) holding a checksum of every summary in the
 * overview collection (the exclusive-or of a 128-bit hash of each summary's content) and the ids of the
 * {@value #RECENT} trajectories whose summaries changed last, oldest first. A list page is answered from a copy of
 * the whole overview kept in memory, used while its checksum is the stored one; a copy a few steps behind reads the
 * recently changed summaries by {@code _id} and is used when that brings it to the stored checksum.
 *
 * <p>
 * Both fields are functions of the events applied alone, in their order: the checksum changes whenever a summary
 * does, a fresh rebuild of the same events stores the same document as the live read model (so a consistency check
 * finds them equal), and a rebuilt collection renamed over the live one shows another checksum exactly when its
 * content differs. A change updates the checksum by the hashes of the summary before and after ({@code before ^
 * after}), after the summaries are written: a reader that sees a revision finds at least that content. An event seen
 * again (a redelivery, or a batch handled again after its summaries were written but not its revision) may belong to
 * a change whose hashes were never applied, so the checksum is then counted again over the whole collection, and
 * its trajectory moves to the end of the recent ones, as when it was applied: a redelivered suffix of the events
 * leaves the same list.
 */
final class OverviewRevision {

    static final String COLLECTION = "trajectory_overview_revision";
    static final String ID = "overview";
    static final int RECENT = 100;
    private static final String CHECKSUM = "checksum";
    private static final String RECENTLY_CHANGED = "recent";
    private static final int ATTEMPTS = 10;
    private static final Logger log = LoggerFactory.getLogger(OverviewRevision.class);

    /** The stored revision. */
    record Stored(Checksum checksum, List<String> recent) {
    }

    private final MongoOperations mongo;
    private final String summaries;
    private final String collection;
    private final String batchKey;

    OverviewRevision(MongoOperations mongo, String summaries, String collection) {
        this.mongo = mongo;
        this.summaries = summaries;
        this.collection = collection;
        this.batchKey = OverviewRevision.class.getName() + "/" + collection;
    }

    /**
     * The stored revision, or {@code null} when there is none, or when a database write left it unreadable (said in
     * the log): readers then read the overview whole, and the next change stores a revision counted anew. One such
     * document once answered every list page 500 and stopped the overview's projection for good.
     */
    Stored current() {
        Document stored = mongo.findById(ID, Document.class, collection);
        return stored == null ? null : readable(stored);
    }

    private Stored readable(Document stored) {
        try {
            Object recent = stored.get(RECENTLY_CHANGED);
            if (recent != null
                    && !(recent instanceof List<?> list && list.stream().allMatch(String.class::isInstance))) {
                throw new IllegalArgumentException("its recent trajectories are not a list of ids");
            }
            @SuppressWarnings("unchecked")
            List<String> ids = recent == null ? List.of() : (List<String>) recent;
            return new Stored(Checksum.parse((String) stored.get(CHECKSUM)), ids);
        } catch (RuntimeException e) {
            log.error("The revision of {} cannot be read (changed in the database?): {}; the overview is read whole"
                    + " until the next change stores it anew", summaries, e.getMessage());
            return null;
        }
    }

    /** A summary was written: {@code before} is {@code null} for a new one. */
    void changed(TrajectorySummary before, TrajectorySummary after) {
        Checksum delta = Checksum.of(after);
        if (before != null) {
            delta = delta.xor(Checksum.of(before));
        }
        Pending pending = pending();
        pending.delta = pending.delta.xor(delta);
        pending.trajectories.add(after.id());
        if (!pending.batched) {
            pending.run();
        }
    }

    /** An event that the overview has applied already came again. */
    void seenAgain(String trajectoryId) {
        Pending pending = pending();
        pending.recount = true;
        pending.trajectories.add(trajectoryId);
        if (!pending.batched) {
            pending.run();
        }
    }

    /** The overview was cleared: its revision is that of no summary at all. */
    void cleared() {
        mongo.remove(new Query(), collection);
        mongo.save(document(Checksum.ZERO, List.of()), collection);
    }

    private Pending pending() {
        Pending pending = BatchedWrites.forCurrentBatch(batchKey, batch -> new Pending(true));
        return pending != null ? pending : new Pending(false);
    }

    /** Stores the revision after these changes; compare-and-set, as another writer may race. */
    private void apply(Checksum delta, List<String> trajectories, boolean recount) {
        for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
            Document stored = mongo.findById(ID, Document.class, collection);
            Stored readable = stored == null ? null : readable(stored);
            if (stored != null && readable == null) {
                // counted anew over the summaries, and stored whole in its place
                mongo.save(document(counted(), recent(List.of(), trajectories)), collection);
                return;
            }
            Checksum checksum = recount || stored == null ? counted() : readable.checksum().xor(delta);
            List<String> before = readable == null ? List.of() : readable.recent();
            Document next = document(checksum, recent(before, trajectories));
            if (stored == null) {
                try {
                    mongo.insert(next, collection);
                    return;
                } catch (DuplicateKeyException raced) {
                    continue;
                }
            }
            if (stored.equals(next)) {
                return;
            }
            Query unchanged = new Query(Criteria.where("_id").is(ID).and(CHECKSUM).is(stored.getString(CHECKSUM))
                    .and(RECENTLY_CHANGED).is(before));
            Update update = new Update().set(CHECKSUM, next.getString(CHECKSUM))
                    .set(RECENTLY_CHANGED, next.get(RECENTLY_CHANGED));
            if (mongo.updateFirst(unchanged, update, collection).getMatchedCount() == 1) {
                return;
            }
        }
        throw new IllegalStateException("The revision of " + summaries + " kept changing while it was written");
    }

    /** The recent trajectories after these changes: each changed one moves to the end, the oldest drop off. */
    static List<String> recent(List<String> before, List<String> changed) {
        LinkedHashSet<String> recent = new LinkedHashSet<>(before);
        for (String trajectory : changed) {
            recent.remove(trajectory);
            recent.add(trajectory);
        }
        List<String> ordered = new ArrayList<>(recent);
        return List.copyOf(ordered.subList(Math.max(0, ordered.size() - RECENT), ordered.size()));
    }

    private static Document document(Checksum checksum, List<String> recent) {
        return new Document("_id", ID).append(CHECKSUM, checksum.toString()).append(RECENTLY_CHANGED, recent);
    }

    /** The checksum of every summary stored now. */
    private Checksum counted() {
        Checksum sum = Checksum.ZERO;
        for (TrajectorySummary summary : mongo.findAll(TrajectorySummary.class, summaries)) {
            sum = sum.xor(Checksum.of(summary));
        }
        return sum;
    }

    /**
     * What a batch changed, written after the batch's summaries (registered after their store); outside a batch,
     * what one event changed, written at once.
     */
    private final class Pending implements Runnable {

        private final boolean batched;
        private final List<String> trajectories = new ArrayList<>();
        private Checksum delta = Checksum.ZERO;
        private boolean recount;

        Pending(boolean batched) {
            this.batched = batched;
        }

        @Override
        public void run() {
            if (!trajectories.isEmpty()) {
                apply(delta, trajectories, recount);
            }
            trajectories.clear();
            delta = Checksum.ZERO;
            recount = false;
        }
    }

    /** 128 bits; the hash of a summary covers every field, instants to the millisecond as MongoDB stores them. */
    record Checksum(long high, long low) {

        static final Checksum ZERO = new Checksum(0, 0);

        static Checksum of(TrajectorySummary summary) {
            String content = String.join("\u0000", summary.id(), summary.title(), String.valueOf(summary.parties()),
                    summary.phase(), summary.status(), millis(summary.startedAt()), summary.startedBy(),
                    millis(summary.lastActivityAt()), Long.toString(summary.version()),
                    String.valueOf(summary.outcome()), String.valueOf(summary.conclusion()));
            try {
                ByteBuffer hash = ByteBuffer.wrap(MessageDigest.getInstance("SHA-256")
                        .digest(content.getBytes(StandardCharsets.UTF_8)));
                return new Checksum(hash.getLong(), hash.getLong());
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException("Every Java runtime has SHA-256", e);
            }
        }

        static Checksum parse(String hex) {
            return new Checksum(HexFormat.fromHexDigitsToLong(hex, 0, 16), HexFormat.fromHexDigitsToLong(hex, 16, 32));
        }

        Checksum xor(Checksum other) {
            return new Checksum(high ^ other.high, low ^ other.low);
        }

        @Override
        public String toString() {
            return HexFormat.of().toHexDigits(high) + HexFormat.of().toHexDigits(low);
        }

        private static String millis(Instant instant) {
            return instant == null ? "null" : Long.toString(instant.toEpochMilli());
        }
    }
}
