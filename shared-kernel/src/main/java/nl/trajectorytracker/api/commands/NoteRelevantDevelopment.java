package nl.trajectorytracker.api.commands;

import java.time.Instant;

import nl.trajectorytracker.api.values.Actor;
import nl.trajectorytracker.api.values.Require;
import nl.trajectorytracker.api.values.TrajectoryId;

/** Playbook step (phase 1, internal preparation): note relevant development. */
public record NoteRelevantDevelopment(
        TrajectoryId trajectoryId,
        String development,
        String impact,
        Actor actor,
        Instant at,
        Long expectedVersion) implements TrajectoryCommand {

    public NoteRelevantDevelopment {
        Require.present("trajectoryId", trajectoryId);
        development = Require.text("development", development, 2000);
        impact = Require.optionalText("impact", impact, 2000);
        Require.present("actor", actor);
        Require.present("at", at);
    }

    /** Without an expected version: the step applies to whatever version is current. */
    public NoteRelevantDevelopment(TrajectoryId trajectoryId,
            String development,
            String impact,
            Actor actor,
            Instant at) {
        this(trajectoryId, development, impact, actor, at, null);
    }
}
