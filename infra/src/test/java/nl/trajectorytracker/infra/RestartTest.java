package nl.trajectorytracker.infra;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;

import org.axonframework.eventsourcing.eventstore.EventStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import nl.trajectorytracker.api.events.TrajectoryStarted;

/** Data survives a restart of the application on the same data directory. */
class RestartTest {

    @TempDir
    Path data;

    @Test
    void aTrajectory_isStillThere_afterARestartOnTheSameDataDirectory() {
        String id;
        try (RunningTracker first = RunningTracker.start(data)) {
            RunningTracker.Client utrecht = first.createNegotiator("negotiator-utrecht", "Gemeente Utrecht");
            RunningTracker.Response created = utrecht.post("/api/trajectories", """
                    {"title": "Gemeente Utrecht and Buurtzorg", "parties": [
                      {"organisationName": "Gemeente Utrecht", "type": "MUNICIPALITY"},
                      {"organisationName": "Buurtzorg", "type": "CARE_PROVIDER"}]}
                    """);
            assertThat(created.status()).isEqualTo(201);
            id = created.json().get("id").asText();
            assertThat(utrecht.getEventually("/api/trajectories/" + id, 200).status()).isEqualTo(200);
        }

        try (RunningTracker second = RunningTracker.start(data)) {
            var events = second.bean(EventStore.class).readEvents(id).asStream().toList();
            assertThat(events).hasSize(1);
            assertThat(events.get(0).getPayload()).isInstanceOf(TrajectoryStarted.class);

            RunningTracker.Response fetched = second.createAuditor("auditor").get("/api/trajectories/" + id);
            assertThat(fetched.status()).isEqualTo(200);
            assertThat(fetched.json().get("title").asText()).isEqualTo("Gemeente Utrecht and Buurtzorg");
        }
    }
}
