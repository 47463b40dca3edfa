package nl.trajectorytracker.infra.projections;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;

import nl.trajectorytracker.infra.RunningTracker;

/**
 * A consistency check is answered at once and read later, on any instance: asked for again while it runs, it is
 * answered by the running one; stopped with its instance, it reads as failed rather than as running for ever.
 */
class ConsistencyChecksTest {

    private static final String PATH = "/api/admin/projections/phase-state/consistency-check";

    @TempDir
    Path data;

    @Test
    void aCheckAskedForWhileOneRuns_isAnsweredByIt_andItsReportIsReadWhenDone() {
        try (RunningTracker tracker = startSlowChecks()) {
            fill(tracker);
            assertThat(tracker.asAdmin().get(PATH).status()).as("no check asked for yet").isEqualTo(404);

            RunningTracker.Response first = tracker.asAdmin().post(PATH, "{}");
            RunningTracker.Response again = tracker.asAdmin().post(PATH, "{}");

            assertThat(first.status()).isEqualTo(202);
            assertThat(first.header("Location")).isEqualTo(PATH);
            assertThat(first.json().get("state").asText()).isIn("QUEUED", "CHECKING");
            assertThat(again.json().get("requestedAt")).isEqualTo(first.json().get("requestedAt"));
            JsonNode report = tracker.consistencyReport("phase-state");
            assertThat(report.get("consistent").asBoolean()).as(report.toString()).isTrue();
            assertThat(report.get("eventsReplayed").asLong()).isPositive();
        }
    }

    @Test
    void aCheckStoppedWithItsInstance_readsAsFailed_andCanBeAskedForAgain() {
        try (RunningTracker tracker = startSlowChecks()) {
            fill(tracker);
            assertThat(tracker.asAdmin().post(PATH, "{}").status()).isEqualTo(202);
        }
        try (RunningTracker tracker = startSlowChecks()) {
            JsonNode stopped = tracker.asAdmin().get(PATH).json();
            assertThat(stopped.get("state").asText()).as(stopped.toString()).isEqualTo("FAILED");
            assertThat(stopped.get("failure").asText()).contains("stopped before it finished");

            assertThat(tracker.consistencyReport("phase-state").get("consistent").asBoolean()).isTrue();
        }
    }

    private RunningTracker startSlowChecks() {
        return RunningTracker.start(data, "tracker.projections.rebuild-batch-size=1",
                "tracker.security.rate-limit.enabled=false");
    }

    private static void fill(RunningTracker tracker) {
        for (int i = 0; i < 3; i++) {
            String id = tracker.negotiator().startTrajectory("Zilveren Kruis and Ziekenhuis Amstelland " + i);
            for (int note = 0; note < 10; note++) {
                RunningTracker.Response noted = tracker.post("/api/trajectories/" + id + "/notes",
                        "{\"text\": \"Overleg " + note + " over de volumeafspraken\"}");
                assertThat(noted.status()).as(noted.body()).isEqualTo(200);
            }
        }
    }
}
