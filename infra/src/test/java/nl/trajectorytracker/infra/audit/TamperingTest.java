package nl.trajectorytracker.infra.audit;

import static com.mongodb.client.model.Filters.eq;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.bson.Document;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Updates;

import static nl.trajectorytracker.infra.audit.RecordedTrajectories.verifyOffline;

import nl.trajectorytracker.infra.RunningTracker;
import nl.trajectorytracker.infra.TrajectoryTrackerApplication;
import nl.trajectorytracker.infra.audit.verification.ChainEvent;
import nl.trajectorytracker.infra.audit.verification.OfflineVerifier;
import nl.trajectorytracker.infra.mongo.EmbeddedMongo;

/**
 * Tamper evidence end to end, as a hostile database administrator would try it: trajectories recorded over HTTP,
 * then their stored commits changed through a plain MongoDB client of its own, in every way that matters. Each
 * tampering is found, with the right kind and sequence, by {@code GET /verify} and by the offline command on an
 * exported bundle; it still is after an ordinary step on the trajectory (nothing the service signs afterwards
 * launders it) and after a restart. A trajectory nobody touched verifies OK throughout.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class TamperingTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path data;

    @TempDir
    static Path files;

    private static RunningTracker tracker;
    private static RunningTracker.Client negotiator;
    private static RunningTracker.Client auditor;
    private static MongoClient administrator;
    private static String untouched;
    private static final Map<String, Expected> tampered = new LinkedHashMap<>();

    /**
     * What a tampered trajectory must be found to be; once a later step is stored, a cut-off tail is a gap and is
     * found as {@code afterStep}.
     */
    private record Expected(String kind, long sequence, String afterStep) {

        Expected(String kind, long sequence) {
            this(kind, sequence, kind);
        }

        Expected later() {
            return new Expected(afterStep, sequence, afterStep);
        }
    }

    @BeforeAll
    static void start() {
        tracker = RunningTracker.start(data);
        negotiator = tracker.negotiator();
        auditor = tracker.createAuditor("audrey-auditor");
        administrator = MongoClients.create(tracker.bean(EmbeddedMongo.class).connectionString("tracker"));
    }

    @AfterAll
    static void stop() {
        administrator.close();
        tracker.close();
    }

    // ---------------------------------------------------------------- recording

    /** A trajectory with five steps after its start (sequences 0 to 5), taken into the log under a tree head. */
    private static String recordedTrajectory() {
        return RecordedTrajectories.recorded(tracker, negotiator);
    }

    private static void checkpoint() {
        RecordedTrajectories.checkpoint(tracker);
    }

    /** An ordinary step by the negotiator, as any working day brings (tried again after a conflict, as people do). */
    private static void ordinaryStep(String id) {
        String text = "{\"text\": \"Agreed to meet again after the summer\"}";
        RunningTracker.Response first = negotiator.post("/api/trajectories/" + id + "/notes", text);
        RunningTracker.Response note = first.status() == 409
                ? negotiator.post("/api/trajectories/" + id + "/notes", text) : first;
        assertThat(note.status()).as(note.body()).isEqualTo(200);
        checkpoint();
    }

    private static MongoCollection<Document> commits() {
        return administrator.getDatabase("tracker").getCollection("event_commits");
    }

    private static Document commit(String id, long sequence) {
        return commits().find(eq("key", id + "#" + sequence)).first();
    }

    private static Document event(Document commit) {
        return commit.getList("events", Document.class).get(0);
    }

    /** The link of an event as the documented chain computes it: what someone who rewrites the chain does. */
    private static String link(Document commit, Document event, String prev) {
        return new ChainEvent(0, 0, commit.getString("agg"), commit.getString("type"), event.getLong("seq"),
                event.getString("id"), event.getString("ts"), event.getString("ptype"), event.getString("rev"),
                event.getString("payload"), event.getString("meta"), prev, null).expectedHash(prev);
    }

    // ---------------------------------------------------------------- checking

    private static JsonNode verify(String id) {
        RunningTracker.Response response = auditor.get("/api/trajectories/" + id + "/verify");
        assertThat(response.status()).as(response.body()).isEqualTo(200);
        return response.json();
    }

    private static Path export(RunningTracker.Client client, String id, String name) throws Exception {
        RunningTracker.Response response = client.get("/api/trajectories/" + id + "/export");
        assertThat(response.status()).as(response.body()).isEqualTo(200);
        Path file = files.resolve(name + "-" + System.nanoTime() + ".json");
        Files.writeString(file, response.body());
        return file;
    }

    private static Path publicKey() throws Exception {
        Path key = files.resolve("public-key.pem");
        RunningTracker.Response published = auditor.get("/api/audit/public-key");
        assertThat(published.status()).isEqualTo(200);
        Files.writeString(key, published.body());
        return key;
    }

    private static void assertFlagged(String id, Expected expected, String when) throws Exception {
        JsonNode verification = verify(id);
        assertThat(verification.get("status").asText()).as(when + ": " + verification).isEqualTo("BROKEN");
        assertThat(verification.at("/firstBreak/kind").asText()).as(when + ": " + verification)
                .isEqualTo(expected.kind());
        assertThat(verification.at("/firstBreak/sequence").asLong()).as(when + ": " + verification)
                .isEqualTo(expected.sequence());
        RecordedTrajectories.Offline offline = verifyOffline(export(auditor, id, expected.kind()),
                OfflineVerifier.KEY_OPTION + publicKey());
        assertThat(offline.exitCode()).as(when + ": " + offline.output()).isEqualTo(OfflineVerifier.BROKEN);
        assertThat(offline.output()).as(when).contains("BROKEN").contains(expected.kind())
                .contains("at sequence " + expected.sequence());
        JsonNode reported = auditor.get("/api/audit/breaks").json();
        assertThat(reported.findValuesAsText("trajectoryId")).as(when).contains(id);
    }

    private static void assertVerifies(String id, String when) throws Exception {
        JsonNode verification = verify(id);
        assertThat(verification.get("status").asText()).as(when + ": " + verification).isEqualTo("OK");
        assertThat(verification.get("signatures").asText()).isEqualTo("VALID");
        assertThat(verification.get("unsignedEvents").asLong()).as(when + ": " + verification).isZero();
        RecordedTrajectories.Offline offline = verifyOffline(export(auditor, id, "untouched"),
                OfflineVerifier.KEY_OPTION + publicKey());
        assertThat(offline.exitCode()).as(when + ": " + offline.output()).isEqualTo(OfflineVerifier.VERIFIED);
        assertThat(offline.output()).startsWith("OK");
    }

    /** Flagged now, after an ordinary step (where one can still be recorded), and (see the last test) on restart. */
    private static void tamperedWith(String id, Expected expected) throws Exception {
        assertFlagged(id, expected, "right after the tampering");
        ordinaryStep(id);
        assertFlagged(id, expected.later(), "after an ordinary step");
        tampered.put(id, expected.later());
    }

    // ---------------------------------------------------------------- tests

    @Test
    @Order(1)
    void anUntouchedTrajectory_verifies_online_andOffline_withThePublishedKey() throws Exception {
        untouched = recordedTrajectory();

        assertVerifies(untouched, "untouched");
        JsonNode verification = verify(untouched);
        assertThat(verification.get("headSequence").asLong()).isEqualTo(5);
        assertThat(verification.at("/treeHead/treeSize").asLong()).isPositive();
        assertThat(runJar(export(auditor, untouched, "jar"))).isEqualTo(OfflineVerifier.VERIFIED);
    }

    @Test
    @Order(2)
    void aChangedPayloadByte_isFound() throws Exception {
        String id = recordedTrajectory();
        Document commit = commit(id, 3);
        String payload = event(commit).getString("payload");
        assertThat(payload).contains("IZA");

        commits().updateOne(eq("_id", commit.getLong("_id")),
                Updates.set("events.0.payload", payload.replace("IZA", "IZB")));

        tamperedWith(id, new Expected("PAYLOAD_CHANGED", 3));
    }

    @Test
    @Order(3)
    void aDeletedMiddleEvent_isFound() throws Exception {
        String id = recordedTrajectory();

        commits().deleteOne(eq("key", id + "#3"));

        tamperedWith(id, new Expected("EVENT_MISSING", 3));
    }

    @Test
    @Order(4)
    void twoSwappedEvents_relinked_areFound() throws Exception {
        String id = recordedTrajectory();
        Document third = commit(id, 3);
        Document fourth = commit(id, 4);
        String prev = event(commit(id, 2)).getString("hash");
        // the fourth step's event moves to sequence 3 and the third's to 4, every link recomputed
        Document movedDown = new Document(event(fourth)).append("seq", 3L).append("prev", prev);
        movedDown.append("hash", link(third, movedDown, prev));
        Document movedUp = new Document(event(third)).append("seq", 4L).append("prev", movedDown.getString("hash"));
        movedUp.append("hash", link(fourth, movedUp, movedDown.getString("hash")));
        String fifthPrev = movedUp.getString("hash");
        Document fifth = commit(id, 5);
        Document fifthEvent = new Document(event(fifth)).append("prev", fifthPrev);
        fifthEvent.append("hash", link(fifth, fifthEvent, fifthPrev));

        commits().updateOne(eq("_id", third.getLong("_id")), Updates.set("events", List.of(movedDown)));
        commits().updateOne(eq("_id", fourth.getLong("_id")), Updates.set("events", List.of(movedUp)));
        commits().updateOne(eq("_id", fifth.getLong("_id")), Updates.set("events", List.of(fifthEvent)));

        tamperedWith(id, new Expected("ORDER_CHANGED", 3));
    }

    @Test
    @Order(5)
    void aDroppedTail_isFound() throws Exception {
        String id = recordedTrajectory();

        commits().deleteOne(eq("key", id + "#5"));

        tamperedWith(id, new Expected("TAIL_TRUNCATED", 5, "EVENT_MISSING"));
    }

    @Test
    @Order(6)
    void aForgedEvent_appendedWithACorrectLink_isFound() throws Exception {
        String id = recordedTrajectory();
        Document last = commit(id, 5);
        Document lastEvent = event(last);
        long head = commits().find().sort(new Document("_id", -1)).first().getLong("_id");
        Document forgedEvent = new Document(lastEvent)
                .append("id", java.util.UUID.randomUUID().toString())
                .append("seq", 6L)
                .append("payload", lastEvent.getString("payload").replace("last year's prices", "any price"))
                .append("prev", lastEvent.getString("hash"));
        Document forged = new Document("_id", head + 1).append("key", id + "#6").append("agg", id)
                .append("type", last.getString("type")).append("first", 6L).append("last", 6L)
                .append("at", last.getLong("at")).append("events", List.of(forgedEvent));
        forgedEvent.append("hash", link(forged, forgedEvent, lastEvent.getString("hash")));

        commits().insertOne(forged);

        tamperedWith(id, new Expected("FORGED_EVENT", 6));
    }

    @Test
    @Order(7)
    void aChangedMiddleEvent_withEveryLaterLinkRecomputed_isFoundAtTheChangedEvent() throws Exception {
        String id = recordedTrajectory();
        String prev = event(commit(id, 1)).getString("hash");
        for (long sequence = 2; sequence <= 5; sequence++) {
            Document commit = commit(id, sequence);
            Document event = new Document(event(commit)).append("prev", prev);
            if (sequence == 2) {
                event.append("payload", event.getString("payload").replace("Predictable", "Unpredictable"));
            }
            prev = link(commit, event, prev);
            event.append("hash", prev);
            commits().updateOne(eq("_id", commit.getLong("_id")), Updates.set("events", List.of(event)));
        }

        tamperedWith(id, new Expected("PAYLOAD_CHANGED", 2));
    }

    @Test
    @Order(8)
    void aChangedSignature_isFound() throws Exception {
        String id = recordedTrajectory();
        String otherSignature = commit(id, 3).getString("sig");

        commits().updateOne(eq("key", id + "#4"), Updates.set("sig", otherSignature));

        tamperedWith(id, new Expected("SIGNATURE_INVALID", 4));
    }

    @Test
    @Order(9)
    void aWholeDeletedTrajectory_isFound() throws Exception {
        String id = recordedTrajectory();

        commits().deleteMany(eq("agg", id));

        Expected expected = new Expected("TAIL_TRUNCATED", 0);
        assertFlagged(id, expected, "right after the tampering");
        // who may reach a trajectory comes from its first stored event: with it gone, no negotiator does
        assertThat(negotiator.post("/api/trajectories/" + id + "/notes", "{\"text\": \"Still here?\"}").status())
                .isEqualTo(404);
        tampered.put(id, expected);
    }

    @Test
    @Order(10)
    void aCommitWrittenByTheServiceAfterABreak_isNotVouchedFor_untilAnAdministratorAcknowledges() {
        String id = recordedTrajectory();
        commits().deleteOne(eq("key", id + "#5"));
        verify(id);

        ordinaryStep(id);
        Document overTheBreak = commits().find(eq("agg", id)).sort(new Document("_id", -1)).first();
        assertThat(overTheBreak.getBoolean("vouched")).as("vouched for over the break").isFalse();
        JsonNode verification = verify(id);
        assertThat(verification.get("unsignedEvents").asLong()).as(verification.toString()).isEqualTo(1);

        RunningTracker.Response acknowledged = tracker.asAdmin().post("/api/admin/audit/breaks/" + id
                + "/acknowledgement", "{\"reason\": \"Restored from the paper file; the last step is lost\"}");
        assertThat(acknowledged.status()).as(acknowledged.body()).isEqualTo(200);
        ordinaryStep(id);
        Document vouched = commits().find(eq("agg", id)).sort(new Document("_id", -1)).first();
        assertThat(vouched.getString("sig")).isNotNull();
        assertThat(vouched.get("vouched")).isNull();
        assertThat(verify(id).get("status").asText()).as("the break stays in the record").isEqualTo("BROKEN");
    }

    /**
     * A restore by a MongoDB shell writes small numbers as 32-bit integers: the same commits, which once failed every
     * append, stopped the read models and the audit log, and kept the service from starting. They read as they are.
     */
    @Test
    @Order(10)
    void aCommitRestoredWith32BitNumbers_isTheSameCommit_andStepsGoOn() throws Exception {
        String id = recordedTrajectory();
        Document last = commit(id, 5);
        Document restored = new Document(last).append("_id", Math.toIntExact(last.getLong("_id")))
                .append("first", 5).append("last", 5).append("at", last.getLong("at").doubleValue());
        Document event = new Document(event(last)).append("seq", 5);
        restored.append("events", List.of(event));
        commits().deleteOne(eq("key", id + "#5"));
        commits().insertOne(restored);

        assertVerifies(id, "restored with 32-bit numbers");
        ordinaryStep(id);
        assertVerifies(id, "after a step on the restored commit");
    }

    /**
     * A payload changed, found, and put back: the record holds together again, but whatever read it meanwhile (a
     * rebuild of the read models) kept what it said. The reported break stays in every verification and in the
     * bundle, where the trajectory verified OK again; deleted from the database as well, the report comes back from
     * the witness file at the next start.
     */
    @Test
    @Order(10)
    void aPayloadChangedAndPutBackAfterItsBreakWasReported_stillVerifiesBroken() throws Exception {
        String id = recordedTrajectory();
        Document commit = commit(id, 2);
        String original = event(commit).getString("payload");
        commits().updateOne(eq("key", id + "#2"), new Document("$set", new Document("events.0.payload",
                original.replace("Predictable costs", "Unpredictable costs"))));
        assertThat(verify(id).get("status").asText()).isEqualTo("BROKEN");

        commits().updateOne(eq("key", id + "#2"), new Document("$set", new Document("events.0.payload", original)));

        JsonNode again = verify(id);
        assertThat(again.get("status").asText()).isEqualTo("BROKEN");
        assertThat(again.toString()).contains("no longer shown by the stored record");
        RecordedTrajectories.Offline offline = verifyOffline(export(auditor, id, "put-back"));
        assertThat(offline.exitCode()).as(offline.output()).isEqualTo(OfflineVerifier.BROKEN);
        // and the report deleted too: the witness file puts it back at the restart (checked after it)
        administrator.getDatabase("tracker").getCollection("audit_breaks").deleteOne(eq("_id", id));
        tampered.put(id, new Expected("PAYLOAD_CHANGED", 2));
    }

    /**
     * A payload changed into one the application cannot read (an id that is no UUID) made the auditor's history
     * answer 500, where it promises the stored JSON of an entry it cannot deserialize, and the reads of the
     * trajectory's state as of a moment 500 too: they say the record cannot be read.
     */
    @Test
    @Order(10)
    void aPayloadTheApplicationCannotRead_showsInTheHistoryAsStored_andIsABreak() throws Exception {
        String id = recordedTrajectory();
        Document commit = commit(id, 2);
        String payload = event(commit).getString("payload").replace(id, "REWRITTEN");
        commits().updateOne(eq("key", id + "#2"), new Document("$set", new Document("events.0.payload", payload)));

        RunningTracker.Response history = auditor.get("/api/trajectories/" + id + "/history");

        assertThat(history.status()).as(history.body()).isEqualTo(200);
        assertThat(history.body()).contains("REWRITTEN");
        assertThat(verify(id).get("status").asText()).isEqualTo("BROKEN");
        for (String read : List.of("/phases?asOf=2030-01-01", "/report", "/diff?from=2020-01-01&to=2030-01-01")) {
            RunningTracker.Response answer = auditor.get("/api/trajectories/" + id + read);
            assertThat(answer.status()).as(read + ": " + answer.body()).isEqualTo(409);
            assertThat(answer.json().get("type").asText()).endsWith(":record-unreadable");
        }
    }

    /**
     * A step forged as a commit that names no trajectory (as an event outside any aggregate is stored) reached the
     * read models, which take the trajectory from the event: the trajectory showed it while its own record verified
     * and nothing was reported. Now the break is the trajectory's, in its verification and among the reports.
     */
    @Test
    @Order(10)
    void aForgedStepInACommitThatNamesNoTrajectory_isABreakOfTheTrajectoryItNames() throws Exception {
        String id = recordedTrajectory();
        Document last = commit(id, 5);
        Document lastEvent = event(last);
        long head = commits().find().sort(new Document("_id", -1)).first().getLong("_id");
        String eventId = java.util.UUID.randomUUID().toString();
        Document forgedEvent = new Document(lastEvent).append("id", eventId).append("seq", 9_999L)
                .append("payload", lastEvent.getString("payload").replace("last year's prices", "any price"));
        forgedEvent.remove("prev");
        forgedEvent.remove("hash");
        commits().insertOne(new Document("_id", head + 1).append("key", "event#" + eventId)
                .append("at", last.getLong("at")).append("events", List.of(forgedEvent)));

        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(30)).untilAsserted(() -> {
            JsonNode verification = verify(id);
            assertThat(verification.get("status").asText()).as(verification.toString()).isEqualTo("BROKEN");
            assertThat(verification.toString()).contains("FORGED_EVENT").contains("belongs to no trajectory");
        });
        assertThat(auditor.get("/api/audit/breaks").json().findValuesAsText("trajectoryId")).contains(id);
    }

    /**
     * A commit forged under an id that is no trajectory's: reported as a break of "junk", which could never be
     * acknowledged (404, "no trajectory with id junk"), so the log's health stayed degraded for good.
     */
    @Test
    @Order(10)
    void aBreakUnderAnIdThatIsNoTrajectory_canBeAcknowledged() {
        String id = recordedTrajectory();
        Document last = commit(id, 5);
        long head = commits().find().sort(new Document("_id", -1)).first().getLong("_id");
        Document junkEvent = new Document(event(last)).append("id", java.util.UUID.randomUUID().toString())
                .append("seq", 0L);
        commits().insertOne(new Document("_id", head + 1).append("key", "junk#0").append("agg", "junk")
                .append("type", "TrajectoryAggregate").append("first", 0L).append("last", 0L)
                .append("at", last.getLong("at")).append("events", List.of(junkEvent)));
        ordinaryStep(id);

        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(30)).untilAsserted(() -> assertThat(
                auditor.get("/api/audit/breaks").json().findValuesAsText("trajectoryId")).contains("junk"));
        RunningTracker.Response acknowledged = tracker.asAdmin().post("/api/admin/audit/breaks/junk/acknowledgement",
                "{\"reason\": \"Inserted by hand in a test of the database; no trajectory of ours\"}");

        assertThat(acknowledged.status()).as(acknowledged.body()).isEqualTo(200);
        assertThat(tracker.asAdmin().post("/api/admin/audit/breaks/no-such-break/acknowledgement",
                "{\"reason\": \"x\"}").status()).isEqualTo(404);
    }

    /**
     * Audit documents in forms the service never writes (a break of an unknown kind, the adoption record's number as
     * text, a log entry's position as a 32-bit integer) each kept the service from starting; the restart of the next
     * test starts with them.
     */
    @Test
    @Order(10)
    void auditDocumentsInFormsTheServiceNeverWrites_doNotKeepItFromStarting() {
        var database = administrator.getDatabase("tracker");
        database.getCollection("audit_breaks").insertOne(new Document("_id", "ffffffff-0000-4000-8000-000000000001")
                .append("kind", "BOGUS").append("sequence", "1").append("reportedAt", 12));
        database.getCollection("audit_log_meta").updateOne(eq("_id", "adoption"),
                new Document("$set", new Document("adoptedUpTo", "0")));
        MongoCollection<Document> entries = database.getCollection("audit_log");
        Document entry = entries.find().sort(new Document("_id", 1)).first();
        entries.deleteOne(eq("_id", entry.get("_id")));
        entries.insertOne(new Document(entry).append("_id", Math.toIntExact(((Number) entry.get("_id")).longValue())));
    }

    @Test
    @Order(11)
    void everyTampering_isStillFound_afterARestart_andTheUntouchedTrajectoryStillVerifies() throws Exception {
        assertVerifies(untouched, "before the restart");
        RunningTracker.Client auditorBefore = auditor;
        tracker.close();
        tracker = RunningTracker.start(data);
        auditor = tracker.as(auditorBefore.token());
        negotiator = tracker.as(negotiator.token());
        administrator.close();
        administrator = MongoClients.create(tracker.bean(EmbeddedMongo.class).connectionString("tracker"));

        for (Map.Entry<String, Expected> found : tampered.entrySet()) {
            assertFlagged(found.getKey(), found.getValue(), "after a restart");
        }
        assertVerifies(untouched, "after a restart");
        JsonNode health = tracker.asAdmin().get("/actuator/health").json();
        assertThat(health.at("/components/audit/status").asText()).as(health.toString())
                .isEqualTo("DEGRADED");
        assertThat(health.at("/components/audit/details/log").isMissingNode()).isTrue();
        assertThat(health.get("status").asText()).isEqualTo("DEGRADED");
    }

    @Test
    @Order(12)
    void aBundleTamperedAsAFile_failsTheOfflineCommand() throws Exception {
        Path bundle = export(auditor, untouched, "to-tamper");
        ObjectNode json = (ObjectNode) JSON.readTree(bundle.toFile());
        ObjectNode event = (ObjectNode) json.at("/commits/2/events/0");
        event.put("payload", event.get("payload").asText().replace("Predictable", "Unpredictable"));
        Path changed = files.resolve("changed.json");
        JSON.writeValue(changed.toFile(), json);
        ObjectNode shortened = (ObjectNode) JSON.readTree(bundle.toFile());
        ((ArrayNode) shortened.get("commits")).remove(5);
        Path cut = files.resolve("cut.json");
        JSON.writeValue(cut.toFile(), shortened);
        ObjectNode unlogged = (ObjectNode) JSON.readTree(bundle.toFile());
        ((ArrayNode) unlogged.get("log")).removeAll();
        unlogged.putNull("treeHead");
        Path bare = files.resolve("bare.json");
        JSON.writeValue(bare.toFile(), unlogged);
        Files.writeString(files.resolve("garbage.json"), "{\"format\": 7");

        assertThat(verifyOffline(changed).output()).contains("PAYLOAD_CHANGED").contains("at sequence 2");
        assertThat(verifyOffline(changed).exitCode()).isEqualTo(OfflineVerifier.BROKEN);
        assertThat(verifyOffline(cut).output()).contains("TAIL_TRUNCATED");
        assertThat(verifyOffline(bare).exitCode()).as(verifyOffline(bare).output())
                .isEqualTo(OfflineVerifier.INCOMPLETE);
        assertThat(verifyOffline(files.resolve("garbage.json")).exitCode()).isEqualTo(OfflineVerifier.UNREADABLE);
    }

    /** Runs the application's main entry with --verify-bundle in a JVM of its own, as {@code java -jar} would. */
    private static int runJar(Path bundle) throws Exception {
        Process process = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), TrajectoryTrackerApplication.class.getName(),
                OfflineVerifier.BUNDLE_OPTION + bundle)
                .redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(output).doesNotContain("Tomcat").doesNotContain("MongoServer");
        return process.exitValue();
    }
}
