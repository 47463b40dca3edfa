package nl.trajectorytracker.api.commands;

import java.time.Instant;

import nl.trajectorytracker.api.values.Actor;
import nl.trajectorytracker.api.values.Require;
import nl.trajectorytracker.api.values.TrajectoryId;

/** Playbook step (phase 3, negotiation): reject proposal. */
public record RejectProposal(
        TrajectoryId trajectoryId,
        String proposalId,
        String by,
        String why,
        Actor actor,
        Instant at,
        Long expectedVersion) implements TrajectoryCommand {

    public RejectProposal {
        Require.present("trajectoryId", trajectoryId);
        proposalId = Require.text("proposalId", proposalId, 100);
        by = Require.text("by", by, 200);
        why = Require.text("why", why, 2000);
        Require.present("actor", actor);
        Require.present("at", at);
    }

    /** Without an expected version: the step applies to whatever version is current. */
    public RejectProposal(TrajectoryId trajectoryId,
            String proposalId,
            String by,
            String why,
            Actor actor,
            Instant at) {
        this(trajectoryId, proposalId, by, why, actor, at, null);
    }
}
