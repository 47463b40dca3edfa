package nl.trajectorytracker.infra;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import nl.trajectorytracker.api.events.NoteAdded;

/**
 * The embedded default on a disk that fills up: commands are refused with 503 and nothing written, none that was
 * acknowledged is lost, and once there is room again the service goes on. Needs a small file system of its own (a
 * tmpfs mounted for the test, which takes root); skipped where none can be mounted.
 */
class FullDiskTest {

    @RegisterExtension
    final SmallDisk disk = new SmallDisk("tracker-full-disk-test", 24);

    @Test
    void aFullDisk_refusesCommandsWith503_losesNoneAcknowledged_andTheServiceGoesOnOnceThereIsRoom()
            throws Exception {
        Path data = disk.path().resolve("data");
        Path filler = disk.path().resolve("filler");
        String id;
        List<String> acknowledged = new ArrayList<>();
        RunningTracker.Response refused = null;
        // the notes go out as fast as the service answers them: the rate limit is not what this is about
        try (RunningTracker tracker = RunningTracker.start(data, "tracker.security.rate-limit.enabled=false")) {
            id = tracker.post("/api/trajectories", """
                    {"title": "Full disk", "parties": [
                      {"organisationName": "Zilveren Kruis", "type": "INSURER"},
                      {"organisationName": "Buurtzorg", "type": "CARE_PROVIDER"}]}
                    """).json().get("id").asText();
            disk.fill(filler);
            String text = "x".repeat(3_900); // near the longest note: the journal's megabyte fills in fewer commands
            for (int i = 0; i < 5_000 && refused == null; i++) {
                RunningTracker.Response response = tracker.post("/api/trajectories/" + id + "/notes",
                        "{\"text\": \"note " + i + " " + text + "\"}");
                if (response.status() == 200) {
                    acknowledged.add("note " + i + " ");
                } else {
                    refused = response;
                }
            }
            assertThat(refused).as("a command refused once the disk is full").isNotNull();
            assertThat(refused.status()).isEqualTo(503);
            assertThat(refused.headers().get("Content-Type")).anyMatch(type -> type.contains("problem+json"));
            assertThat(refused.json().get("detail").asText()).contains("nothing was written");

            Files.delete(filler);
            RunningTracker.Response afterwards = tracker.post("/api/trajectories/" + id + "/notes",
                    "{\"text\": \"after the disk had room again\"}");
            assertThat(afterwards.status()).isEqualTo(200);
            acknowledged.add("after the disk had room again");
        }
        try (RunningTracker restarted = RunningTracker.start(data)) {
            // the storage engine's events, not the event store's: that starts from the latest snapshot
            List<String> stored = restarted.bean(EventStorageEngine.class).readEvents(id).asStream()
                    .map(event -> event.getPayload()).filter(NoteAdded.class::isInstance)
                    .map(note -> ((NoteAdded) note).text()).toList();
            assertThat(stored).hasSize(acknowledged.size());
            for (int i = 0; i < stored.size(); i++) {
                assertThat(stored.get(i)).startsWith(acknowledged.get(i));
            }
        }
    }
}
