package nl.trajectorytracker.api.commands;

import java.time.Instant;

import nl.trajectorytracker.api.values.Actor;
import nl.trajectorytracker.api.values.Require;
import nl.trajectorytracker.api.values.TrajectoryId;

/** Playbook step (phase 2, co-design): assess current relationship. */
public record AssessCurrentRelationship(
        TrajectoryId trajectoryId,
        String assessment,
        boolean trustPresent,
        Actor actor,
        Instant at,
        Long expectedVersion) implements TrajectoryCommand {

    public AssessCurrentRelationship {
        Require.present("trajectoryId", trajectoryId);
        assessment = Require.text("assessment", assessment, 2000);
        Require.present("actor", actor);
        Require.present("at", at);
    }

    /** Without an expected version: the step applies to whatever version is current. */
    public AssessCurrentRelationship(TrajectoryId trajectoryId,
            String assessment,
            boolean trustPresent,
            Actor actor,
            Instant at) {
        this(trajectoryId, assessment, trustPresent, actor, at, null);
    }
}
