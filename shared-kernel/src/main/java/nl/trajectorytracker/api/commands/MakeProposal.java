package nl.trajectorytracker.api.commands;

import java.time.Instant;

import nl.trajectorytracker.api.values.Actor;
import nl.trajectorytracker.api.values.Require;
import nl.trajectorytracker.api.values.Terms;
import nl.trajectorytracker.api.values.TrajectoryId;

/** Playbook step (phase 3, negotiation): make proposal. */
public record MakeProposal(
        TrajectoryId trajectoryId,
        String proposalId,
        String by,
        Terms terms,
        Actor actor,
        Instant at,
        Long expectedVersion) implements TrajectoryCommand {

    public MakeProposal {
        Require.present("trajectoryId", trajectoryId);
        proposalId = Require.text("proposalId", proposalId, 100);
        by = Require.text("by", by, 200);
        Require.present("terms", terms);
        Require.present("actor", actor);
        Require.present("at", at);
    }

    /** Without an expected version: the step applies to whatever version is current. */
    public MakeProposal(TrajectoryId trajectoryId,
            String proposalId,
            String by,
            Terms terms,
            Actor actor,
            Instant at) {
        this(trajectoryId, proposalId, by, terms, actor, at, null);
    }
}
