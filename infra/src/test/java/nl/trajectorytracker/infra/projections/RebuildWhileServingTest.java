package nl.trajectorytracker.infra.projections;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;

import nl.trajectorytracker.infra.RunningTracker;

/**
 * A rebuild keeps the old read model answering until the new one is complete: while the overview is rebuilt again
 * and again (in batches of one event, so that each rebuild takes a while), every list page counts every trajectory,
 * and the steps taken meanwhile are all in the rebuilt read model.
 */
class RebuildWhileServingTest {

    private static final int TRAJECTORIES = 12;

    @TempDir
    static Path data;

    private static RunningTracker tracker;

    @BeforeAll
    static void start() {
        tracker = SlowReplays.start(data);
        for (int i = 0; i < TRAJECTORIES; i++) {
            String id = tracker.negotiator().startTrajectory("Zilveren Kruis and Ziekenhuis Amstelland " + i);
            for (int note = 0; note < 5; note++) {
                step(id, note);
            }
        }
        await().atMost(Duration.ofSeconds(30)).until(() -> total() == TRAJECTORIES);
    }

    @AfterAll
    static void stop() {
        tracker.close();
    }

    @Test
    void listPages_countEveryTrajectory_whileTheOverviewIsRebuilt_andStepsTakenMeanwhileAreKept() throws Exception {
        AtomicBoolean rebuilding = new AtomicBoolean(true);
        AtomicInteger pagesRead = new AtomicInteger();
        ConcurrentLinkedQueue<String> wrongPages = new ConcurrentLinkedQueue<>();
        Thread reader = new Thread(() -> {
            while (rebuilding.get()) {
                RunningTracker.Response page = tracker.get("/api/trajectories?size=5");
                if (page.status() != 200 || page.json().get("total").asInt() != TRAJECTORIES
                        || page.json().get("items").size() != 5) {
                    wrongPages.add(page.status() + " " + page.body());
                }
                pagesRead.incrementAndGet();
            }
        });
        reader.start();
        String id = firstTrajectory();
        long versionBefore = version(id);
        List<JsonNode> finished = new ArrayList<>();
        try {
            for (int rebuild = 0; rebuild < 3; rebuild++) {
                RunningTracker.Response started = tracker.asAdmin()
                        .post("/api/admin/projections/trajectory-overview/rebuild", "{}");
                assertThat(started.status()).as(started.body()).isEqualTo(202);
                step(id, 100 + rebuild);
                finished.add(awaitFinished("trajectory-overview"));
            }
        } finally {
            rebuilding.set(false);
            reader.join();
        }

        assertThat(wrongPages).as("pages read during the rebuilds that missed trajectories").isEmpty();
        assertThat(pagesRead.get()).isPositive();
        finished.forEach(status -> assertThat(status.get("replaying").asBoolean()).isFalse());
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(version(id))
                .as("the three steps taken during the rebuilds").isEqualTo(versionBefore + 3));
        JsonNode check = tracker.consistencyReport("trajectory-overview");
        assertThat(check.get("consistent").asBoolean()).as(check.toString()).isTrue();
    }

    @Test
    void aRebuildRequest_answersAtOnce_andAnUnknownReadModelIsRefusedBeforeAnythingStarts() {
        long asked = System.nanoTime();
        RunningTracker.Response started = tracker.asAdmin().post("/api/admin/projections/rebuild", "{}");
        assertThat(started.status()).as(started.body()).isEqualTo(202);
        assertThat(Duration.ofNanos(System.nanoTime() - asked)).isLessThan(Duration.ofSeconds(5));
        started.json().forEach(progress -> assertThat(progress.get("state").asText()).isIn("QUEUED", "REBUILDING"));
        for (JsonNode progress : started.json()) {
            awaitFinished(progress.get("name").asText());
        }
        assertThat(tracker.asAdmin().post("/api/admin/projections/no-such/rebuild", "{}").status()).isEqualTo(404);
        assertThat(total()).isEqualTo(TRAJECTORIES);
    }

    private static JsonNode awaitFinished(String name) {
        return await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(50))
                .until(() -> tracker.asAdmin().get("/api/admin/projections/" + name).json(),
                        status -> status.path("rebuild").path("state").asText().equals("FINISHED"));
    }

    private static int total() {
        return tracker.get("/api/trajectories?size=1").json().get("total").asInt();
    }

    private static long version(String id) {
        return tracker.get("/api/trajectories/" + id).json().get("version").asLong();
    }

    private static String firstTrajectory() {
        return tracker.get("/api/trajectories?size=1").json().get("items").get(0).get("id").asText();
    }

    private static void step(String id, int note) {
        RunningTracker.Response noted = tracker.post("/api/trajectories/" + id + "/notes",
                "{\"text\": \"Overleg " + note + " over de volumeafspraken\"}");
        assertThat(noted.status()).as(noted.body()).isEqualTo(200);
    }
}
