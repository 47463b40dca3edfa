package nl.trajectorytracker.api.events;

import java.time.Instant;

import org.axonframework.serialization.Revision;

import nl.trajectorytracker.api.values.Actor;
import nl.trajectorytracker.api.values.TrajectoryId;

/**
 * Playbook step (phase 2, co-design): Interest shared.
 * Recorded in a later phase, it is marked as a correction.
 */
@Revision("1")
public record InterestShared(
        TrajectoryId trajectoryId,
        String party,
        String interest,
        boolean correction,
        Actor actor,
        Instant occurredAt) implements TrajectoryEvent {
}
