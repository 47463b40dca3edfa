package nl.trajectorytracker.infra.audit.accesslog;

import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.LongStream;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.bson.BsonType;
import org.bson.Document;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.HandlerInterceptor;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoBulkWriteException;
import com.mongodb.MongoException;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoCursor;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.FindOneAndUpdateOptions;
import com.mongodb.client.model.InsertManyOptions;
import com.mongodb.client.model.ReplaceOptions;
import com.mongodb.client.model.ReturnDocument;
import com.mongodb.client.model.Sorts;
import com.mongodb.client.model.UpdateOptions;
import com.mongodb.client.model.Updates;

import nl.trajectorytracker.infra.security.Role;
import nl.trajectorytracker.infra.security.TrackerPrincipal;

/**
 * Records every audit read in {@code audit_access_log} (insert-only): the history, verification and export of a
 * trajectory by anyone, and any read of trajectories or of {@code /api/audit/**} by an auditor. Who (account id,
 * name, role, organisation), what (method, path, query, trajectory id, answer status) and when. Reads answered 404
 * (unknown or out of scope) are recorded too; requests that security refuses (401, 403) never reach it.
 * <p>
 * Entries are numbered in the order they are recorded ({@code _id} 1, 2, ...; the last number given is kept in
 * {@value #NUMBERS}), so a page, newest first, is read by its numbers, each looked up by {@code _id}: however long
 * the log grows, no read sorts or skips it whole. A number whose entry was never written (the process died between
 * the two writes) leaves its page one entry short. Entries an earlier version recorded (an {@code ObjectId} each) are
 * numbered in their order at start, before any new entry.
 */
@Component
public class AuditAccessLog implements HandlerInterceptor {

    private static final Logger log = LoggerFactory.getLogger(AuditAccessLog.class);
    private static final Pattern TRAJECTORY = Pattern.compile("^/api/trajectories/([^/]+)(/([^/]+))?.*$");
    private static final List<String> AUDIT_READS = List.of("history", "verify", "export");

    static final String NUMBERS = "audit_access_log_numbers";
    private static final String LAST = "last";
    private static final int EARLIER_PER_WRITE = 1_000;

    private final MongoCollection<Document> entries;
    private final MongoCollection<Document> numbers;
    private final Clock clock;

    public AuditAccessLog(MongoDatabase trackerDatabase, Clock clock) {
        this.entries = trackerDatabase.getCollection("audit_access_log");
        this.numbers = trackerDatabase.getCollection(NUMBERS);
        this.clock = clock;
        numberEarlierEntries();
    }

    /**
     * Gives the entries an earlier version recorded numbers in their order, once. Repeating it after a crash halfway
     * gives each the same number (a copy stored already stays); the old entry goes only once its copy is stored.
     */
    private void numberEarlierEntries() {
        if (numbers.find(Filters.eq("_id", LAST)).first() != null) {
            return;
        }
        long number = 0;
        List<Document> batch = new ArrayList<>();
        try (MongoCursor<Document> earlier = entries.find(Filters.type("_id", BsonType.OBJECT_ID))
                .sort(Sorts.ascending("_id")).batchSize(EARLIER_PER_WRITE).iterator()) {
            while (earlier.hasNext()) {
                number++;
                batch.add(new Document(earlier.next()).append("_id", number));
                if (batch.size() == EARLIER_PER_WRITE || !earlier.hasNext()) {
                    insertMissing(batch);
                    batch.clear();
                }
            }
        }
        numbers.updateOne(Filters.eq("_id", LAST), Updates.max("value", number), new UpdateOptions().upsert(true));
        if (number > 0) {
            entries.deleteMany(Filters.type("_id", BsonType.OBJECT_ID));
            log.info("Numbered the {} entries of the audit access log that an earlier version recorded", number);
        }
    }

