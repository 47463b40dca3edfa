package nl.trajectorytracker.query.trajectoryoverview;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;

import org.bson.Document;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.mongodb.core.MongoOperations;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;

import nl.trajectorytracker.query.readmodel.BatchedWrites;

/**
 * The revision of the overview: one document ({@code _id} {@value #ID}) holding a checksum of every summary in the
 * overview collection, the exclusive-or of a 128-bit hash of each summary's content. A list page is answered from a
 * copy of the whole overview kept in memory, used while the stored revision is the one it was read at.
 *
 * <p>
 * Because the checksum is a function of the content alone, it changes whenever a summary does, a fresh rebuild of the
 * same events stores the same revision as the live read model (so a consistency check finds them equal), and a rebuilt
 * collection renamed over the live one shows a different revision exactly when its content differs. A change updates
 * it by the hashes of the summary before and after ({@code before ^ after}), after the summaries are written: a
 * reader that sees a revision finds at least that content. An event seen again (a redelivery, or a batch retried
 * after its summaries were written but not its revision) may belong to a change whose hashes were never applied, so
 * the checksum is then counted again over the whole collection; so is a missing revision.
 */
final class OverviewRevision {

    static final String COLLECTION = "trajectory_overview_revision";
    static final String ID = "overview";
    private static final String CHECKSUM = "checksum";
    private static final int ATTEMPTS = 10;

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

    /** The stored revision, or {@code null} when there is none (no summary written since it was introduced). */
    String current() {
        Document stored = mongo.findById(ID, Document.class, collection);
        return stored == null ? null : stored.getString(CHECKSUM);
    }

    /** A summary was written: {@code before} is {@code null} for a new one. */
    void changed(TrajectorySummary before, TrajectorySummary after) {
        Checksum delta = Checksum.of(after);
        if (before != null) {
            delta = delta.xor(Checksum.of(before));
        }
        Pending pending = BatchedWrites.forCurrentBatch(batchKey, batch -> new Pending());
        if (pending != null) {
            pending.delta = pending.delta.xor(delta);
        } else {
            apply(delta, false);
        }
    }

    /** An event that the overview has applied already came again. */
    void seenAgain() {
        Pending pending = BatchedWrites.forCurrentBatch(batchKey, batch -> new Pending());
        if (pending != null) {
            pending.recount = true;
        } else {
            apply(Checksum.ZERO, true);
        }
    }

    /** The overview was cleared: its revision is that of no summary at all. */
    void cleared() {
        mongo.remove(new Query(), collection);
        mongo.save(new Document("_id", ID).append(CHECKSUM, Checksum.ZERO.toString()), collection);
    }

    /** Stores the revision changed by {@code delta}, or counted anew; compare-and-set, as another writer may race. */
    private void apply(Checksum delta, boolean recount) {
        for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
            String stored = current();
            String next = recount || stored == null ? counted().toString()
                    : Checksum.parse(stored).xor(delta).toString();
            if (stored == null) {
                try {
                    mongo.insert(new Document("_id", ID).append(CHECKSUM, next), collection);
                    return;
                } catch (DuplicateKeyException raced) {
                    continue;
                }
            }
            if (stored.equals(next)) {
                return;
            }
            Query unchanged = new Query(Criteria.where("_id").is(ID).and(CHECKSUM).is(stored));
            if (mongo.updateFirst(unchanged, Update.update(CHECKSUM, next), collection).getMatchedCount() == 1) {
                return;
            }
        }
        throw new IllegalStateException("The revision of " + summaries + " kept changing while it was written");
    }

    /** The checksum of every summary stored now. */
    private Checksum counted() {
        Checksum sum = Checksum.ZERO;
        for (TrajectorySummary summary : mongo.findAll(TrajectorySummary.class, summaries)) {
            sum = sum.xor(Checksum.of(summary));
        }
        return sum;
    }

    /** What one batch changed; written after the batch's summaries (registered after their store). */
    private final class Pending implements Runnable {

        private Checksum delta = Checksum.ZERO;
        private boolean recount;

        @Override
        public void run() {
            if (recount || !delta.equals(Checksum.ZERO)) {
                apply(delta, recount);
            }
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
