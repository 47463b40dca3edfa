package nl.trajectorytracker.api.commands;

import java.time.Instant;

import nl.trajectorytracker.api.values.Actor;
import nl.trajectorytracker.api.values.GoNoGo;
import nl.trajectorytracker.api.values.Require;
import nl.trajectorytracker.api.values.TrajectoryId;

/** Playbook step (phase 2, co-design): decide go no go. */
public record DecideGoNoGo(
        TrajectoryId trajectoryId,
        String moment,
        GoNoGo decision,
        String why,
        Actor actor,
        Instant at,
        Long expectedVersion) implements TrajectoryCommand {

    public DecideGoNoGo {
        Require.present("trajectoryId", trajectoryId);
        moment = Require.text("moment", moment, 200);
        Require.present("decision", decision);
        why = Require.text("why", why, 2000);
        Require.present("actor", actor);
        Require.present("at", at);
    }

    /** Without an expected version: the step applies to whatever version is current. */
    public DecideGoNoGo(TrajectoryId trajectoryId,
            String moment,
            GoNoGo decision,
            String why,
            Actor actor,
            Instant at) {
        this(trajectoryId, moment, decision, why, actor, at, null);
    }
}