    @Override
    public void afterCompletion(HttpServletRequest request, HttpServletResponse response, Object handler,
            Exception failure) {
        if (!"GET".equals(request.getMethod())) {
            return;
        }
        TrackerPrincipal who = TrackerPrincipal.current().orElse(null);
        if (who == null) {
            return;
        }
        String path = request.getRequestURI().substring(request.getContextPath().length());
        Matcher matcher = TRAJECTORY.matcher(path);
        String trajectoryId = matcher.matches() ? matcher.group(1) : null;
        String read = matcher.matches() ? matcher.group(3) : null;
        boolean auditRead = read != null && AUDIT_READS.contains(read);
        if (!auditRead && who.role() != Role.AUDITOR) {
            return;
        }
        Document entry = new Document("at", clock.instant().toString())
                .append("accountId", who.id())
                .append("who", who.name())
                .append("role", who.role().name())
                .append("organisation", who.organisation())
                .append("action", auditRead ? read : "read")
                .append("method", request.getMethod())
                .append("path", path)
                .append("query", request.getQueryString())
                .append("trajectoryId", trajectoryId)
                .append("status", response.getStatus());
        try {
            record(entry);
        } catch (RuntimeException e) {
            log.error("Could not record the audit read {}", entry.toJson(), e);
        }
    }

    /** Inserts these numbered copies; a copy stored already (by a start that died halfway) stays as it is. */
    private void insertMissing(List<Document> copies) {
        try {
            entries.insertMany(copies, new InsertManyOptions().ordered(false));
        } catch (MongoBulkWriteException e) {
            if (e.getWriteErrors().stream().anyMatch(error -> ErrorCategory.fromErrorCode(error.getCode())
                    != ErrorCategory.DUPLICATE_KEY)) {
                throw e;
            }
        }
    }

    /**
     * Stores an entry under the next number. A counter that a database write made unusable (text, which cannot be
     * incremented, or a number moved back onto entries that exist) lost every read after it; it is set again after
     * the newest entry, said in the log, and the read recorded.
     */
    void record(Document entry) {
        for (int attempt = 1; ; attempt++) {
            try {
                Document last = numbers.findOneAndUpdate(Filters.eq("_id", LAST), Updates.inc("value", 1L),
                        new FindOneAndUpdateOptions().upsert(true).returnDocument(ReturnDocument.AFTER));
                Document numbered = new Document("_id", ((Number) last.get("value")).longValue());
                numbered.putAll(entry);
                entries.insertOne(numbered);
                return;
            } catch (MongoException | ClassCastException e) {
                if (attempt == 2) {
                    throw e;
                }
                long newest = newestEntry();
                log.error("The audit access log's counter was changed in the database ({}); it goes on after the"
                        + " newest entry, {}", e.getMessage(), newest);
                numbers.replaceOne(Filters.eq("_id", LAST), new Document("_id", LAST).append("value", newest),
                        new ReplaceOptions().upsert(true));
            }
        }
    }

    private long newestEntry() {
        Document newest = entries.find().sort(Sorts.descending("_id")).limit(1).first();
        return newest != null && newest.get("_id") instanceof Number number ? number.longValue() : 0;
    }

    /** A page of the log, newest first: the entries numbered from {@code last - page * size} down. */
    public List<Document> page(long page, int size) {
        long newest = lastNumber();
        long from = newest - page * size;
        if (from < 1) {
            return List.of();
        }
        List<Long> wanted = LongStream.rangeClosed(Math.max(1, from - size + 1), from).boxed().toList();
        List<Document> found = entries.find(Filters.in("_id", wanted)).batchSize(size).into(new ArrayList<>());
        found.sort(Comparator.comparingLong((Document entry) -> ((Number) entry.get("_id")).longValue()).reversed());
        found.forEach(entry -> entry.put("id", String.valueOf(entry.remove("_id"))));
        return found;
    }

    /** How many entries were numbered: the log's length, counting a number whose entry was never written. */
    public long count() {
        return lastNumber();
    }

    private long lastNumber() {
        Document last = numbers.find(Filters.eq("_id", LAST)).first();
        if (last == null) {
            return 0;
        }
        return last.get("value") instanceof Number number ? number.longValue() : newestEntry();
    }
}
