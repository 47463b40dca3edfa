package nl.trajectorytracker.infra.idempotency;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.UUID;

import org.bson.Document;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.data.mongodb.core.MongoOperations;

import com.mongodb.client.model.Filters;

import nl.trajectorytracker.command.rest.IdempotencyStore;
import nl.trajectorytracker.infra.RunningTracker;

/**
 * The {@code Idempotency-Key} header as the IETF draft has it, through the HTTP API: the key's fingerprint covers
 * method, path and the canonical body; the same request again (in any layout) is answered as the first time, with
 * one effect; the same key for another body or path is 422; and the commit a keyed request caused names the key, so
 * a key causes at most one commit.
 */
class IdempotencyKeyTest {

    @TempDir
    static Path data;

    private static RunningTracker tracker;

    @BeforeAll
    static void start() {
        tracker = RunningTracker.start(data);
    }

    @AfterAll
    static void stop() {
        tracker.close();
    }

    private static final String INSURER_AND_HOSPITAL = """
            {"title": "Zilveren Kruis and Ziekenhuis Amstelland",
             "parties": [{"organisationName": "Zilveren Kruis", "type": "INSURER"},
                         {"organisationName": "Ziekenhuis Amstelland", "type": "CARE_PROVIDER"}]}
            """;

    private static String trajectory() {
        return tracker.post("/api/trajectories", INSURER_AND_HOSPITAL).json().get("id").asText();
    }

    private static MongoOperations mongo() {
        return tracker.bean(MongoOperations.class);
    }

    private static long commitsOf(String trajectory) {
        return mongo().getCollection("event_commits").countDocuments(Filters.eq("agg", trajectory));
    }

    /**
     * The stored outcomes only spare a look-up; the commit that names the key is the authority. An outcome changed in
     * the database answered 201 with a version that never was; one put under another principal's key answered that
     * principal's first request as done, and its step was never recorded.
     */
    @Test
    void aStoredOutcomeChangedInTheDatabase_isJudgedByTheCommit_andOneWithoutACommitIsForgotten() {
        String id = trajectory();
        String key = "note-" + UUID.randomUUID();
        String note = "{\"text\": \"Met the board\"}";
        RunningTracker.Response first = tracker.post("/api/trajectories/" + id + "/notes", note, "Idempotency-Key", key);
        assertThat(first.status()).as(first.body()).isEqualTo(200);
        String principal = tracker.get("/api/me").json().get("name").asText();
        var outcomes = mongo().getCollection("idempotency_outcomes");
        outcomes.updateOne(Filters.eq("_id", principal + ":" + key), new org.bson.Document("$set",
                new org.bson.Document("status", 201).append("version", 999L).append("location", "/api/trajectories/x")));

        RunningTracker.Response again = tracker.post("/api/trajectories/" + id + "/notes", note, "Idempotency-Key", key);

        assertThat(again.status()).isEqualTo(200);
        assertThat(again.header("ETag")).isEqualTo(first.header("ETag"));
        assertThat(again.header("Location")).isNull();

        RunningTracker.Client other = tracker.createNegotiator("other-" + UUID.randomUUID(), "Zilveren Kruis");
        String otherName = other.get("/api/me").json().get("name").asText();
        org.bson.Document copied = outcomes.find(Filters.eq("_id", principal + ":" + key)).first();
        copied.put("_id", otherName + ":" + key);
        copied.put("principal", otherName);
        outcomes.insertOne(copied);
        long before = commitsOf(id);

        RunningTracker.Response theirs = other.post("/api/trajectories/" + id + "/notes", note, "Idempotency-Key", key);

        assertThat(theirs.status()).as(theirs.body()).isEqualTo(200);
        assertThat(theirs.header("Idempotent-Replayed")).isNull();
        assertThat(commitsOf(id)).isEqualTo(before + 1);
    }

    @Test
    void theSameRequestAgain_inAnotherLayout_isAnsweredAsTheFirst_withOneEffect() {
        String id = trajectory();
        String key = "note-" + UUID.randomUUID();

        RunningTracker.Response first = tracker.post("/api/trajectories/" + id + "/pitfalls",
                "{\"aboutPhase\": \"INTERNAL_PREPARATION\", \"pitfall\": \"Too little time\", \"tag\": \"planning\"}",
                "Idempotency-Key", key);
        RunningTracker.Response again = tracker.post("/api/trajectories/" + id + "/pitfalls", """
                {
                  "tag" : "planning",
                  "pitfall" : "Too little time",
                  "aboutPhase" : "INTERNAL_PREPARATION"
                }
                """, "Idempotency-Key", key);

        assertThat(first.status()).as(first.body()).isEqualTo(200);
        assertThat(again.status()).isEqualTo(200);
        assertThat(again.json()).isEqualTo(first.json());
        assertThat(again.header("ETag")).isEqualTo(first.header("ETag"));
        assertThat(again.header("Idempotent-Replayed")).isEqualTo("true");
        assertThat(commitsOf(id)).isEqualTo(2);
    }

