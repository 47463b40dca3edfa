package nl.trajectorytracker.api.commands;

import java.time.Instant;

import nl.trajectorytracker.api.values.Actor;
import nl.trajectorytracker.api.values.Require;
import nl.trajectorytracker.api.values.Terms;
import nl.trajectorytracker.api.values.TrajectoryId;

/** Playbook step (phase 4, running agreement): amend contract. */
public record AmendContract(
        TrajectoryId trajectoryId,
        String what,
        String why,
        Terms newTerms,
        Actor actor,
        Instant at,
        Long expectedVersion) implements TrajectoryCommand {

    public AmendContract {
        Require.present("trajectoryId", trajectoryId);
        what = Require.text("what", what, 2000);
        why = Require.text("why", why, 2000);
        Require.present("actor", actor);
        Require.present("at", at);
    }

    /** Without an expected version: the step applies to whatever version is current. */
    public AmendContract(TrajectoryId trajectoryId,
            String what,
            String why,
            Terms newTerms,
            Actor actor,
            Instant at) {
        this(trajectoryId, what, why, newTerms, actor, at, null);
    }
}
