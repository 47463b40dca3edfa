package nl.trajectorytracker.api.commands;

import java.time.Instant;

import nl.trajectorytracker.api.values.Actor;
import nl.trajectorytracker.api.values.Phase;
import nl.trajectorytracker.api.values.Require;
import nl.trajectorytracker.api.values.TrajectoryId;

/**
 * Moves the trajectory to the next phase. The gate to that phase is checked; a closed gate can only be passed
 * with an {@code overrideReason}, which is recorded.
 */
public record AdvancePhase(
        TrajectoryId trajectoryId,
        Phase to,
        String overrideReason,
        Actor actor,
        Instant at,
        Long expectedVersion) implements TrajectoryCommand {

    public AdvancePhase {
        Require.present("trajectoryId", trajectoryId);
        Require.present("to", to);
        overrideReason = Require.optionalText("overrideReason", overrideReason, 2000);
        Require.present("actor", actor);
        Require.present("at", at);
    }

    /** Without an expected version: the step applies to whatever version is current. */
    public AdvancePhase(TrajectoryId trajectoryId, Phase to, String overrideReason, Actor actor, Instant at) {
        this(trajectoryId, to, overrideReason, actor, at, null);
    }
}
