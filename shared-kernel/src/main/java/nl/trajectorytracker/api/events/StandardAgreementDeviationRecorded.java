package nl.trajectorytracker.api.events;

import java.time.Instant;

import org.axonframework.serialization.Revision;

import nl.trajectorytracker.api.values.Actor;
import nl.trajectorytracker.api.values.TrajectoryId;

/**
 * Playbook step (phase 3, negotiation): Standard agreement deviation recorded.
 * Recorded in a later phase, it is marked as a correction.
 */
@Revision("1")
public record StandardAgreementDeviationRecorded(
        TrajectoryId trajectoryId,
        String clause,
        String deviation,
        String why,
        boolean correction,
        Actor actor,
        Instant occurredAt) implements TrajectoryEvent {
}
