package nl.trajectorytracker.api.commands;

import java.time.Instant;

import nl.trajectorytracker.api.values.Actor;
import nl.trajectorytracker.api.values.Phase;
import nl.trajectorytracker.api.values.Require;
import nl.trajectorytracker.api.values.TrajectoryId;

/** Playbook step (any phase): record success factor. */
public record RecordSuccessFactor(
        TrajectoryId trajectoryId,
        Phase aboutPhase,
        String successFactor,
        String tag,
        Actor actor,
        Instant at,
        Long expectedVersion) implements TrajectoryCommand {

    public RecordSuccessFactor {
        Require.present("trajectoryId", trajectoryId);
        Require.present("aboutPhase", aboutPhase);
        successFactor = Require.text("successFactor", successFactor, 2000);
        tag = Require.optionalText("tag", tag, 100);
        Require.present("actor", actor);
        Require.present("at", at);
    }

    /** Without an expected version: the step applies to whatever version is current. */
    public RecordSuccessFactor(TrajectoryId trajectoryId,
            Phase aboutPhase,
            String successFactor,
            String tag,
            Actor actor,
            Instant at) {
        this(trajectoryId, aboutPhase, successFactor, tag, actor, at, null);
    }
}
