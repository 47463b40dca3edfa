package nl.trajectorytracker.infra.audit;

import static com.mongodb.client.model.Filters.eq;
import static com.mongodb.client.model.Filters.gt;
import static com.mongodb.client.model.Filters.in;
import static nl.trajectorytracker.infra.audit.RecordedTrajectories.asDatabaseAdministrator;
import static nl.trajectorytracker.infra.audit.RecordedTrajectories.verifyOffline;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Updates;

import nl.trajectorytracker.infra.RunningTracker;
import nl.trajectorytracker.infra.audit.verification.MerkleTree;
import nl.trajectorytracker.infra.audit.verification.OfflineVerifier;
import nl.trajectorytracker.infra.mongo.EmbeddedMongo;

/**
 * The audit log itself tampered with through a plain MongoDB client: an entry rewritten, a trajectory deleted with
 * its log entries, and a rollback (the last commits, their log entries and the newer tree heads deleted, as if an
 * older backup were put back). The witness file outside the database and the tree heads an auditor kept expose each
 * one, before and after a restart; a trajectory recorded before the tampering still verifies. An entry written ahead
 * of the log, for a commit not yet taken in, is reported on its trajectory and in the log's health.
 */
class LogTamperingTest {

    @TempDir
    Path data;

    @TempDir
    Path files;

    @Test
    void theLogRewrittenBehindTheServicesBack_contradictsTheWitness_andTheTreeHeadsAnAuditorKept() throws Exception {
        RunningTracker tracker = RunningTracker.start(data);
        Path keptHead;
        JsonNode earlier;
        String untouched;
        String rewritten;
        String deleted;
        String rolledBack;
        RunningTracker.Client auditor = tracker.createAuditor("audrey-auditor");
        RunningTracker.Client negotiator = tracker.negotiator();
        try {
            untouched = recorded(tracker, negotiator);
            keptHead = files.resolve("kept-tree-head.json");
            earlier = negotiator.get("/api/audit/tree-head").json();
            Files.writeString(keptHead, earlier.toString());
            rewritten = recorded(tracker, negotiator);
            deleted = recorded(tracker, negotiator);
            rolledBack = recorded(tracker, negotiator);

            JsonNode later = negotiator.get("/api/audit/tree-head").json();
            Files.writeString(files.resolve("latest-tree-head.json"), later.toString());
            JsonNode consistency = negotiator.get("/api/audit/consistency?from=" + earlier.get("treeSize").asLong())
                    .json();
            assertThat(MerkleTree.verifyConsistency(earlier.get("treeSize").asLong(), later.get("treeSize").asLong(),
                    hex(earlier.get("rootHash").asText()), hex(later.get("rootHash").asText()),
                    hashes(consistency.get("proof")))).as("the log only grew").isTrue();

            try (MongoClient administrator = MongoClients.create(
                    tracker.bean(EmbeddedMongo.class).connectionString("tracker"))) {
                MongoDatabase database = administrator.getDatabase("tracker");
                // an entry of the log rewritten (its commit left as it was)
                Document entry = database.getCollection("audit_log").find(eq("trajectoryId", rewritten)).first();
                database.getCollection("audit_log").updateOne(eq("_id", entry.get("_id")),
                        Updates.set("verdict", "ADOPTED"));
                // a whole trajectory deleted, its log entries with it
                database.getCollection("event_commits").deleteMany(eq("agg", deleted));
                database.getCollection("audit_log").deleteMany(eq("trajectoryId", deleted));
                // a rollback: the last two commits, their entries and every tree head after them
                List<Document> tail = database.getCollection("event_commits").find(eq("agg", rolledBack))
                        .sort(new Document("_id", -1)).limit(2).into(new ArrayList<>());
                long cut = tail.get(1).getLong("_id");
                database.getCollection("event_commits").deleteMany(in("_id", tail.stream()
                        .map(commit -> commit.get("_id")).toList()));
                database.getCollection("audit_log").deleteMany(gt("_id", cut - 2));
                database.getCollection("audit_tree_heads").deleteMany(gt("_id", cut - 1));
            }

            assertVerdict(auditor, untouched, "OK", null, null);
            assertVerdict(auditor, rewritten, "OK", null, null);
            assertVerdict(auditor, deleted, "BROKEN", "TAIL_TRUNCATED", 0L);
            assertVerdict(auditor, rolledBack, "BROKEN", "TAIL_TRUNCATED", 4L);
        } finally {
            tracker.close();
        }

        try (RunningTracker restarted = RunningTracker.start(data)) {
            RunningTracker.Client auditorAgain = restarted.as(auditor.token());

            assertVerdict(auditorAgain, untouched, "OK", null, null);
            assertVerdict(auditorAgain, rewritten, "BROKEN", "LOG_INCONSISTENT", null);
            assertVerdict(auditorAgain, deleted, "BROKEN", "TAIL_TRUNCATED", 0L);
            assertVerdict(auditorAgain, rolledBack, "BROKEN", "TAIL_TRUNCATED", 4L);
            JsonNode health = restarted.asAdmin().get("/actuator/health").json();
            assertThat(health.at("/components/audit/details/log").asText()).as(health.toString())
                    .contains("differs from the tree head witnessed");

            long kept = earlier.get("treeSize").asLong();
            Path bundle = files.resolve("untouched.json");
            Files.writeString(bundle, auditorAgain.get("/api/trajectories/" + untouched + "/export?consistencyFrom="
                    + kept).body());
            RecordedTrajectories.Offline fromEarlier = verifyOffline(bundle,
                    OfflineVerifier.TRUSTED_HEAD_OPTION + keptHead);
            assertThat(fromEarlier.exitCode()).as("before the tampering: " + fromEarlier.output())
                    .isEqualTo(OfflineVerifier.VERIFIED);
            RecordedTrajectories.Offline fromLater = verifyOffline(bundle,
                    OfflineVerifier.TRUSTED_HEAD_OPTION + files.resolve("latest-tree-head.json"));
            assertThat(fromLater.exitCode()).as("the rollback: " + fromLater.output())
                    .isEqualTo(OfflineVerifier.BROKEN);
            assertThat(fromLater.output()).contains("LOG_INCONSISTENT").contains("rolled back");

            // the frozen log signs no tree head that covers them: the bundles alone could only say UNVERIFIED
            for (String broken : List.of(rewritten, rolledBack)) {
                Path exported = files.resolve(broken + ".json");
                Files.writeString(exported, auditorAgain.get("/api/trajectories/" + broken + "/export").body());
                RecordedTrajectories.Offline offline = verifyOffline(exported);
                assertThat(offline.exitCode()).as(offline.output()).isEqualTo(OfflineVerifier.BROKEN);
                assertThat(offline.output()).contains("reported by the service");
            }
        }
    }

