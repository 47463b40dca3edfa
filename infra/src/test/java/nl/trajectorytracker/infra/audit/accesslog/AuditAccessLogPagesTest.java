package nl.trajectorytracker.infra.audit.accesslog;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.bson.Document;
import org.bson.types.ObjectId;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.mongodb.client.MongoDatabase;

import nl.trajectorytracker.infra.mongo.PlainStore;
import nl.trajectorytracker.infra.security.DocumentSeals;

/**
 * The access log's pages, newest first, read by the entries' numbers however long the log is; entries an earlier
 * version recorded are numbered in their order before any new one.
 */
class AuditAccessLogPagesTest {

    @TempDir
    Path data;

    private PlainStore store;
    private MongoDatabase database;

    @BeforeEach
    void start() {
        store = PlainStore.start(data);
        database = store.database();
    }

    @AfterEach
    void stop() {
        store.close();
    }

    @Test
    void pages_runFromTheNewestEntry_andEndEmpty_howeverFarAPageIsAskedFor() {
        AuditAccessLog log = new AuditAccessLog(database, Clock.systemUTC());
        for (int i = 1; i <= 5; i++) {
            log.record(new Document("path", "/read/" + i));
        }

        assertThat(paths(log.page(0, 2))).containsExactly("/read/5", "/read/4");
        assertThat(paths(log.page(1, 2))).containsExactly("/read/3", "/read/2");
        assertThat(paths(log.page(2, 2))).containsExactly("/read/1");
        assertThat(log.page(3, 2)).isEmpty();
        // page * size beyond an int: once it wrapped round to a negative skip and answered the first entries
        assertThat(log.page(20_000_000, 200)).isEmpty();
        assertThat(log.page(Integer.MAX_VALUE, 200)).isEmpty();
        assertThat(log.count()).isEqualTo(5);
        assertThat(log.page(0, 1).get(0).getString("id")).isEqualTo("5");
    }

    /**
     * A counter a database write made unusable, text or a number moved back onto existing entries, lost every read
     * after it (and the page answered 500): the log goes on after its newest entry.
     */
    @Test
    void aCounterChangedInTheDatabase_losesNoRead_andThePagesStillAnswer() {
        AuditAccessLog log = new AuditAccessLog(database, Clock.systemUTC());
        for (int i = 1; i <= 3; i++) {
            log.record(new Document("path", "/read/" + i));
        }
        var numbers = database.getCollection("audit_access_log_numbers");

        numbers.updateOne(new Document("_id", "last"), new Document("$set", new Document("value", "x")));
        assertThat(log.count()).isEqualTo(3);
        log.record(new Document("path", "/read/4"));
        numbers.updateOne(new Document("_id", "last"), new Document("$set", new Document("value", 1L)));
        log.record(new Document("path", "/read/5"));

        assertThat(paths(log.page(0, 10))).containsExactly("/read/5", "/read/4", "/read/3", "/read/2", "/read/1");
    }

    @Test
    void readsRecordedAtOnce_byFourAuditors_areEachRecordedOnce_underNumbersOfTheirOwn() throws Exception {
        AuditAccessLog log = new AuditAccessLog(database, Clock.systemUTC());
        ExecutorService auditors = Executors.newFixedThreadPool(4);
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int a = 0; a < 4; a++) {
                int auditor = a;
                done.add(auditors.submit(() -> {
                    for (int i = 0; i < 100; i++) {
                        log.record(new Document("path", "/read/" + auditor + "/" + i));
                    }
                }));
            }
            for (Future<?> future : done) {
                future.get(2, TimeUnit.MINUTES);
            }
        } finally {
            auditors.shutdownNow();
        }

        // once two auditors were given the same number, and the second read went unrecorded
        assertThat(log.count()).isEqualTo(400);
        assertThat(paths(log.page(0, 400))).hasSize(400).doesNotHaveDuplicates();
    }

    @Test
    void entriesAnEarlierVersionRecorded_areNumberedInTheirOrder_beforeAnyNewEntry() {
        List<ObjectId> ids = List.of(new ObjectId(), new ObjectId(), new ObjectId());
        for (int i = ids.size() - 1; i >= 0; i--) {
            database.getCollection("audit_access_log").insertOne(new Document("_id", ids.get(i))
                    .append("path", "/earlier/" + i));
        }
        // a start that died halfway through the numbering had stored the first copy already
        database.getCollection("audit_access_log").insertOne(new Document("_id", 1L).append("path", "/earlier/0"));

        AuditAccessLog log = new AuditAccessLog(database, Clock.systemUTC());
        log.record(new Document("path", "/new"));

        assertThat(paths(log.page(0, 10))).containsExactly("/new", "/earlier/2", "/earlier/1", "/earlier/0");
        assertThat(database.getCollection("audit_access_log").countDocuments()).isEqualTo(4);
        // a later start numbers nothing again
        AuditAccessLog restarted = new AuditAccessLog(database, Clock.systemUTC());
        assertThat(paths(restarted.page(0, 10))).containsExactly("/new", "/earlier/2", "/earlier/1", "/earlier/0");
    }

    /**
     * Whoever can write the database rewrote the log unseen: an entry changed, one put in, one deleted, and the
     * newest ones cut together with the counter were pages like any other.
     */
    @Test
    void entriesChangedPutInOrCut_inTheDatabase_areShownAsSuch() {
        DocumentSeals seals = DocumentSeals.keyedFrom(new byte[32], false, "audit-access-log-seals", "entries");
        AuditAccessLog log = new AuditAccessLog(database, Clock.systemUTC(), seals, data);
        for (int i = 1; i <= 6; i++) {
            log.record(new Document("path", "/read/" + i).append("who", "audrey"));
        }
        var entries = database.getCollection("audit_access_log");
        entries.updateOne(new Document("_id", 2L), new Document("$set", new Document("who", "someone else")));
        entries.deleteOne(new Document("_id", 3L));
        entries.deleteMany(new Document("_id", new Document("$gte", 5L)));
        database.getCollection("audit_access_log_numbers").updateOne(new Document("_id", "last"),
                new Document("$set", new Document("value", 4L)));
        entries.insertOne(new Document("_id", 7L).append("path", "/framed").append("who", "bob"));

        for (AuditAccessLog reading : List.of(log, new AuditAccessLog(database, Clock.systemUTC(), seals, data))) {
            List<Document> page = reading.page(0, 10);
            assertThat(page).extracting(entry -> entry.getString("id")).containsExactly("6", "5", "4", "3", "2",
                    "1");
            assertThat(page).extracting(entry -> entry.get("missing")).containsExactly(true, true, null, true, null,
                    null);
            assertThat(page).extracting(entry -> entry.get("intact")).containsExactly(null, null, true, null, false,
                    true);
        }
        AuditAccessLog restarted = new AuditAccessLog(database, Clock.systemUTC(), seals, data);
        restarted.record(new Document("path", "/after"));
        Document newest = restarted.page(0, 1).get(0);
        assertThat(newest.getString("path")).isEqualTo("/after");
        assertThat(newest.get("intact")).isEqualTo(true);
        assertThat(Long.parseLong(newest.getString("id"))).isGreaterThan(7);
    }

    private static List<String> paths(List<Document> entries) {
        return entries.stream().map(entry -> entry.getString("path")).toList();
    }
}
