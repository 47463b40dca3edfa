package nl.trajectorytracker.api.commands;

import java.time.Instant;

import nl.trajectorytracker.api.values.Actor;
import nl.trajectorytracker.api.values.Require;
import nl.trajectorytracker.api.values.Terms;
import nl.trajectorytracker.api.values.TrajectoryId;

/** Playbook step (phase 3, negotiation): counter proposal. */
public record CounterProposal(
        TrajectoryId trajectoryId,
        String proposalId,
        String counterProposalId,
        String by,
        Terms terms,
        String why,
        Actor actor,
        Instant at,
        Long expectedVersion) implements TrajectoryCommand {

    public CounterProposal {
        Require.present("trajectoryId", trajectoryId);
        proposalId = Require.text("proposalId", proposalId, 100);
        counterProposalId = Require.text("counterProposalId", counterProposalId, 100);
        by = Require.text("by", by, 200);
        Require.present("terms", terms);
        why = Require.text("why", why, 2000);
        Require.present("actor", actor);
        Require.present("at", at);
    }

    /** Without an expected version: the step applies to whatever version is current. */
    public CounterProposal(TrajectoryId trajectoryId,
            String proposalId,
            String counterProposalId,
            String by,
            Terms terms,
            String why,
            Actor actor,
            Instant at) {
        this(trajectoryId, proposalId, counterProposalId, by, terms, why, actor, at, null);
    }
}