    @Test
    void anEntryStoredAheadOfTheLog_isKept_butReportedOnItsTrajectoryAndInTheLogsHealth() {
        try (RunningTracker tracker = RunningTracker.start(data)) {
            RunningTracker.Client auditor = tracker.createAuditor("audrey-auditor");
            RunningTracker.Client negotiator = tracker.negotiator();
            String id = recorded(tracker, negotiator);
            long size = negotiator.get("/api/audit/tree-head").json().get("treeSize").asLong();
            // the entry of the next commit, written before the commit exists, vouching for other events
            asDatabaseAdministrator(tracker, database -> database.getCollection("audit_log").insertOne(
                    new Document("_id", size).append("position", size + 1).append("key", id + "#6")
                            .append("trajectoryId", id).append("first", 6L).append("last", 6L)
                            .append("eventIds", List.of("chosen-by-the-dba")).append("lastHash", "0".repeat(64))
                            .append("signature", null).append("verdict", "OK").append("reason", null)));
            RunningTracker.Response note = negotiator.post("/api/trajectories/" + id + "/notes",
                    "{\"text\": \"Meeting 6 held\"}");
            assertThat(note.status()).as(note.body()).isEqualTo(200);
            RecordedTrajectories.checkpoint(tracker);

            assertVerdict(auditor, id, "BROKEN", null, 6L);
            JsonNode health = tracker.asAdmin().get("/actuator/health").json();
            assertThat(health.at("/components/audit/details/log").asText()).as(health.toString())
                    .contains("entry " + size + " of the audit log was stored before this instance took the commit");

            // one more written ahead, naming another position than its own: the log goes on taking commits in
            asDatabaseAdministrator(tracker, database -> database.getCollection("audit_log").insertOne(
                    new Document("_id", size + 1).append("position", 1L).append("verdict", "OK")));
            RunningTracker.Response another = negotiator.post("/api/trajectories/" + id + "/notes",
                    "{\"text\": \"Meeting 7 held\"}");
            assertThat(another.status()).as(another.body()).isEqualTo(200);
            RecordedTrajectories.checkpoint(tracker);
            assertThat(negotiator.get("/api/audit/tree-head").json().get("treeSize").asLong()).isEqualTo(size + 2);
        }
    }

    private static String recorded(RunningTracker tracker, RunningTracker.Client negotiator) {
        RunningTracker.Response created = negotiator.post("/api/trajectories", """
                {"title": "Zorgkantoor Utrecht and Zorggroep Eemland",
                 "parties": [{"organisationName": "Zilveren Kruis", "type": "CARE_OFFICE"},
                             {"organisationName": "Zorggroep Eemland", "type": "CARE_PROVIDER"}]}
                """);
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        String id = created.json().get("id").asText();
        for (int i = 0; i < 5; i++) {
            RunningTracker.Response note = negotiator.post("/api/trajectories/" + id + "/notes",
                    "{\"text\": \"Meeting " + i + " held\"}");
            assertThat(note.status()).as(note.body()).isEqualTo(200);
        }
        RunningTracker.Response run = tracker.asAdmin().post("/api/admin/audit/checkpoints", "{}");
        assertThat(run.status()).as(run.body()).isEqualTo(200);
        return id;
    }

    private static void assertVerdict(RunningTracker.Client auditor, String id, String status, String kind,
            Long sequence) {
        RunningTracker.Response response = auditor.get("/api/trajectories/" + id + "/verify");
        assertThat(response.status()).as(response.body()).isEqualTo(200);
        JsonNode verification = response.json();
        assertThat(verification.get("status").asText()).as(verification.toString()).isEqualTo(status);
        if (kind != null) {
            assertThat(verification.at("/firstBreak/kind").asText()).as(verification.toString()).isEqualTo(kind);
        }
        if (sequence != null) {
            assertThat(verification.at("/firstBreak/sequence").asLong()).as(verification.toString())
                    .isEqualTo(sequence);
        }
    }

    private static byte[] hex(String text) {
        return HexFormat.of().parseHex(text);
    }

    private static List<byte[]> hashes(JsonNode array) {
        List<byte[]> hashes = new ArrayList<>();
        array.forEach(hash -> hashes.add(hex(hash.asText())));
        return hashes;
    }
}
