package nl.trajectorytracker.api.commands;

import java.time.Instant;

import nl.trajectorytracker.api.values.Actor;
import nl.trajectorytracker.api.values.InvalidValueException;
import nl.trajectorytracker.api.values.Require;
import nl.trajectorytracker.api.values.TrajectoryId;

/**
 * Checks, recording nothing, that a trajectory may be followed up by the actor as {@link StartFollowUpTrajectory}
 * would: a follow-up touches two trajectories, so everything about both is checked before either is written. Answers
 * the trajectory's current version.
 */
public record CheckFollowUpTrajectory(
        TrajectoryId trajectoryId,
        TrajectoryId followUpTrajectoryId,
        Actor actor,
        Instant at,
        Long expectedVersion) implements TrajectoryCommand {

    public CheckFollowUpTrajectory {
        Require.present("trajectoryId", trajectoryId);
        Require.present("followUpTrajectoryId", followUpTrajectoryId);
        if (followUpTrajectoryId.equals(trajectoryId)) {
            throw new InvalidValueException("followUpTrajectoryId", "must differ from the trajectory it follows up");
        }
        Require.present("actor", actor);
        Require.present("at", at);
    }
}
