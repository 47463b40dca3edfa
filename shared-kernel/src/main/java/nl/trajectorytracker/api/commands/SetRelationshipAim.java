package nl.trajectorytracker.api.commands;

import java.time.Instant;

import nl.trajectorytracker.api.values.Actor;
import nl.trajectorytracker.api.values.Require;
import nl.trajectorytracker.api.values.TrajectoryId;

/** Playbook step (phase 2, co-design): set relationship aim. */
public record SetRelationshipAim(
        TrajectoryId trajectoryId,
        String aim,
        Actor actor,
        Instant at,
        Long expectedVersion) implements TrajectoryCommand {

    public SetRelationshipAim {
        Require.present("trajectoryId", trajectoryId);
        aim = Require.text("aim", aim, 2000);
        Require.present("actor", actor);
        Require.present("at", at);
    }

    /** Without an expected version: the step applies to whatever version is current. */
    public SetRelationshipAim(TrajectoryId trajectoryId,
            String aim,
            Actor actor,
            Instant at) {
        this(trajectoryId, aim, actor, at, null);
    }
}
