package nl.trajectorytracker.infra.eventstore;

import java.time.Instant;
import java.util.List;

import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;

import nl.trajectorytracker.api.commands.StartTrajectory;
import nl.trajectorytracker.api.values.Actor;
import nl.trajectorytracker.api.values.Party;
import nl.trajectorytracker.api.values.PartyType;
import nl.trajectorytracker.api.values.TrajectoryId;
import nl.trajectorytracker.infra.TrajectoryTrackerApplication;

/**
 * Child process for the crash test: boots the application on a data directory and writes until it is killed,
 * printing a line for every write that was acknowledged. Alternates commands through the command gateway with
 * three-event commits published straight to the event store, so partial commits would show.
 */
public final class CrashingWriter {

    private CrashingWriter() {
    }

    public static void main(String[] args) {
        var context = new SpringApplicationBuilder(TrajectoryTrackerApplication.class)
                .web(WebApplicationType.NONE)
                .run("--tracker.data-dir=" + args[0], "--axoniq.update-checker.disabled=true",
                        "--logging.level.root=WARN",
                        // the data file is never committed while writing: what survives, the journal kept
                        "--tracker.embedded-mongo.commit-interval=1h");
        CommandGateway commands = context.getBean(CommandGateway.class);
        EventStore events = context.getBean(EventStore.class);
        System.out.println("READY");
        List<Party> parties = List.of(new Party("Zilveren Kruis", PartyType.INSURER),
                new Party("Ziekenhuis Amstelland", PartyType.CARE_PROVIDER));
        for (int i = 0; ; i++) {
            TrajectoryId id = TrajectoryId.random();
            commands.sendAndWait(new StartTrajectory(id, "Crash test " + i, parties, Actor.system(), Instant.now()));
            System.out.println("ACK-TRAJECTORY " + id);
            String bulk = "bulk-" + i;
            events.publish(MongoEventStorageEngineTest.event(bulk, 0, "one"),
                    MongoEventStorageEngineTest.event(bulk, 1, "two"),
                    MongoEventStorageEngineTest.event(bulk, 2, "three"));
            System.out.println("ACK-BULK " + bulk);
        }
    }
}
