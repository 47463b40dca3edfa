package nl.trajectorytracker.api.commands;

import java.time.Instant;

import nl.trajectorytracker.api.values.Actor;
import nl.trajectorytracker.api.values.Require;
import nl.trajectorytracker.api.values.TrajectoryId;

/** Playbook step (phase 2, co-design): resolve legal obstacle. */
public record ResolveLegalObstacle(
        TrajectoryId trajectoryId,
        String obstacleId,
        String resolution,
        Actor actor,
        Instant at,
        Long expectedVersion) implements TrajectoryCommand {

    public ResolveLegalObstacle {
        Require.present("trajectoryId", trajectoryId);
        obstacleId = Require.text("obstacleId", obstacleId, 100);
        resolution = Require.text("resolution", resolution, 2000);
        Require.present("actor", actor);
        Require.present("at", at);
    }

    /** Without an expected version: the step applies to whatever version is current. */
    public ResolveLegalObstacle(TrajectoryId trajectoryId,
            String obstacleId,
            String resolution,
            Actor actor,
            Instant at) {
        this(trajectoryId, obstacleId, resolution, actor, at, null);
    }
}
