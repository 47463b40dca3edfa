package nl.trajectorytracker.infra.eventstore;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import nl.trajectorytracker.infra.TrajectoryTrackerApplication;
import nl.trajectorytracker.query.trajectoryoverview.TrajectorySummaryRepository;

/** A process killed with SIGKILL mid-write loses nothing it acknowledged and leaves no partial commit. */
class CrashRecoveryTest {

    @TempDir
    Path data;

    @Test
    void afterSigkill_everyAcknowledgedWriteIsThere_noPartialCommitIsVisible_andProjectionsConverge()
            throws Exception {
        List<String> trajectories = new ArrayList<>();
        List<String> bulks = new ArrayList<>();
        Process child = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), CrashingWriter.class.getName(), data.toString())
                .redirectErrorStream(true)
                .start();
        try (BufferedReader out = new BufferedReader(
                new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
            long deadline = System.currentTimeMillis() + 300_000;
            String line;
            while ((line = out.readLine()) != null && System.currentTimeMillis() < deadline) {
                if (line.startsWith("ACK-TRAJECTORY ")) {
                    trajectories.add(line.substring("ACK-TRAJECTORY ".length()));
                } else if (line.startsWith("ACK-BULK ")) {
                    bulks.add(line.substring("ACK-BULK ".length()));
                }
                if (trajectories.size() >= 100) {
                    child.destroyForcibly(); // SIGKILL: no shutdown hook, no final commit
                    break;
                }
            }
        } finally {
            child.destroyForcibly();
            child.waitFor(30, TimeUnit.SECONDS);
        }
        assertThat(trajectories).hasSizeGreaterThanOrEqualTo(100);

        try (ConfigurableApplicationContext restarted = new SpringApplicationBuilder(
                TrajectoryTrackerApplication.class)
                .web(WebApplicationType.NONE)
                .run("--tracker.data-dir=" + data, "--axoniq.update-checker.disabled=true")) {
            EventStore events = restarted.getBean(EventStore.class);
            for (String id : trajectories) {
                assertThat(events.readEvents(id).asStream().count()).as("events of " + id).isEqualTo(1);
            }
            for (String bulk : bulks) {
                assertThat(events.readEvents(bulk).asStream().map(DomainEventMessage::getSequenceNumber).toList())
                        .as("commit " + bulk).containsExactly(0L, 1L, 2L);
            }
            // every stored three-event commit, acknowledged or not, is whole
            restarted.getBean(EventStorageEngine.class).readEvents(null, false)
                    .filter(event -> event instanceof DomainEventMessage<?> d
                            && d.getAggregateIdentifier().startsWith("bulk-"))
                    .map(event -> ((DomainEventMessage<?>) event).getAggregateIdentifier())
                    .collect(java.util.stream.Collectors.groupingBy(id -> id, java.util.stream.Collectors.counting()))
                    .forEach((id, count) -> assertThat(count).as("events in " + id).isEqualTo(3));

            TrajectorySummaryRepository overview = restarted.getBean(TrajectorySummaryRepository.class);
            await("projection converged").atMost(Duration.ofSeconds(60))
                    .until(() -> countOf(overview.findAllById(trajectories)) >= trajectories.size());
        }
    }

    private static long countOf(Iterable<?> items) {
        long count = 0;
        for (Object ignored : items) {
            count++;
        }
        return count;
    }
}
