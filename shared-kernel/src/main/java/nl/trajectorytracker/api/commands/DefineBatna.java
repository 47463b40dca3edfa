package nl.trajectorytracker.api.commands;

import java.time.Instant;

import nl.trajectorytracker.api.values.Actor;
import nl.trajectorytracker.api.values.Require;
import nl.trajectorytracker.api.values.TrajectoryId;

/** Playbook step (phase 1, internal preparation): define batna. */
public record DefineBatna(
        TrajectoryId trajectoryId,
        String batna,
        String why,
        Actor actor,
        Instant at,
        Long expectedVersion) implements TrajectoryCommand {

    public DefineBatna {
        Require.present("trajectoryId", trajectoryId);
        batna = Require.text("batna", batna, 2000);
        why = Require.text("why", why, 2000);
        Require.present("actor", actor);
        Require.present("at", at);
    }

    /** Without an expected version: the step applies to whatever version is current. */
    public DefineBatna(TrajectoryId trajectoryId,
            String batna,
            String why,
            Actor actor,
            Instant at) {
        this(trajectoryId, batna, why, actor, at, null);
    }
}
