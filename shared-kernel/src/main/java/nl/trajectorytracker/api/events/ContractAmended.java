package nl.trajectorytracker.api.events;

import java.time.Instant;

import org.axonframework.serialization.Revision;

import nl.trajectorytracker.api.values.Actor;
import nl.trajectorytracker.api.values.Terms;
import nl.trajectorytracker.api.values.TrajectoryId;

/**
 * Playbook step (phase 4, running agreement): Contract amended.
 * Recorded in a later phase, it is marked as a correction.
 */
@Revision("1")
public record ContractAmended(
        TrajectoryId trajectoryId,
        String what,
        String why,
        Terms newTerms,
        boolean correction,
        Actor actor,
        Instant occurredAt) implements TrajectoryEvent {
}
