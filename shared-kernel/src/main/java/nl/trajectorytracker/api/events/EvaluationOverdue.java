package nl.trajectorytracker.api.events;

import java.time.Instant;
import java.time.LocalDate;

import org.axonframework.serialization.Revision;

import nl.trajectorytracker.api.values.Actor;
import nl.trajectorytracker.api.values.TrajectoryId;

/**
 * The evaluation moment scheduled for {@code scheduledFor} passed without an evaluation being held. Raised by the
 * system's scheduled check, at most once per moment, so the missed evaluation is part of the history.
 */
@Revision("1")
public record EvaluationOverdue(
        TrajectoryId trajectoryId,
        LocalDate scheduledFor,
        String purpose,
        Actor actor,
        Instant occurredAt) implements TrajectoryEvent {
}
