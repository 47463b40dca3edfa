package nl.trajectorytracker.api.commands;

import java.time.Instant;

import nl.trajectorytracker.api.values.Actor;
import nl.trajectorytracker.api.values.Require;
import nl.trajectorytracker.api.values.TrajectoryId;

/** Playbook step (phase 2, co-design): agree loss sharing principle. */
public record AgreeLossSharingPrinciple(
        TrajectoryId trajectoryId,
        String principle,
        Actor actor,
        Instant at,
        Long expectedVersion) implements TrajectoryCommand {

    public AgreeLossSharingPrinciple {
        Require.present("trajectoryId", trajectoryId);
        principle = Require.text("principle", principle, 2000);
        Require.present("actor", actor);
        Require.present("at", at);
    }

    /** Without an expected version: the step applies to whatever version is current. */
    public AgreeLossSharingPrinciple(TrajectoryId trajectoryId,
            String principle,
            Actor actor,
            Instant at) {
        this(trajectoryId, principle, actor, at, null);
    }
}
