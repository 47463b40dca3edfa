package nl.trajectorytracker.api.commands;

import java.time.Instant;

import nl.trajectorytracker.api.values.Actor;
import nl.trajectorytracker.api.values.Outcome;
import nl.trajectorytracker.api.values.Require;
import nl.trajectorytracker.api.values.TrajectoryId;

/** Ends the trajectory with an outcome and the reason for it. Possible in any phase, within the outcome's rules. */
public record ConcludeTrajectory(
        TrajectoryId trajectoryId,
        Outcome outcome,
        String why,
        Actor actor,
        Instant at,
        Long expectedVersion) implements TrajectoryCommand {

    public ConcludeTrajectory {
        Require.present("trajectoryId", trajectoryId);
        Require.present("outcome", outcome);
        why = Require.text("why", why, 4000);
        Require.present("actor", actor);
        Require.present("at", at);
    }

    /** Without an expected version: the step applies to whatever version is current. */
    public ConcludeTrajectory(TrajectoryId trajectoryId, Outcome outcome, String why, Actor actor, Instant at) {
        this(trajectoryId, outcome, why, actor, at, null);
    }
}
