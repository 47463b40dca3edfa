package nl.trajectorytracker.api.commands;

import java.time.Instant;

import nl.trajectorytracker.api.values.Actor;
import nl.trajectorytracker.api.values.Require;
import nl.trajectorytracker.api.values.TrajectoryId;

/** Playbook step (phase 2, co-design): raise legal obstacle. */
public record RaiseLegalObstacle(
        TrajectoryId trajectoryId,
        String obstacleId,
        String obstacle,
        Actor actor,
        Instant at,
        Long expectedVersion) implements TrajectoryCommand {

    public RaiseLegalObstacle {
        Require.present("trajectoryId", trajectoryId);
        obstacleId = Require.text("obstacleId", obstacleId, 100);
        obstacle = Require.text("obstacle", obstacle, 2000);
        Require.present("actor", actor);
        Require.present("at", at);
    }

    /** Without an expected version: the step applies to whatever version is current. */
    public RaiseLegalObstacle(TrajectoryId trajectoryId,
            String obstacleId,
            String obstacle,
            Actor actor,
            Instant at) {
        this(trajectoryId, obstacleId, obstacle, actor, at, null);
    }
}
