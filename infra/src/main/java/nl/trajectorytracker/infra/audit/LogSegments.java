package nl.trajectorytracker.infra.audit;

import static com.mongodb.client.model.Filters.gte;
import static com.mongodb.client.model.Sorts.ascending;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.bson.Document;
import org.bson.types.Binary;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoWriteException;
import com.mongodb.client.MongoCollection;

import nl.trajectorytracker.infra.audit.AuditLog.Head;
import nl.trajectorytracker.infra.audit.verification.CanonicalJson;
import nl.trajectorytracker.infra.audit.verification.LogEntry;
import nl.trajectorytracker.infra.audit.verification.MerkleTree;
import nl.trajectorytracker.infra.audit.verification.Signatures;
import nl.trajectorytracker.infra.eventstore.StoredNumbers;

/**
 * The audit log in signed segments of a fixed number of entries, which a start reads instead of the entries they
 * cover: the leaf hashes, the trajectory of each entry, the trajectory heads the segment moved and the entries taken in
 * as not trusted. Without them a start reads and hashes every entry, which grows with the store (a million entries
 * took a minute).
 * <p>
 * Invariants: a segment is signed by the service's key over all it holds and its place in the log, so a database
 * write can delete segments (the start then reads the entries) but not forge or move one; it is written only for
 * entries the witness file already proves, and its leaves are checked against the witnessed tree heads like those
 * read from the entries. The entries it covers are still read: each one when it is served (against the tree), and all
 * of them after the start, in the background ({@link AuditLog}).
 */
final class LogSegments {

    static final String COLLECTION = "audit_log_segments";
    private static final Logger log = LoggerFactory.getLogger(LogSegments.class);

    private final MongoCollection<Document> segments;
    private final SigningKey key;
    private final int entriesPerSegment;
    private Open open;
    /** Full segments waiting for the witness file to prove their entries. */
    private final List<Open> full = new ArrayList<>();
    /** False once a segment could not be stored: later ones would not follow on. */
    private boolean storing = true;

    /** An entry the log took in as not trusted: its break is reported again at every start. */
    record Untrusted(long index, String trajectoryId, LogEntry.Verdict verdict, Long first, String reason) {
    }

    /** A verified segment: the entries from {@code from} on, one leaf hash and one trajectory (or null) each. */
    record Segment(long from, byte[] leaves, List<String> trajectories, Map<String, Head> heads,
            List<Untrusted> untrusted) {

        int count() {
            return trajectories.size();
        }

        byte[] leaf(int offset) {
            byte[] leaf = new byte[MerkleTree.HASH_BYTES];
            System.arraycopy(leaves, offset * MerkleTree.HASH_BYTES, leaf, 0, MerkleTree.HASH_BYTES);
            return leaf;
        }
    }

    LogSegments(MongoCollection<Document> segments, SigningKey key, int entriesPerSegment) {
        if (entriesPerSegment < 1) {
            throw new IllegalArgumentException("A segment of the audit log holds at least one entry");
        }
        this.segments = segments;
        this.key = key;
        this.entriesPerSegment = entriesPerSegment;
    }

    /**
     * The stored segments that follow one another from entry 0 and verify, in order; the first that is missing, out
     * of place or not signed ends them (the start reads the entries from there), and where the log goes on from.
     */
    List<Segment> load() {
        List<Segment> loaded = new ArrayList<>();
        long next = 0;
        for (Document stored : segments.find(gte("_id", 0L)).sort(ascending("_id"))) {
            Segment segment = verified(stored, next);
            if (segment == null) {
                break;
            }
            loaded.add(segment);
            next += segment.count();
        }
        open = new Open(next);
        return loaded;
    }

    /** Adds an entry the log applied; every entry is added once, in index order, after {@link #load}. */
    void add(LogEntry entry, byte[] leaf) {
        if (entry.index() != open.from + open.trajectories.size()) {
            throw new IllegalStateException("The audit log's segment from entry " + open.from + " expected entry "
                    + (open.from + open.trajectories.size()) + ", not " + entry.index());
        }
        open.add(entry, leaf);
        if (open.trajectories.size() == entriesPerSegment) {
            if (storing) {
                full.add(open);
            }
            open = new Open(entry.index() + 1);
        }
    }

    /**
     * Stores each full segment whose entries the witness file proves (the log's first {@code provenSize}). A segment
     * the database refuses (one too large for a document, from trajectory ids a database writer made huge) is logged,
     * and no later one is stored until the next start: a start reads segments only as far as they follow one another.
     */
    void storeProven(long provenSize) {
        while (!full.isEmpty() && full.get(0).from + full.get(0).trajectories.size() <= provenSize) {
            Document document = full.get(0).document();
            document.append("signature", Signatures.sign(key.privateKey(), content(document)));
            try {
                segments.insertOne(document);
            } catch (MongoWriteException e) {
                if (e.getError().getCategory() != ErrorCategory.DUPLICATE_KEY) {
                    refused(e);
                    return;
                }
            } catch (RuntimeException e) {
                refused(e);
                return;
            }
            full.remove(0);
        }
    }

