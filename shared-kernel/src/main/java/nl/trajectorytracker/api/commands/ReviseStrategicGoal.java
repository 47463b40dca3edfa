package nl.trajectorytracker.api.commands;

import java.time.Instant;

import nl.trajectorytracker.api.values.Actor;
import nl.trajectorytracker.api.values.Require;
import nl.trajectorytracker.api.values.TrajectoryId;

/** Playbook step (phase 1, internal preparation): revise strategic goal. */
public record ReviseStrategicGoal(
        TrajectoryId trajectoryId,
        String goalId,
        String goal,
        String why,
        Actor actor,
        Instant at,
        Long expectedVersion) implements TrajectoryCommand {

    public ReviseStrategicGoal {
        Require.present("trajectoryId", trajectoryId);
        goalId = Require.text("goalId", goalId, 100);
        goal = Require.text("goal", goal, 2000);
        why = Require.text("why", why, 2000);
        Require.present("actor", actor);
        Require.present("at", at);
    }

    /** Without an expected version: the step applies to whatever version is current. */
    public ReviseStrategicGoal(TrajectoryId trajectoryId,
            String goalId,
            String goal,
            String why,
            Actor actor,
            Instant at) {
        this(trajectoryId, goalId, goal, why, actor, at, null);
    }
}
