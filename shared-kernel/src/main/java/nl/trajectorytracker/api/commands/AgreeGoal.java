package nl.trajectorytracker.api.commands;

import java.time.Instant;

import nl.trajectorytracker.api.values.Actor;
import nl.trajectorytracker.api.values.ContextSource;
import nl.trajectorytracker.api.values.GoalKind;
import nl.trajectorytracker.api.values.QuadrupleAimDimension;
import nl.trajectorytracker.api.values.Require;
import nl.trajectorytracker.api.values.TrajectoryId;

/** Playbook step (phase 2, co-design): agree goal. */
public record AgreeGoal(
        TrajectoryId trajectoryId,
        String goalId,
        String goal,
        QuadrupleAimDimension dimension,
        GoalKind kind,
        ContextSource contextSource,
        Actor actor,
        Instant at,
        Long expectedVersion) implements TrajectoryCommand {

    public AgreeGoal {
        Require.present("trajectoryId", trajectoryId);
        goalId = Require.text("goalId", goalId, 100);
        goal = Require.text("goal", goal, 2000);
        Require.present("dimension", dimension);
        Require.present("kind", kind);
        Require.present("actor", actor);
        Require.present("at", at);
    }

    /** Without an expected version: the step applies to whatever version is current. */
    public AgreeGoal(TrajectoryId trajectoryId,
            String goalId,
            String goal,
            QuadrupleAimDimension dimension,
            GoalKind kind,
            ContextSource contextSource,
            Actor actor,
            Instant at) {
        this(trajectoryId, goalId, goal, dimension, kind, contextSource, actor, at, null);
    }
}
