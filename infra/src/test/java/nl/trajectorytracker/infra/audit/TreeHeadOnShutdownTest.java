package nl.trajectorytracker.infra.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;

import nl.trajectorytracker.infra.RunningTracker;

/** A stop does not leave the last commits out of the log: they are taken in and a tree head is signed first. */
class TreeHeadOnShutdownTest {

    @TempDir
    Path data;

    @Test
    void theCommitsJustBeforeAStop_areInASignedTreeHead_whenTheServiceComesBack() {
        String id;
        RunningTracker.Client auditor;
        // the background thread never signs: only the stop can sign a tree head covering these commits
        String[] slow = {"tracker.audit.tree-head-interval=1h", "tracker.audit.take-in-interval=1h"};
        try (RunningTracker tracker = RunningTracker.start(data, slow)) {
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
        }

        try (RunningTracker restarted = RunningTracker.start(data, slow)) {
            JsonNode verification = verify(restarted.as(auditor.token()), id);

            assertThat(verification.get("status").asText()).as(verification.toString()).isEqualTo("OK");
            assertThat(verification.get("headSequence").asLong()).isEqualTo(1);
            assertThat(verification.get("unsignedEvents").asLong()).as(verification.toString()).isZero();
            assertThat(verification.get("signatures").asText()).isEqualTo("VALID");
            assertThat(verification.at("/treeHead/treeSize").asLong()).isGreaterThanOrEqualTo(2);
        }
    }

    private static JsonNode verify(RunningTracker.Client auditor, String id) {
        RunningTracker.Response response = auditor.get("/api/trajectories/" + id + "/verify");
        assertThat(response.status()).as(response.body()).isEqualTo(200);
        return response.json();
    }
}