    private void refused(RuntimeException e) {
        log.error("Audit: the log's segment from entry {} could not be stored ({}); starts read the entries from there",
                full.get(0).from, e.toString());
        full.clear();
        storing = false;
    }

    private Segment verified(Document stored, long expectedFrom) {
        try {
            long from = StoredNumbers.of(stored, "_id");
            if (from != expectedFrom) {
                log.error("Audit: the log's segment from entry {} does not follow the one before (entry {} expected);"
                        + " the entries from {} are read instead", from, expectedFrom, expectedFrom);
                return null;
            }
            if (!Signatures.verify(key.publicKey(), content(stored), stored.getString("signature"))) {
                log.error("Audit: the log's segment from entry {} is not signed by this service as stored; the entries"
                        + " from {} are read instead", from, from);
                return null;
            }
            byte[] leaves = stored.get("leaves", Binary.class).getData();
            List<String> trajectories = stored.getList("trajectories", String.class);
            if (trajectories.isEmpty() || leaves.length != trajectories.size() * MerkleTree.HASH_BYTES) {
                log.error("Audit: the log's segment from entry {} is malformed; the entries are read instead", from);
                return null;
            }
            Map<String, Head> heads = new LinkedHashMap<>();
            for (List<?> head : stored.getList("heads", List.class)) {
                heads.put((String) head.get(0), new Head(((Number) head.get(1)).longValue(), (String) head.get(2)));
            }
            List<Untrusted> untrusted = new ArrayList<>();
            for (List<?> entry : stored.getList("untrusted", List.class)) {
                untrusted.add(new Untrusted(((Number) entry.get(0)).longValue(), (String) entry.get(1),
                        LogEntry.Verdict.valueOf((String) entry.get(2)),
                        entry.get(3) == null ? null : ((Number) entry.get(3)).longValue(), (String) entry.get(4)));
            }
            return new Segment(from, leaves, trajectories, heads, untrusted);
        } catch (RuntimeException e) {
            log.error("Audit: a segment of the log cannot be read ({}); the entries are read instead", e.toString());
            return null;
        }
    }

    /** What the signature covers: the segment's place and everything it holds, in RFC 8785 form. */
    private static byte[] content(Document segment) {
        Map<String, Object> members = new LinkedHashMap<>();
        members.put("kind", "audit-log-segment");
        members.put("from", StoredNumbers.of(segment, "_id"));
        members.put("leaves", Base64.getEncoder().encodeToString(segment.get("leaves", Binary.class).getData()));
        members.put("trajectories", segment.getList("trajectories", String.class));
        members.put("heads", segment.getList("heads", List.class));
        members.put("untrusted", segment.getList("untrusted", List.class));
        return CanonicalJson.of(members).getBytes(StandardCharsets.UTF_8);
    }

    /** The segment being filled: entries from {@code from} on. */
    private static final class Open {

        private final long from;
        private final List<String> trajectories = new ArrayList<>();
        private final ByteArrayOutputStream leaves = new ByteArrayOutputStream();
        private final Map<String, Head> heads = new LinkedHashMap<>();
        private final List<List<Object>> untrusted = new ArrayList<>();

        Open(long from) {
            this.from = from;
        }

        void add(LogEntry entry, byte[] leaf) {
            trajectories.add(entry.trajectoryId());
            leaves.writeBytes(leaf);
            if (entry.trajectoryId() != null && entry.last() != null) {
                heads.put(entry.trajectoryId(), new Head(entry.last(), entry.lastHash()));
            }
            if (AuditLog.reportsBreak(entry)) {
                List<Object> reported = new ArrayList<>();
                reported.add(entry.index());
                reported.add(entry.trajectoryId());
                reported.add(entry.verdict().name());
                reported.add(entry.first());
                reported.add(entry.reason());
                untrusted.add(reported);
            }
        }

        Document document() {
            List<List<Object>> headList = new ArrayList<>();
            heads.forEach((trajectory, head) -> headList.add(Arrays.asList(trajectory, head.lastSequence(),
                    head.lastHash())));
            return new Document("_id", from).append("leaves", new Binary(leaves.toByteArray()))
                    .append("trajectories", new ArrayList<>(trajectories)).append("heads", headList)
                    .append("untrusted", new ArrayList<>(untrusted));
        }
    }
}
