package nl.trajectorytracker.api.commands;

import java.time.Instant;

import nl.trajectorytracker.api.values.Actor;
import nl.trajectorytracker.api.values.Require;
import nl.trajectorytracker.api.values.TrajectoryId;

/** Playbook step (phase 3, negotiation): record standard agreement deviation. */
public record RecordStandardAgreementDeviation(
        TrajectoryId trajectoryId,
        String clause,
        String deviation,
        String why,
        Actor actor,
        Instant at,
        Long expectedVersion) implements TrajectoryCommand {

    public RecordStandardAgreementDeviation {
        Require.present("trajectoryId", trajectoryId);
        clause = Require.text("clause", clause, 300);
        deviation = Require.text("deviation", deviation, 2000);
        why = Require.text("why", why, 2000);
        Require.present("actor", actor);
        Require.present("at", at);
    }

    /** Without an expected version: the step applies to whatever version is current. */
    public RecordStandardAgreementDeviation(TrajectoryId trajectoryId,
            String clause,
            String deviation,
            String why,
            Actor actor,
            Instant at) {
        this(trajectoryId, clause, deviation, why, actor, at, null);
    }
}
