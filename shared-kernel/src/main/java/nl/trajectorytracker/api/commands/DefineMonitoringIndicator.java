package nl.trajectorytracker.api.commands;

import java.time.Instant;

import nl.trajectorytracker.api.values.Actor;
import nl.trajectorytracker.api.values.GoalKind;
import nl.trajectorytracker.api.values.QuadrupleAimDimension;
import nl.trajectorytracker.api.values.Require;
import nl.trajectorytracker.api.values.TrajectoryId;

/** Playbook step (phase 3, negotiation): define monitoring indicator. */
public record DefineMonitoringIndicator(
        TrajectoryId trajectoryId,
        String indicatorId,
        String name,
        GoalKind kind,
        String target,
        String owner,
        QuadrupleAimDimension dimension,
        Actor actor,
        Instant at,
        Long expectedVersion) implements TrajectoryCommand {

    public DefineMonitoringIndicator {
        Require.present("trajectoryId", trajectoryId);
        indicatorId = Require.text("indicatorId", indicatorId, 100);
        name = Require.text("name", name, 300);
        Require.present("kind", kind);
        target = Require.text("target", target, 500);
        owner = Require.text("owner", owner, 200);
        Require.present("actor", actor);
        Require.present("at", at);
    }

    /** Without an expected version: the step applies to whatever version is current. */
    public DefineMonitoringIndicator(TrajectoryId trajectoryId,
            String indicatorId,
            String name,
            GoalKind kind,
            String target,
            String owner,
            QuadrupleAimDimension dimension,
            Actor actor,
            Instant at) {
        this(trajectoryId, indicatorId, name, kind, target, owner, dimension, actor, at, null);
    }
}
