package nl.trajectorytracker.api.events;

import java.time.Instant;

import org.axonframework.serialization.Revision;

import nl.trajectorytracker.api.values.Actor;
import nl.trajectorytracker.api.values.Terms;
import nl.trajectorytracker.api.values.TrajectoryId;

/**
 * Playbook step (phase 3, negotiation): Proposal countered.
 * Recorded in a later phase, it is marked as a correction.
 */
@Revision("1")
public record ProposalCountered(
        TrajectoryId trajectoryId,
        String proposalId,
        String counterProposalId,
        String by,
        Terms terms,
        String why,
        boolean correction,
        Actor actor,
        Instant occurredAt) implements TrajectoryEvent {
}
