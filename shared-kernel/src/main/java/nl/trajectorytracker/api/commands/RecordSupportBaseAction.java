package nl.trajectorytracker.api.commands;

import java.time.Instant;

import nl.trajectorytracker.api.values.Actor;
import nl.trajectorytracker.api.values.Require;
import nl.trajectorytracker.api.values.TrajectoryId;

/** Playbook step (phase 1, internal preparation): record support base action. */
public record RecordSupportBaseAction(
        TrajectoryId trajectoryId,
        String action,
        String audience,
        Actor actor,
        Instant at,
        Long expectedVersion) implements TrajectoryCommand {

    public RecordSupportBaseAction {
        Require.present("trajectoryId", trajectoryId);
        action = Require.text("action", action, 2000);
        audience = Require.text("audience", audience, 500);
        Require.present("actor", actor);
        Require.present("at", at);
    }

    /** Without an expected version: the step applies to whatever version is current. */
    public RecordSupportBaseAction(TrajectoryId trajectoryId,
            String action,
            String audience,
            Actor actor,
            Instant at) {
        this(trajectoryId, action, audience, actor, at, null);
    }
}
