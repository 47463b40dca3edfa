package nl.trajectorytracker.infra.followup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;

import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import nl.trajectorytracker.api.events.FollowUpTrajectoryStarted;
import nl.trajectorytracker.api.events.TrajectoryStarted;
import nl.trajectorytracker.infra.HeldTracker;
import nl.trajectorytracker.infra.RunningTracker;

/**
 * A process killed with SIGKILL between the two writes of a follow-up (the follow-up started, the link on its
 * predecessor not yet recorded): after the restart the link is recorded from the follow-up's start, once; no link
 * ever names a trajectory that does not exist; and the retry with the same key answers the follow-up that was
 * started.
 */
class FollowUpCrashTest {

    private static final String KEY = "follow-up-after-a-crash";

    @TempDir
    Path data;

    @Test
    void aFollowUpCutOffBeforeItsLink_isLinkedAfterTheRestart_once() throws Exception {
        String token;
        String predecessor;
        CompletableFuture<HttpResponse<String>> lost;
        try (HeldTracker child = HeldTracker.start(data, HeldTracker.Hold.BEFORE_LINK)) {
            token = child.post("/api/admin/accounts", RunningTracker.ADMIN_TOKEN, """
                    {"name": "anna", "role": "NEGOTIATOR", "organisation": "Zilveren Kruis"}""", null)
                    .at("/token/token").asText();
            predecessor = child.post("/api/trajectories", token, FollowUpTest.INSURER_AND_HOSPITAL, null)
                    .get("id").asText();
            for (String phase : List.of("CO_DESIGN", "NEGOTIATION", "RUNNING_AGREEMENT", "AFTER_AGREEMENT")) {
                child.post("/api/trajectories/" + predecessor + "/phase-advances", token,
                        "{\"to\": \"" + phase + "\", \"overrideReason\": \"Test set-up\"}", null);
            }
            lost = child.postInBackground("/api/trajectories/" + predecessor + "/follow-ups", token,
                    FollowUpTest.FOLLOW_UP, KEY);
            child.killWhenHeld();
        }
        assertThat(lost).failsWithin(Duration.ofSeconds(30));

        try (RunningTracker restarted = RunningTracker.start(data)) {
            EventStore events = restarted.bean(EventStore.class);

            await().atMost(Duration.ofSeconds(30)).until(() -> !links(events, predecessor).isEmpty());
            RunningTracker.Response retried = restarted.as(token).post("/api/trajectories/" + predecessor
                    + "/follow-ups", FollowUpTest.FOLLOW_UP, "Idempotency-Key", KEY);

            assertThat(retried.status()).as(retried.body()).isEqualTo(201);
            assertThat(retried.header("Idempotent-Replayed")).isEqualTo("true");
            String followUp = retried.json().get("id").asText();
            assertThat(links(events, predecessor)).singleElement()
                    .satisfies(link -> assertThat(link.followUpTrajectoryId().value()).isEqualTo(followUp));
            assertThat(events.readEvents(followUp).asStream().map(DomainEventMessage::getPayload).toList())
                    .singleElement().isInstanceOfSatisfying(TrajectoryStarted.class,
                            started -> assertThat(started.predecessorId().value()).isEqualTo(predecessor));
            // no link names a trajectory that does not exist, and only one follow-up was started
            List<TrajectoryStarted> starts = restarted.bean(EventStorageEngine.class).readEvents(null, false)
                    .map(event -> event.getPayload()).filter(TrajectoryStarted.class::isInstance)
                    .map(TrajectoryStarted.class::cast).toList();
            assertThat(starts).filteredOn(started -> started.predecessorId() != null).hasSize(1);
            assertThat(starts).extracting(started -> started.trajectoryId().value()).contains(followUp);
        }
    }

    private static List<FollowUpTrajectoryStarted> links(EventStore events, String trajectory) {
        return events.readEvents(trajectory).asStream().map(DomainEventMessage::getPayload)
                .filter(FollowUpTrajectoryStarted.class::isInstance).map(FollowUpTrajectoryStarted.class::cast)
                .toList();
    }
}
