package nl.trajectorytracker.api.commands;

import java.time.Instant;

import nl.trajectorytracker.api.values.Actor;
import nl.trajectorytracker.api.values.Require;
import nl.trajectorytracker.api.values.TrajectoryId;

/** Playbook step (phase 3, negotiation): resolve deadlock. */
public record ResolveDeadlock(
        TrajectoryId trajectoryId,
        String deadlockId,
        String resolution,
        Actor actor,
        Instant at,
        Long expectedVersion) implements TrajectoryCommand {

    public ResolveDeadlock {
        Require.present("trajectoryId", trajectoryId);
        deadlockId = Require.text("deadlockId", deadlockId, 100);
        resolution = Require.text("resolution", resolution, 2000);
        Require.present("actor", actor);
        Require.present("at", at);
    }

    /** Without an expected version: the step applies to whatever version is current. */
    public ResolveDeadlock(TrajectoryId trajectoryId,
            String deadlockId,
            String resolution,
            Actor actor,
            Instant at) {
        this(trajectoryId, deadlockId, resolution, actor, at, null);
    }
}
