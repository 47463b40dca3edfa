package nl.trajectorytracker.api.commands;

import java.time.Instant;

import nl.trajectorytracker.api.values.Actor;
import nl.trajectorytracker.api.values.Require;
import nl.trajectorytracker.api.values.TrajectoryId;

/** Playbook step (phase 3, negotiation): agree incentive change. */
public record AgreeIncentiveChange(
        TrajectoryId trajectoryId,
        String currentIncentive,
        String change,
        String why,
        Actor actor,
        Instant at,
        Long expectedVersion) implements TrajectoryCommand {

    public AgreeIncentiveChange {
        Require.present("trajectoryId", trajectoryId);
        currentIncentive = Require.text("currentIncentive", currentIncentive, 2000);
        change = Require.text("change", change, 2000);
        why = Require.text("why", why, 2000);
        Require.present("actor", actor);
        Require.present("at", at);
    }

    /** Without an expected version: the step applies to whatever version is current. */
    public AgreeIncentiveChange(TrajectoryId trajectoryId,
            String currentIncentive,
            String change,
            String why,
            Actor actor,
            Instant at) {
        this(trajectoryId, currentIncentive, change, why, actor, at, null);
    }
}
