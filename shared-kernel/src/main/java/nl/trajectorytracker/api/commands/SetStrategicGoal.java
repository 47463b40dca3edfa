package nl.trajectorytracker.api.commands;

import java.time.Instant;

import nl.trajectorytracker.api.values.Actor;
import nl.trajectorytracker.api.values.Require;
import nl.trajectorytracker.api.values.TrajectoryId;

/** Playbook step (phase 1, internal preparation): set strategic goal. */
public record SetStrategicGoal(
        TrajectoryId trajectoryId,
        String goalId,
        String goal,
        String challenge,
        Actor actor,
        Instant at,
        Long expectedVersion) implements TrajectoryCommand {

    public SetStrategicGoal {
        Require.present("trajectoryId", trajectoryId);
        goalId = Require.text("goalId", goalId, 100);
        goal = Require.text("goal", goal, 2000);
        challenge = Require.optionalText("challenge", challenge, 2000);
        Require.present("actor", actor);
        Require.present("at", at);
    }

    /** Without an expected version: the step applies to whatever version is current. */
    public SetStrategicGoal(TrajectoryId trajectoryId,
            String goalId,
            String goal,
            String challenge,
            Actor actor,
            Instant at) {
        this(trajectoryId, goalId, goal, challenge, actor, at, null);
    }
}
