package nl.trajectorytracker.api.events;

import java.time.Instant;
import java.time.LocalDate;

import org.axonframework.serialization.Revision;

import nl.trajectorytracker.api.values.Actor;
import nl.trajectorytracker.api.values.TrajectoryId;

/**
 * Playbook step (phase 3, negotiation): Evaluation moment scheduled.
 * Recorded in a later phase, it is marked as a correction.
 */
@Revision("1")
public record EvaluationMomentScheduled(
        TrajectoryId trajectoryId,
        LocalDate date,
        String purpose,
        boolean correction,
        Actor actor,
        Instant occurredAt) implements TrajectoryEvent {
}
