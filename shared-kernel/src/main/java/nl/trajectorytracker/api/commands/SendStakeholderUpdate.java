package nl.trajectorytracker.api.commands;

import java.time.Instant;

import nl.trajectorytracker.api.values.Actor;
import nl.trajectorytracker.api.values.Require;
import nl.trajectorytracker.api.values.TrajectoryId;

/** Playbook step (phase 4, running agreement): send stakeholder update. */
public record SendStakeholderUpdate(
        TrajectoryId trajectoryId,
        String audience,
        String summary,
        Actor actor,
        Instant at,
        Long expectedVersion) implements TrajectoryCommand {

    public SendStakeholderUpdate {
        Require.present("trajectoryId", trajectoryId);
        audience = Require.text("audience", audience, 500);
        summary = Require.text("summary", summary, 2000);
        Require.present("actor", actor);
        Require.present("at", at);
    }

    /** Without an expected version: the step applies to whatever version is current. */
    public SendStakeholderUpdate(TrajectoryId trajectoryId,
            String audience,
            String summary,
            Actor actor,
            Instant at) {
        this(trajectoryId, audience, summary, actor, at, null);
    }
}
