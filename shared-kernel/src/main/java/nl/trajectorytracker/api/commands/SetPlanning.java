package nl.trajectorytracker.api.commands;

import java.time.Instant;
import java.util.List;

import nl.trajectorytracker.api.values.Actor;
import nl.trajectorytracker.api.values.Milestone;
import nl.trajectorytracker.api.values.Require;
import nl.trajectorytracker.api.values.TrajectoryId;

/** Playbook step (phase 1, internal preparation): set planning. */
public record SetPlanning(
        TrajectoryId trajectoryId,
        List<Milestone> milestones,
        Actor actor,
        Instant at,
        Long expectedVersion) implements TrajectoryCommand {

    public SetPlanning {
        Require.present("trajectoryId", trajectoryId);
        milestones = Require.nonEmpty("milestones", milestones, 50);
        Require.present("actor", actor);
        Require.present("at", at);
    }

    /** Without an expected version: the step applies to whatever version is current. */
    public SetPlanning(TrajectoryId trajectoryId,
            List<Milestone> milestones,
            Actor actor,
            Instant at) {
        this(trajectoryId, milestones, actor, at, null);
    }
}
