package nl.trajectorytracker.api.commands;

import java.time.Instant;

import nl.trajectorytracker.api.values.Actor;
import nl.trajectorytracker.api.values.Require;
import nl.trajectorytracker.api.values.TrajectoryId;

/** Playbook step (phase 2, co-design): record joint ambition. */
public record RecordJointAmbition(
        TrajectoryId trajectoryId,
        String ambition,
        int horizonYears,
        Actor actor,
        Instant at,
        Long expectedVersion) implements TrajectoryCommand {

    public RecordJointAmbition {
        Require.present("trajectoryId", trajectoryId);
        ambition = Require.text("ambition", ambition, 2000);
        Require.between("horizonYears", horizonYears, 1, 30);
        Require.present("actor", actor);
        Require.present("at", at);
    }

    /** Without an expected version: the step applies to whatever version is current. */
    public RecordJointAmbition(TrajectoryId trajectoryId,
            String ambition,
            int horizonYears,
            Actor actor,
            Instant at) {
        this(trajectoryId, ambition, horizonYears, actor, at, null);
    }
}
