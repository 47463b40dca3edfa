package nl.trajectorytracker.infra.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;

import nl.trajectorytracker.infra.RunningTracker;

/** A stop does not leave the last commits unsigned: their heads are signed before the store closes. */
class CheckpointOnShutdownTest {

    @TempDir
    Path data;

    @Test
    void theHeadsAppendedJustBeforeAStop_areSigned_whenTheServiceComesBack() {
        String id;
        RunningTracker.Client auditor;
        // the background signer never runs: only the stop can sign these heads
        try (RunningTracker tracker = RunningTracker.start(data, "tracker.audit.checkpoint-delay=1h")) {
            RunningTracker.Response created = tracker.post("/api/trajectories", """
                    {"title": "Signed on the way out",
                     "parties": [{"organisationName": "Zilveren Kruis", "type": "INSURER"}]}
                    """);
            assertThat(created.status()).as(created.body()).isEqualTo(201);
            id = created.json().get("id").asText();
            assertThat(tracker.post("/api/trajectories/" + id + "/notes", """
                    {"text": "The last step before the restart"}
                    """).status()).isEqualTo(200);
            auditor = tracker.createAuditor("audrey-auditor");
            assertThat(verify(auditor, id).get("checkpointKey").asText()).isEqualTo("NO_CHECKPOINT");
        }

        try (RunningTracker restarted = RunningTracker.start(data, "tracker.audit.checkpoint-delay=1h")) {
            JsonNode verification = verify(restarted.as(auditor.token()), id);

            assertThat(verification.get("status").asText()).as(verification.toString()).isEqualTo("OK");
            assertThat(verification.get("headSequence").asLong()).isEqualTo(1);
            assertThat(verification.at("/checkpoint/lastSequence").asLong()).isEqualTo(1);
            assertThat(verification.get("checkpointKey").asText()).isEqualTo("VALID");
        }
    }

    private static JsonNode verify(RunningTracker.Client auditor, String id) {
        RunningTracker.Response response = auditor.get("/api/trajectories/" + id + "/verify");
        assertThat(response.status()).as(response.body()).isEqualTo(200);
        return response.json();
    }
}