    @Test
    void theSameKey_withAnotherBody_is422_andRecordsNothing() {
        String id = trajectory();
        String key = "note-" + UUID.randomUUID();
        assertThat(tracker.post("/api/trajectories/" + id + "/notes", "{\"text\": \"The first note\"}",
                "Idempotency-Key", key).status()).isEqualTo(200);

        RunningTracker.Response otherBody = tracker.post("/api/trajectories/" + id + "/notes",
                "{\"text\": \"Another note\"}", "Idempotency-Key", key);
        RunningTracker.Response otherPath = tracker.post("/api/trajectories/" + id + "/pitfalls",
                "{\"aboutPhase\": \"INTERNAL_PREPARATION\", \"pitfall\": \"Reusing keys\"}", "Idempotency-Key", key);

        for (RunningTracker.Response refused : List.of(otherBody, otherPath)) {
            assertThat(refused.status()).as(refused.body()).isEqualTo(422);
            assertThat(refused.header("Content-Type")).startsWith("application/problem+json");
            assertThat(refused.json().get("type").asText())
                    .isEqualTo("urn:trajectory-tracker:error:idempotency-key-reused");
            assertThat(refused.header("Idempotent-Replayed")).isNull();
        }
        assertThat(commitsOf(id)).isEqualTo(2);
    }

    @Test
    void aKeyIsPerPrincipal() {
        String id = trajectory();
        String key = "shared-" + UUID.randomUUID();
        RunningTracker.Client colleague = tracker.createNegotiator("colleague-" + UUID.randomUUID(),
                RunningTracker.DEFAULT_ORGANISATION);

        assertThat(tracker.post("/api/trajectories/" + id + "/notes", "{\"text\": \"Mine\"}", "Idempotency-Key", key)
                .header("Idempotent-Replayed")).isNull();
        RunningTracker.Response theirs = colleague.post("/api/trajectories/" + id + "/notes",
                "{\"text\": \"Theirs\"}", "Idempotency-Key", key);

        assertThat(theirs.status()).isEqualTo(200);
        assertThat(theirs.header("Idempotent-Replayed")).isNull();
        assertThat(commitsOf(id)).isEqualTo(3);
    }

    @Test
    void theCommit_namesTheKeysHash_andTheFingerprint_neverTheKeyItself() {
        String id = trajectory();
        String key = "secret-key-" + UUID.randomUUID();
        RunningTracker.Response recorded = tracker.post("/api/trajectories/" + id + "/notes",
                "{\"text\": \"Noted\"}", "Idempotency-Key", key);
        assertThat(recorded.status()).isEqualTo(200);

        Document commit = mongo().getCollection("event_commits")
                .find(Filters.and(Filters.eq("agg", id), Filters.eq("first", 1L))).first();

        assertThat(commit).isNotNull();
        assertThat(commit.getString("idem")).hasSize(64).doesNotContain(key);
        assertThat(commit.getString("idemFp")).hasSize(64);
        assertThat(commit.toJson()).doesNotContain(key);
        IdempotencyStore store = tracker.bean(IdempotencyStore.class);
        String principal = mongo().getCollection("idempotency_outcomes").find(Filters.regex("_id", ":" + key + "$"))
                .first().getString("principal");
        assertThat(store.committed(IdempotencyStore.keyId(principal, key))).hasValueSatisfying(outcome -> {
            assertThat(outcome.trajectoryId()).isEqualTo(id);
            assertThat(outcome.version()).isEqualTo(1);
            assertThat(outcome.status()).isEqualTo(200);
        });
    }

    @Test
    void aStartWithAKey_isFoundByItsCommit_as201WithItsLocation() {
        String key = "start-" + UUID.randomUUID();
        RunningTracker.Response first = tracker.post("/api/trajectories", INSURER_AND_HOSPITAL, "Idempotency-Key", key);
        assertThat(first.status()).isEqualTo(201);
        String principal = mongo().getCollection("idempotency_outcomes").find(Filters.regex("_id", ":" + key + "$"))
                .first().getString("principal");
        // the stored outcome lost, as a crash after the commit would lose it: the commit still answers
        mongo().getCollection("idempotency_outcomes").deleteMany(Filters.regex("_id", ":" + key + "$"));

        RunningTracker.Response again = tracker.post("/api/trajectories", INSURER_AND_HOSPITAL, "Idempotency-Key", key);

        assertThat(again.status()).isEqualTo(201);
        assertThat(again.header("Idempotent-Replayed")).isEqualTo("true");
        assertThat(again.header("Location")).isEqualTo(first.header("Location"));
        assertThat(again.json().get("id").asText()).isEqualTo(first.json().get("id").asText());
        assertThat(mongo().getCollection("event_commits").countDocuments(Filters.eq("idem",
                IdempotencyStore.keyId(principal, key)))).isEqualTo(1);
    }
}
