package nl.trajectorytracker.api.events;

import java.time.Instant;

import org.axonframework.serialization.Revision;

import nl.trajectorytracker.api.values.Actor;
import nl.trajectorytracker.api.values.TrajectoryId;

/**
 * Playbook step (phase 2, co-design): Legal obstacle resolved.
 * Recorded in a later phase, it is marked as a correction.
 */
@Revision("1")
public record LegalObstacleResolved(
        TrajectoryId trajectoryId,
        String obstacleId,
        String resolution,
        boolean correction,
        Actor actor,
        Instant occurredAt) implements TrajectoryEvent {
}
