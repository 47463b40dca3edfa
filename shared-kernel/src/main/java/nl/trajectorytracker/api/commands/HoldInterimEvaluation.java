package nl.trajectorytracker.api.commands;

import java.time.Instant;

import nl.trajectorytracker.api.values.Actor;
import nl.trajectorytracker.api.values.Require;
import nl.trajectorytracker.api.values.TrajectoryId;

/** Playbook step (phase 4, running agreement): hold interim evaluation. */
public record HoldInterimEvaluation(
        TrajectoryId trajectoryId,
        String findings,
        boolean adjustmentNeeded,
        Actor actor,
        Instant at,
        Long expectedVersion) implements TrajectoryCommand {

    public HoldInterimEvaluation {
        Require.present("trajectoryId", trajectoryId);
        findings = Require.text("findings", findings, 2000);
        Require.present("actor", actor);
        Require.present("at", at);
    }

    /** Without an expected version: the step applies to whatever version is current. */
    public HoldInterimEvaluation(TrajectoryId trajectoryId,
            String findings,
            boolean adjustmentNeeded,
            Actor actor,
            Instant at) {
        this(trajectoryId, findings, adjustmentNeeded, actor, at, null);
    }
}
