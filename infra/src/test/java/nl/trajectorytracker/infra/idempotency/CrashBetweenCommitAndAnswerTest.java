package nl.trajectorytracker.infra.idempotency;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;

import org.axonframework.eventsourcing.eventstore.EventStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.data.mongodb.core.MongoOperations;

import com.fasterxml.jackson.databind.JsonNode;
import com.mongodb.client.model.Filters;

import nl.trajectorytracker.infra.HeldTracker;
import nl.trajectorytracker.infra.RunningTracker;

/**
 * A process killed with SIGKILL after a keyed request committed and before its outcome was stored or answered: the
 * retry with the same key finds the commit and answers its outcome, and the step is recorded once, also when the
 * claim of the key is gone (as it is once it expires).
 */
class CrashBetweenCommitAndAnswerTest {

    private static final String KEY = "note-after-a-crash";
    private static final String NOTE = "{\"text\": \"Pieter asked for the 2024 volumes\"}";

    @TempDir
    Path data;

    @Test
    void theRetryAfterTheKill_answersTheCommittedOutcome_andTheStepIsRecordedOnce() throws Exception {
        String token;
        String trajectory;
        CompletableFuture<HttpResponse<String>> lost;
        try (HeldTracker child = HeldTracker.start(data, HeldTracker.Hold.AFTER_COMMIT)) {
            JsonNode account = child.post("/api/admin/accounts", RunningTracker.ADMIN_TOKEN, """
                    {"name": "anna", "role": "NEGOTIATOR", "organisation": "Zilveren Kruis"}""", null);
            token = account.at("/token/token").asText();
            trajectory = child.post("/api/trajectories", token, """
                    {"title": "Zilveren Kruis and Ziekenhuis Amstelland",
                     "parties": [{"organisationName": "Zilveren Kruis", "type": "INSURER"},
                                 {"organisationName": "Ziekenhuis Amstelland", "type": "CARE_PROVIDER"}]}""",
                    null).get("id").asText();
            lost = child.postInBackground("/api/trajectories/" + trajectory + "/notes", token, NOTE,
                    KEY);
            child.killWhenHeld();
        }
        assertThat(lost).failsWithin(Duration.ofSeconds(30));

        try (RunningTracker restarted = RunningTracker.start(data)) {
            RunningTracker.Client anna = restarted.as(token);

            RunningTracker.Response retried = anna.post("/api/trajectories/" + trajectory + "/notes", NOTE,
                    "Idempotency-Key", KEY);

            assertThat(retried.status()).as(retried.body()).isEqualTo(200);
            assertThat(retried.header("Idempotent-Replayed")).isEqualTo("true");
            assertThat(retried.header("ETag")).isEqualTo("\"1\"");
            assertThat(retried.json().get("version").asLong()).isEqualTo(1);

            // the key's claim and stored outcome gone, as an expired claim is: the commit still answers
            MongoOperations mongo = restarted.bean(MongoOperations.class);
            mongo.getCollection("idempotency_keys").deleteMany(Filters.regex("_id", ":" + KEY + "$"));
            mongo.getCollection("idempotency_outcomes").deleteMany(Filters.regex("_id", ":" + KEY + "$"));
            RunningTracker.Response afterExpiry = anna.post("/api/trajectories/" + trajectory + "/notes", NOTE,
                    "Idempotency-Key", KEY);
            RunningTracker.Response otherBody = anna.post("/api/trajectories/" + trajectory + "/notes",
                    "{\"text\": \"Something else\"}", "Idempotency-Key", KEY);

            assertThat(afterExpiry.status()).isEqualTo(200);
            assertThat(afterExpiry.header("Idempotent-Replayed")).isEqualTo("true");
            assertThat(afterExpiry.json().get("version").asLong()).isEqualTo(1);
            assertThat(otherBody.status()).isEqualTo(422);
            assertThat(restarted.bean(EventStore.class).readEvents(trajectory).asStream().count())
                    .as("the start and one note").isEqualTo(2);
        }
    }
}
