package nl.trajectorytracker.infra.audit;

import static com.mongodb.client.model.Filters.eq;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
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
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Updates;

import nl.trajectorytracker.infra.RunningTracker;
import nl.trajectorytracker.infra.TrajectoryTrackerApplication;
import nl.trajectorytracker.infra.audit.verification.AuditBundle;
import nl.trajectorytracker.infra.audit.verification.Checkpoint;
import nl.trajectorytracker.infra.audit.verification.OfflineVerifier;
import nl.trajectorytracker.infra.audit.verification.Signatures;

/**
 * Tamper evidence end to end: trajectories recorded over HTTP, then the stored MongoDB documents changed behind the
 * application's back in each of the five ways. Verification finds and locates every one through
 * {@code GET /verify} and through the offline command on an exported bundle. Erasure leaves the chain valid.
 * The erasure test runs first: it rebuilds the read models, which would otherwise wait at the deleted commits.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class TamperEvidenceTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path data;

    @TempDir
    static Path files;

    private static RunningTracker tracker;
    private static RunningTracker.Client auditor;

    @BeforeAll
    static void start() {
        tracker = RunningTracker.start(data);
        auditor = tracker.createAuditor("audrey-auditor");
    }

    @AfterAll
    static void stop() {
        tracker.close();
    }

    // ---------------------------------------------------------------- recording and tampering

    private static final String[] STEPS = {
        "strategic-goals", """
            {"goalId": "G1",
             "goal": "Move from yearly volume deals to a multi-year agreement on value for patients",
             "challenge": "Waiting lists for orthopaedics grow while premiums must stay affordable"}
            """,
        "internal-interests", """
            {"interest": "Predictable costs for the orthopaedic purchasing budget", "heldBy": "Finance department"}
            """,
        "relevant-developments", """
            {"development": "The IZA asks for appropriate care and regional cooperation",
             "impact": "Supports a multi-year regional agreement"}
            """,
        "batna", """
            {"batna": "Contract the orthopaedic volume with two other hospitals in the region",
             "why": "Both have capacity and comparable outcomes"}
            """,
        "batna-revisions", """
            {"batna": "A one-year volume contract at last year's prices",
             "why": "One of the alternative hospitals no longer has capacity"}
            """};

    /** A trajectory of the default negotiator with five steps after the start, its checkpoint signed. */
    private static String recordedTrajectory(RunningTracker.Client negotiator) {
        RunningTracker.Response created = negotiator.post("/api/trajectories", """
                {"title": "Zilveren Kruis and Ziekenhuis Amstelland: from one year to five years",
                 "parties": [{"organisationName": "Zilveren Kruis", "type": "INSURER"},
                             {"organisationName": "Ziekenhuis Amstelland", "type": "CARE_PROVIDER"}]}
                """);
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        String id = created.json().get("id").asText();
        for (int i = 0; i < STEPS.length; i += 2) {
            RunningTracker.Response step = negotiator.post("/api/trajectories/" + id + "/" + STEPS[i], STEPS[i + 1]);
            assertThat(step.status()).as(STEPS[i] + ": " + step.body()).isEqualTo(200);
        }
        tracker.bean(Checkpointer.class).flush();
        return id;
    }

    private static String recordedTrajectory() {
        return recordedTrajectory(tracker.negotiator());
    }

    private static MongoCollection<Document> commits() {
        return tracker.context().getBean("trackerDatabase", MongoDatabase.class).getCollection("event_commits");
    }

    private static List<Document> commitsOf(String id) {
        return commits().find(eq("agg", id)).sort(new Document("_id", 1)).into(new ArrayList<>());
    }

    private static JsonNode verify(String id) {
        RunningTracker.Response response = auditor.get("/api/trajectories/" + id + "/verify");
        assertThat(response.status()).as(response.body()).isEqualTo(200);
        return response.json();
    }

    private static Path export(String id, String name) throws Exception {
        RunningTracker.Response response = auditor.get("/api/trajectories/" + id + "/export");
        assertThat(response.status()).as(response.body()).isEqualTo(200);
        Path file = files.resolve(name + ".json");
        Files.writeString(file, response.body());
        return file;
    }

    private record Offline(int exitCode, String output) {
    }

    private static Offline verifyOffline(Path bundle, String... more) {
        ByteArrayOutputStream output = new ByteArrayOutputStream();
        List<String> args = new ArrayList<>(List.of(OfflineVerifier.BUNDLE_OPTION + bundle));
        args.addAll(List.of(more));
        int exit = OfflineVerifier.run(args.toArray(String[]::new),
                new PrintStream(output, true, StandardCharsets.UTF_8));
        return new Offline(exit, output.toString(StandardCharsets.UTF_8));
    }

    private static void assertBroken(String id, String kind, long sequence, Long globalPosition) throws Exception {
        JsonNode verification = verify(id);
        assertThat(verification.get("status").asText()).as(verification.toString()).isEqualTo("BROKEN");
        assertThat(verification.at("/firstBreak/kind").asText()).as(verification.toString()).isEqualTo(kind);
        assertThat(verification.at("/firstBreak/sequence").asLong()).as(verification.toString()).isEqualTo(sequence);
        if (globalPosition != null) {
            assertThat(verification.at("/firstBreak/globalPosition").asLong()).isEqualTo(globalPosition);
        }
        Offline offline = verifyOffline(export(id, kind));
        assertThat(offline.exitCode()).as(offline.output()).isEqualTo(1);
        assertThat(offline.output()).contains("BROKEN").contains("at sequence " + sequence).contains(kind);
    }

    private static long position(Document commit, int index) {
        return commit.getLong("_id") * 1024 + index;
    }

    // ---------------------------------------------------------------- tests

    @Test
    @Order(1)
    void erasingAPerson_leavesTheChainValid() {
        RunningTracker.Client erin = tracker.createNegotiator("erin-erasable-audit", "Zilveren Kruis");
        String id = recordedTrajectory(erin);
        JsonNode before = verify(id);
        assertThat(before.get("status").asText()).as(before.toString()).isEqualTo("OK");

        RunningTracker.Response erased = tracker.asAdmin().post("/api/admin/erasures",
                "{\"person\": \"erin-erasable-audit\"}");

        assertThat(erased.status()).isEqualTo(200);
        JsonNode after = verify(id);
        assertThat(after.get("status").asText()).as(after.toString()).isEqualTo("OK");
        assertThat(after.get("headHash")).isEqualTo(before.get("headHash"));
        JsonNode history = auditor.get("/api/trajectories/" + id + "/history").json();
        assertThat(history.at("/events/0/actor/principal").asText()).isEqualTo("[erased]");
    }

    @Test
    @Order(2)
    void anUntouchedTrajectory_verifies_againstItsSignedCheckpoint_online_andOffline() throws Exception {
        String id = recordedTrajectory();

        JsonNode verification = verify(id);

        assertThat(verification.get("status").asText()).as(verification.toString()).isEqualTo("OK");
        assertThat(verification.get("headSequence").asLong()).isEqualTo(5);
        assertThat(verification.at("/checkpoint/lastSequence").asLong()).isEqualTo(5);
        assertThat(verification.get("checkpointKey").asText()).isEqualTo("VALID");
        Path bundle = export(id, "untouched");
        Path key = files.resolve("public-key.pem");
        RunningTracker.Response publicKey = tracker.createResearcher("rita", List.of()).get("/api/audit/public-key");
        assertThat(publicKey.status()).isEqualTo(200);
        Files.writeString(key, publicKey.body());
        Offline offline = verifyOffline(bundle, OfflineVerifier.KEY_OPTION + key);
        assertThat(offline.exitCode()).as(offline.output()).isZero();
        assertThat(offline.output()).startsWith("OK").contains("signature valid");
        Checkpoint checkpoint = AuditBundle.read(bundle).checkpoint();
        assertThat(checkpoint.signatureValid(Signatures.publicKey(publicKey.body()))).isTrue();
    }

    @Test
    @Order(3)
    void aChangedPayload_isCaught() throws Exception {
        String id = recordedTrajectory();
        Document commit = commitsOf(id).get(3);
        String payload = commit.getList("events", Document.class).get(0).getString("payload");
        assertThat(payload).contains("IZA");

        commits().updateOne(eq("_id", commit.getLong("_id")),
                Updates.set("events.0.payload", payload.replace("IZA", "board")));

        assertBroken(id, "PAYLOAD_CHANGED", 3, position(commit, 0));
    }

    @Test
    @Order(4)
    void aMissingEvent_isCaught() throws Exception {
        String id = recordedTrajectory();
        Document commit = commitsOf(id).get(3);

        commits().deleteOne(eq("_id", commit.getLong("_id")));

        assertBroken(id, "EVENT_MISSING", 3, position(commitsOf(id).get(3), 0));
    }

    @Test
    @Order(5)
    void aChangedOrder_isCaught() throws Exception {
        String id = recordedTrajectory();
        Document second = commitsOf(id).get(2);
        Document third = commitsOf(id).get(3);
        long secondPosition = second.getLong("_id");
        long thirdPosition = third.getLong("_id");

        commits().deleteOne(eq("_id", secondPosition));
        commits().deleteOne(eq("_id", thirdPosition));
        commits().insertOne(third.append("_id", secondPosition));
        commits().insertOne(second.append("_id", thirdPosition));

        assertBroken(id, "ORDER_CHANGED", 3, secondPosition * 1024);
    }

    @Test
    @Order(6)
    void aTruncatedTail_isCaught() throws Exception {
        String id = recordedTrajectory();
        List<Document> stored = commitsOf(id);

        commits().deleteOne(eq("_id", stored.get(stored.size() - 1).getLong("_id")));

        assertBroken(id, "TAIL_TRUNCATED", 5, null);
        RunningTracker.Response run = tracker.asAdmin().post("/api/admin/audit/checkpoints", "{}");
        assertThat(run.status()).as(run.body()).isEqualTo(200);
        assertThat(run.body()).as("a broken trajectory is not signed again").contains(id);
        assertBroken(id, "TAIL_TRUNCATED", 5, null);
    }

    @Test
    @Order(7)
    void aForgedEvent_isCaught() throws Exception {
        String id = recordedTrajectory();
        List<Document> stored = commitsOf(id);
        Document last = stored.get(stored.size() - 1);
        Document lastEvent = last.getList("events", Document.class).get(0);
        long head = commits().find().sort(new Document("_id", -1)).first().getLong("_id");
        Document forgedEvent = new Document(lastEvent)
                .append("id", "forged-" + id)
                .append("seq", 6L)
                .append("payload", lastEvent.getString("payload").replace("last year's prices", "any price"))
                .append("prev", lastEvent.getString("hash"))
                .append("hash", "ab".repeat(32));
        Document forged = new Document("_id", head + 1).append("key", id + "#6").append("agg", id)
                .append("type", last.getString("type")).append("first", 6L).append("last", 6L)
                .append("at", last.getLong("at")).append("events", List.of(forgedEvent));

        commits().insertOne(forged);

        assertBroken(id, "FORGED_EVENT", 6, (head + 1) * 1024);
    }

    @Test
    @Order(8)
    void anExportedBundle_tamperedAsAFile_failsTheOfflineCommand_ofTheApplicationJar() throws Exception {
        String id = recordedTrajectory();
        Path bundle = export(id, "to-tamper");
        ObjectNode json = (ObjectNode) JSON.readTree(bundle.toFile());
        ObjectNode event = (ObjectNode) json.at("/commits/2/events/0");
        event.put("payload", event.get("payload").asText().replace("Predictable", "Unpredictable"));
        Path tampered = files.resolve("tampered.json");
        JSON.writeValue(tampered.toFile(), json);
        ObjectNode truncated = (ObjectNode) JSON.readTree(bundle.toFile());
        ((ArrayNode) truncated.get("commits")).remove(5);
        Path shortened = files.resolve("shortened.json");
        JSON.writeValue(shortened.toFile(), truncated);

        assertThat(runJar(bundle)).isZero();
        assertThat(runJar(tampered)).isEqualTo(1);
        assertThat(verifyOffline(tampered).output()).contains("PAYLOAD_CHANGED").contains("at sequence 2");
        Offline offline = verifyOffline(shortened);
        assertThat(offline.exitCode()).isEqualTo(1);
        assertThat(offline.output()).contains("TAIL_TRUNCATED");
    }

    @Test
    @Order(9)
    void theHistory_showsEveryEventInOrder_withItsPlaceInTheChain_pagedBySequence() {
        String id = recordedTrajectory();

        JsonNode history = auditor.get("/api/trajectories/" + id + "/history").json();

        JsonNode events = history.get("events");
        assertThat(events).hasSize(6);
        assertThat(history.get("chain").asText()).startsWith("OK");
        String prev = "0".repeat(64);
        long position = -1;
        for (int i = 0; i < events.size(); i++) {
            JsonNode event = events.get(i);
            assertThat(event.get("sequence").asLong()).isEqualTo(i);
            assertThat(event.get("globalPosition").asLong()).isGreaterThan(position);
            assertThat(event.get("prev").asText()).isEqualTo(prev);
            assertThat(event.get("actor").get("organisation").asText()).isEqualTo("Zilveren Kruis");
            assertThat(event.get("correlationId").asText()).isNotBlank();
            assertThat(event.get("causationId").asText()).isNotBlank();
            assertThat(event.get("occurredAt").asText()).isNotBlank();
            assertThat(event.get("recordedAt").asText()).isNotBlank();
            prev = event.get("hash").asText();
            position = event.get("globalPosition").asLong();
        }
        assertThat(events.get(0).get("type").asText()).isEqualTo("TrajectoryStarted");
        assertThat(events.get(0).at("/payload/title").asText()).contains("Ziekenhuis Amstelland");
        assertThat(events.get(0).at("/actor/principal").asText()).startsWith("negotiator-");
        assertThat(events.get(4).at("/payload/batna").asText()).contains("two other hospitals");
        JsonNode page = auditor.get("/api/trajectories/" + id + "/history?fromSequence=2&limit=3").json();
        assertThat(page.get("events").findValuesAsText("sequence")).containsExactly("2", "3", "4");
        assertThat(page.get("nextFromSequence").asLong()).isEqualTo(5);
        assertThat(auditor.get("/api/trajectories/" + id + "/history?limit=1001").status()).isEqualTo(400);
    }

    @Test
    @Order(10)
    void auditReads_areForAuditorsAndTheOwnOrganisation_only() {
        String id = recordedTrajectory();
        RunningTracker.Client researcher = tracker.createResearcher("rob-researcher", List.of());
        RunningTracker.Client foreign = tracker.createNegotiator("menno", "Menzis");

        for (String read : List.of("verify", "history", "export")) {
            String path = "/api/trajectories/" + id + "/" + read;
            assertThat(auditor.get(path).status()).as(path).isEqualTo(200);
            assertThat(tracker.get(path).status()).as("own organisation " + path).isEqualTo(200);
            assertThat(foreign.get(path).status()).as("foreign " + path).isEqualTo(404);
            assertThat(researcher.get(path).status()).as("researcher " + path).isEqualTo(403);
            assertThat(tracker.asAdmin().get(path).status()).as("admin " + path).isEqualTo(403);
            assertThat(auditor.get("/api/trajectories/" + java.util.UUID.randomUUID() + "/" + read).status())
                    .isEqualTo(404);
        }
        assertThat(auditor.get("/api/admin/audit/access-log").status()).isEqualTo(403);
        assertThat(auditor.post("/api/admin/audit/checkpoints", "{}").status()).isEqualTo(403);
        assertThat(tracker.anonymous().get("/api/audit/public-key").status()).isEqualTo(401);
    }

    @Test
    @Order(11)
    void everyAuditRead_isLogged_forAdministrators() {
        String id = recordedTrajectory();
        RunningTracker.Client watcher = tracker.createAuditor("walter-watcher");

        watcher.get("/api/trajectories/" + id + "/history?limit=2");
        watcher.getEventually("/api/trajectories/" + id, 200);
        tracker.get("/api/trajectories/" + id + "/verify");

        RunningTracker.Response log = tracker.asAdmin().get("/api/admin/audit/access-log?size=200");
        assertThat(log.status()).as(log.body()).isEqualTo(200);
        List<String> lines = new ArrayList<>();
        log.json().get("entries").forEach(entry -> lines.add(entry.get("who").asText() + " "
                + entry.get("action").asText() + " " + entry.get("trajectoryId").asText() + " "
                + entry.get("status").asInt()));
        assertThat(lines).contains("walter-watcher history " + id + " 200", "walter-watcher read " + id + " 200",
                tracker.negotiator() == null ? "" : lines.stream()
                        .filter(line -> line.endsWith("verify " + id + " 200")).findFirst().orElse("missing"));
        assertThat(log.json().at("/entries/0/at").asText()).isNotBlank();
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
