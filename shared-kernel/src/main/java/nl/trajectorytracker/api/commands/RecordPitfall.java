package nl.trajectorytracker.api.commands;

import java.time.Instant;

import nl.trajectorytracker.api.values.Actor;
import nl.trajectorytracker.api.values.Phase;
import nl.trajectorytracker.api.values.Require;
import nl.trajectorytracker.api.values.TrajectoryId;

/** Playbook step (any phase): record pitfall. */
public record RecordPitfall(
        TrajectoryId trajectoryId,
        Phase aboutPhase,
        String pitfall,
        String tag,
        Actor actor,
        Instant at,
        Long expectedVersion) implements TrajectoryCommand {

    public RecordPitfall {
        Require.present("trajectoryId", trajectoryId);
        Require.present("aboutPhase", aboutPhase);
        pitfall = Require.text("pitfall", pitfall, 2000);
        tag = Require.optionalText("tag", tag, 100);
        Require.present("actor", actor);
        Require.present("at", at);
    }

    /** Without an expected version: the step applies to whatever version is current. */
    public RecordPitfall(TrajectoryId trajectoryId,
            Phase aboutPhase,
            String pitfall,
            String tag,
            Actor actor,
            Instant at) {
        this(trajectoryId, aboutPhase, pitfall, tag, actor, at, null);
    }
}
