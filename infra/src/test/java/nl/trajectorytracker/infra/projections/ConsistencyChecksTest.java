package nl.trajectorytracker.infra.projections;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;

import org.bson.Document;
import org.bson.types.ObjectId;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.data.mongodb.core.MongoTemplate;

import com.fasterxml.jackson.databind.JsonNode;

import nl.trajectorytracker.infra.RunningTracker;

/**
 * A consistency check is answered at once and read later, on any instance: asked for again while it runs, it is
 * answered by the running one; stopped with its instance, or left by one that died, it reads as failed rather than as
 * running for ever.
 */
class ConsistencyChecksTest {

    private static final String PATH = "/api/admin/projections/phase-state/consistency-check";

    @TempDir
    Path data;

    @Test
    void aCheckAskedForWhileOneRuns_isAnsweredByIt_andItsReportIsReadWhenDone() {
        try (RunningTracker tracker = SlowReplays.start(data)) {
            SlowReplays.fill(tracker, 3);
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

    /**
     * A database writer changed a read model, the check found it, and the writer rewrote the stored report to say
     * consistent: the administrator read that. A report carries its seal; one rewritten is not shown.
     */
    @Test
    void aReportRewrittenInTheDatabase_isNotShownAsTheChecksAnswer() {
        try (RunningTracker tracker = RunningTracker.start(data)) {
            tracker.negotiator().startTrajectory("Checked, then its report rewritten");
            JsonNode honest = tracker.consistencyReport("phase-state");
            assertThat(honest.get("consistent").asBoolean()).isTrue();
            var checks = tracker.bean(MongoTemplate.class).getCollection(ConsistencyChecks.COLLECTION);
            checks.updateOne(new Document("_id", "phase-state"), new Document("$set",
                    new Document("report.eventsReplayed", 999_999L)));

            JsonNode shown = tracker.asAdmin().get(PATH).json();

            assertThat(shown.get("state").asText()).as(shown.toString()).isEqualTo("FAILED");
            assertThat(shown.get("report").isNull()).isTrue();
            assertThat(shown.get("failure").asText()).contains("not the one this service wrote");
            assertThat(tracker.consistencyReport("phase-state").get("consistent").asBoolean())
                    .as("asked again, answered again").isTrue();
        }
    }

    @Test
    void checksStoppedWithTheirInstance_readAsFailed_andCanBeAskedForAgain() {
        List<String> readModels;
        try (RunningTracker tracker = SlowReplays.start(data)) {
            // enough events that seven checks, one event at a time, cannot all end before the instance stops
            SlowReplays.fill(tracker, 20);
            readModels = tracker.bean(ProjectionRebuilds.class).names();
            // one check at a time: the last ones still wait when the instance stops
            readModels.forEach(name -> assertThat(tracker.asAdmin().post(path(name), "{}").status()).isEqualTo(202));
        }
        try (RunningTracker tracker = SlowReplays.start(data)) {
            List<JsonNode> checks = readModels.stream().map(name -> tracker.asAdmin().get(path(name)).json())
                    .toList();
            assertThat(checks).allSatisfy(check -> assertThat(check.get("state").asText()).as(check.toString())
                    .isIn("DONE", "FAILED"));
            JsonNode stopped = checks.stream().filter(check -> check.get("state").asText().equals("FAILED"))
                    .findFirst().orElseThrow(() -> new AssertionError("no check was stopped: " + checks));
            assertThat(stopped.get("failure").asText()).contains("stopped before it finished");

            assertThat(tracker.consistencyReport(stopped.get("name").asText()).get("consistent").asBoolean())
                    .isTrue();
        }
    }

    @Test
    void aCheckWhoseInstanceDied_readsAsFailed_andAnotherCanBeAskedFor() {
        try (RunningTracker tracker = RunningTracker.start(data)) {
            Date longAgo = Date.from(Instant.now().minus(Duration.ofMinutes(10)));
            tracker.bean(MongoTemplate.class).getCollection(ConsistencyChecks.COLLECTION).insertOne(
                    new Document("_id", "phase-state").append("run", new ObjectId()).append("state", "CHECKING")
                            .append("requestedAt", longAgo).append("startedAt", longAgo).append("eventsReplayed", 7L)
                            .append("owner", "died").append("aliveAt", longAgo));

            tracker.bean(MongoTemplate.class).getCollection(ConsistencyChecks.COLLECTION).insertOne(
                    new Document("_id", "monitoring").append("state", 42));
            JsonNode unreadable = tracker.asAdmin().get(path("monitoring")).json();
            assertThat(unreadable.get("state").asText()).as(unreadable.toString()).isEqualTo("FAILED");
            assertThat(unreadable.get("failure").asText()).contains("cannot be read");

            JsonNode died = tracker.asAdmin().get(PATH).json();
            assertThat(died.get("state").asText()).as(died.toString()).isEqualTo("FAILED");
            assertThat(died.get("failure").asText()).contains("stopped before it finished");
            assertThat(tracker.consistencyReport("phase-state").get("consistent").asBoolean()).isTrue();
        }
    }

    private static String path(String readModel) {
        return "/api/admin/projections/" + readModel + "/consistency-check";
    }
}
