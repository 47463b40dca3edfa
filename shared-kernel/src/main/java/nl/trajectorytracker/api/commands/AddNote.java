package nl.trajectorytracker.api.commands;

import java.time.Instant;

import nl.trajectorytracker.api.values.Actor;
import nl.trajectorytracker.api.values.Require;
import nl.trajectorytracker.api.values.TrajectoryId;

/** Playbook step (any phase): add note. */
public record AddNote(
        TrajectoryId trajectoryId,
        String text,
        Actor actor,
        Instant at,
        Long expectedVersion) implements TrajectoryCommand {

    public AddNote {
        Require.present("trajectoryId", trajectoryId);
        text = Require.text("text", text, 4000);
        Require.present("actor", actor);
        Require.present("at", at);
    }

    /** Without an expected version: the step applies to whatever version is current. */
    public AddNote(TrajectoryId trajectoryId,
            String text,
            Actor actor,
            Instant at) {
        this(trajectoryId, text, actor, at, null);
    }
}
