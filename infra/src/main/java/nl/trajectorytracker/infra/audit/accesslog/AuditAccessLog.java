package nl.trajectorytracker.infra.audit.accesslog;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.LongStream;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.bson.BsonType;
import org.bson.Document;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
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

import nl.trajectorytracker.infra.audit.SigningKey;
import nl.trajectorytracker.infra.security.DocumentSeals;
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
 * <p>
 * Whoever can write the database cannot rewrite the log unseen. Every entry is sealed ({@link DocumentSeals}, keyed
 * from the signing key): one changed or put in is served as not {@code intact}. A number without its entry (deleted,
 * or never written because the process died in between) is served as {@code missing}. The newest number this
 * instance gave is kept outside MongoDB ({@value #HEAD_FILE} in the data directory): entries cut from the end
 * together with the counter are served as missing, since the counter only grows while the service runs honestly.
 */
@Component
public class AuditAccessLog implements HandlerInterceptor {

    private static final Logger log = LoggerFactory.getLogger(AuditAccessLog.class);
    private static final Pattern TRAJECTORY = Pattern.compile("^/api/trajectories/([^/]+)(/([^/]+))?.*$");
    private static final List<String> AUDIT_READS = List.of("history", "verify", "export");

    static final String NUMBERS = "audit_access_log_numbers";
    private static final String LAST = "last";
    private static final int EARLIER_PER_WRITE = 1_000;
    static final String HEAD_FILE = "audit-access-log-head";
    static final String SEALS_ADOPTED = "audit-access-log-sealed";
    /** What an entry's seal covers: its number and everything it says. */
    static final List<String> ENTRY_FIELDS = List.of("_id", "at", "accountId", "who", "role", "organisation",
            "action", "method", "path", "query", "trajectoryId", "status");

    private final MongoCollection<Document> entries;
    private final MongoCollection<Document> numbers;
    private final Clock clock;
    private final DocumentSeals seals;
    /** Where the newest number this instance gave is kept, outside MongoDB; none in tests of the pages alone. */
    private final Path headFile;
    private final AtomicLong newestGiven = new AtomicLong();

    @Autowired
    public AuditAccessLog(MongoDatabase trackerDatabase, Clock clock, SigningKey signingKey,
            @Value("${tracker.data-dir:./data}") Path dataDirectory) {
        this(trackerDatabase, clock, DocumentSeals.keyedFrom(signingKey, "audit-access-log-seals",
                "The audit access log's entries"), dataDirectory);
    }

    AuditAccessLog(MongoDatabase trackerDatabase, Clock clock, DocumentSeals seals, Path dataDirectory) {
        this.entries = trackerDatabase.getCollection("audit_access_log");
        this.numbers = trackerDatabase.getCollection(NUMBERS);
        this.clock = clock;
        this.seals = seals;
        this.headFile = dataDirectory == null ? null : dataDirectory.resolve(HEAD_FILE);
        // an erasure finds a person's reads by their name
        entries.createIndex(com.mongodb.client.model.Indexes.ascending("who"),
                new com.mongodb.client.model.IndexOptions().name("audit_access_log_who"));
        numberEarlierEntries();
        if (dataDirectory != null) {
            seals.adoptOnce(dataDirectory, SEALS_ADOPTED, List.of(entries), List.of(ENTRY_FIELDS));
        }
        newestGiven.set(witnessedHead());
    }

    /** For tests of the pages alone: nothing sealed, nothing kept outside the database. */
    AuditAccessLog(MongoDatabase trackerDatabase, Clock clock) {
        this(trackerDatabase, clock, DocumentSeals.none(), null);
    }

    private long witnessedHead() {
        if (headFile == null || !Files.exists(headFile)) {
            return 0;
        }
        try {
            return Long.parseLong(Files.readString(headFile, StandardCharsets.US_ASCII).trim());
        } catch (IOException | NumberFormatException e) {
            log.error("Cannot read the audit access log's newest number from {}: {}", headFile, e.getMessage());
            return 0;
        }
    }

    /** Keeps the newest number given outside MongoDB (replaced whole, so a crash leaves the old one or the new). */
    private void given(long number) {
        if (newestGiven.accumulateAndGet(number, Math::max) != number || headFile == null) {
            return;
        }
        try {
            Path written = headFile.resolveSibling(HEAD_FILE + ".next");
            Files.writeString(written, Long.toString(number), StandardCharsets.US_ASCII);
            Files.move(written, headFile, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            log.error("Cannot keep the audit access log's newest number in {}: {}", headFile, e.getMessage());
        }
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
     * incremented, or a number moved back onto entries that exist or that this instance gave) lost every read after
     * it; it is set again after the newest entry, said in the log, and the read recorded. One entry at a time in an
     * instance, so that a number not above the newest it gave can only be the counter moved back.
     */
    synchronized void record(Document entry) {
        for (int attempt = 1; ; attempt++) {
            try {
                Document last = numbers.findOneAndUpdate(Filters.eq("_id", LAST), Updates.inc("value", 1L),
                        new FindOneAndUpdateOptions().upsert(true).returnDocument(ReturnDocument.AFTER));
                long number = ((Number) last.get("value")).longValue();
                if (number <= newestGiven.get()) {
                    throw new IllegalStateException("number " + number + " was given already");
                }
                Document numbered = new Document("_id", number);
                numbered.putAll(entry);
                entries.insertOne(seals.sealed(numbered, ENTRY_FIELDS));
                given(number);
                return;
            } catch (MongoException | ClassCastException | IllegalStateException e) {
                if (attempt == 2) {
                    throw e;
                }
                long newest = Math.max(newestEntry(), newestGiven.get());
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

    /**
     * Takes an erased person's name out of the log: every entry of a read by them names them as their account does
     * now ({@code [erased]-<account id>}), sealed anew; answers how many. The entries stay, as what was read and when.
     */
    public long erase(String name) {
        long erased = 0;
        for (Document entry : entries.find(Filters.eq("who", name.strip())).into(new ArrayList<>())) {
            if (!seals.holds(entry, ENTRY_FIELDS)) {
                log.error("Audit access log entry {} is not as this service stored it; the erased name is taken out"
                        + " of it all the same", entry.get("_id"));
            }
            entry.put("who", "[erased]-" + entry.get("accountId"));
            entries.replaceOne(Filters.eq("_id", entry.get("_id")), seals.sealed(entry, ENTRY_FIELDS));
            erased++;
        }
        return erased;
    }

    /**
     * A page of the log, newest first: the entries numbered from {@code last - page * size} down, each with whether
     * its seal holds ({@code intact}); a number without its entry is there as {@code missing}.
     */
    public List<Document> page(long page, int size) {
        long newest = count();
        long from = newest - page * size;
        if (from < 1) {
            return List.of();
        }
        List<Long> wanted = LongStream.rangeClosed(Math.max(1, from - size + 1), from).boxed().toList();
        Map<Object, Document> found = entries.find(Filters.in("_id", wanted)).batchSize(size)
                .into(new ArrayList<>()).stream()
                .filter(entry -> entry.get("_id") instanceof Number)
                .collect(Collectors.toMap(entry -> ((Number) entry.get("_id")).longValue(), Function.identity(),
                        (first, second) -> first));
        List<Document> answer = new ArrayList<>();
        for (long number = from; number >= wanted.get(0); number--) {
            Document entry = found.get(number);
            answer.add(entry == null ? new Document("id", String.valueOf(number)).append("missing", true)
                    : served(entry));
        }
        return answer;
    }

    private Document served(Document stored) {
        Document served = new Document("id", String.valueOf(stored.get("_id")));
        ENTRY_FIELDS.stream().skip(1).forEach(field -> served.append(field, stored.get(field)));
        return served.append("intact", seals.holds(stored, ENTRY_FIELDS));
    }

    /**
     * How many entries were numbered: the log's length, counting a number whose entry was never written, and the
     * numbers this instance gave when the counter was moved back below them.
     */
    public long count() {
        long counted = lastNumber();
        long given = newestGiven.get();
        if (counted < given) {
            log.error("The audit access log's counter ({}) is below the newest number this instance gave ({}): its"
                    + " newest entries were cut in the database; they are shown as missing", counted, given);
        }
        return Math.max(counted, given);
    }

    private long lastNumber() {
        Document last = numbers.find(Filters.eq("_id", LAST)).first();
        if (last == null) {
            return 0;
        }
        return last.get("value") instanceof Number number ? number.longValue() : newestEntry();
    }
}
