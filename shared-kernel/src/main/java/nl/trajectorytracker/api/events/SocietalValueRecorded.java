package nl.trajectorytracker.api.events;

import java.time.Instant;

import org.axonframework.serialization.Revision;

import nl.trajectorytracker.api.values.Actor;
import nl.trajectorytracker.api.values.TrajectoryId;

/**
 * Playbook step (phase 2, co-design): Societal value recorded.
 * Recorded in a later phase, it is marked as a correction.
 */
@Revision("1")
public record SocietalValueRecorded(
        TrajectoryId trajectoryId,
        String value,
        boolean landsWithNegotiatingParties,
        boolean correction,
        Actor actor,
        Instant occurredAt) implements TrajectoryEvent {
}
