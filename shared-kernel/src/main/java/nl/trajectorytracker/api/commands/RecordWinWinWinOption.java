package nl.trajectorytracker.api.commands;

import java.time.Instant;
import java.util.List;

import nl.trajectorytracker.api.values.Actor;
import nl.trajectorytracker.api.values.Require;
import nl.trajectorytracker.api.values.TrajectoryId;

/** Playbook step (phase 2, co-design): record win win win option. */
public record RecordWinWinWinOption(
        TrajectoryId trajectoryId,
        String option,
        List<String> benefits,
        Actor actor,
        Instant at,
        Long expectedVersion) implements TrajectoryCommand {

    public RecordWinWinWinOption {
        Require.present("trajectoryId", trajectoryId);
        option = Require.text("option", option, 2000);
        benefits = Require.texts("benefits", benefits, 50, 1000);
        Require.present("actor", actor);
        Require.present("at", at);
    }

    /** Without an expected version: the step applies to whatever version is current. */
    public RecordWinWinWinOption(TrajectoryId trajectoryId,
            String option,
            List<String> benefits,
            Actor actor,
            Instant at) {
        this(trajectoryId, option, benefits, actor, at, null);
    }
}
