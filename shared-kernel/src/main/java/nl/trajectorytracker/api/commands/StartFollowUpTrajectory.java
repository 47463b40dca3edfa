package nl.trajectorytracker.api.commands;

import java.time.Instant;

import nl.trajectorytracker.api.values.Actor;
import nl.trajectorytracker.api.values.InvalidValueException;
import nl.trajectorytracker.api.values.Require;
import nl.trajectorytracker.api.values.TrajectoryId;

/**
 * Records on a trajectory in its last phase that a follow-up trajectory starts. The follow-up itself is started
 * with {@link StartTrajectory} naming this trajectory as its predecessor.
 */
public record StartFollowUpTrajectory(
        TrajectoryId trajectoryId,
        TrajectoryId followUpTrajectoryId,
        String title,
        Actor actor,
        Instant at,
        Long expectedVersion) implements TrajectoryCommand {

    public StartFollowUpTrajectory {
        Require.present("trajectoryId", trajectoryId);
        Require.present("followUpTrajectoryId", followUpTrajectoryId);
        if (followUpTrajectoryId.equals(trajectoryId)) {
            throw new InvalidValueException("followUpTrajectoryId", "must differ from the trajectory it follows up");
        }
        title = Require.text("title", title, 300);
        Require.present("actor", actor);
        Require.present("at", at);
    }

    /** Without an expected version: the step applies to whatever version is current. */
    public StartFollowUpTrajectory(TrajectoryId trajectoryId, TrajectoryId followUpTrajectoryId, String title,
            Actor actor, Instant at) {
        this(trajectoryId, followUpTrajectoryId, title, actor, at, null);
    }
}
