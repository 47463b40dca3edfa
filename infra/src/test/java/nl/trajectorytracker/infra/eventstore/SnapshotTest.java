package nl.trajectorytracker.infra.eventstore;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import com.mongodb.client.MongoDatabase;

import nl.trajectorytracker.api.commands.AddNote;
import nl.trajectorytracker.api.commands.StartTrajectory;
import nl.trajectorytracker.api.values.Actor;
import nl.trajectorytracker.api.values.Party;
import nl.trajectorytracker.api.values.PartyType;
import nl.trajectorytracker.api.values.TrajectoryId;
import nl.trajectorytracker.infra.TrajectoryTrackerApplication;

/** A long history is loaded from a snapshot, also after a restart, and commands on it keep working. */
class SnapshotTest {

    @TempDir
    Path data;

    private ConfigurableApplicationContext start() {
        return new SpringApplicationBuilder(TrajectoryTrackerApplication.class)
                .web(WebApplicationType.NONE)
                .run("--tracker.data-dir=" + data, "--tracker.snapshot-every=5",
                        "--axoniq.update-checker.disabled=true");
    }

    @Test
    void aSnapshotIsStoredEveryFewEvents_andTheTrajectoryStillAcceptsCommandsAfterARestart() throws Exception {
        TrajectoryId id = TrajectoryId.random();
        Actor actor = new Actor("anna", "CZ");
        try (ConfigurableApplicationContext app = start()) {
            CommandGateway commands = app.getBean(CommandGateway.class);
            commands.sendAndWait(new StartTrajectory(id, "Snapshot test", List.of(new Party("CZ", PartyType.INSURER),
                    new Party("Rivas", PartyType.CARE_PROVIDER)), actor, Instant.now()));
            for (int i = 0; i < 12; i++) {
                commands.sendAndWait(new AddNote(id, "note " + i, actor, Instant.now()));
            }
            MongoDatabase database = app.getBean(MongoDatabase.class);
            // snapshots are taken on a thread of their own, after the command that triggered one answered
            Document snapshot = await("snapshot stored").atMost(Duration.ofSeconds(10)).until(
                    () -> database.getCollection("event_snapshots").find(new Document("_id", id.value())).first(),
                    stored -> stored != null && stored.getLong("seq") >= 5);
            assertThat(snapshot.getLong("seq")).isGreaterThanOrEqualTo(5L);
            assertThat(app.getBean(EventStorageEngine.class).readSnapshot(id.value())).isPresent();
        }
        try (ConfigurableApplicationContext app = start()) {
            Object version = app.getBean(CommandGateway.class).sendAndWait(new AddNote(id, "after restart", actor,
                    Instant.now()));
            assertThat(version).isEqualTo(13L);
        }
    }
}
