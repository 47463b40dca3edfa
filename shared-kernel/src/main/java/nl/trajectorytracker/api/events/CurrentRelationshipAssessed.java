package nl.trajectorytracker.api.events;

import java.time.Instant;

import org.axonframework.serialization.Revision;

import nl.trajectorytracker.api.values.Actor;
import nl.trajectorytracker.api.values.TrajectoryId;

/**
 * Playbook step (phase 2, co-design): Current relationship assessed.
 * Recorded in a later phase, it is marked as a correction.
 */
@Revision("1")
public record CurrentRelationshipAssessed(
        TrajectoryId trajectoryId,
        String assessment,
        boolean trustPresent,
        boolean correction,
        Actor actor,
        Instant occurredAt) implements TrajectoryEvent {
}
