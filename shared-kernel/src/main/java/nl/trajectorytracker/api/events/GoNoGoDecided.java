package nl.trajectorytracker.api.events;

import java.time.Instant;

import org.axonframework.serialization.Revision;

import nl.trajectorytracker.api.values.Actor;
import nl.trajectorytracker.api.values.GoNoGo;
import nl.trajectorytracker.api.values.TrajectoryId;

/**
 * Playbook step (phase 2, co-design): Go no go decided.
 * Recorded in a later phase, it is marked as a correction.
 */
@Revision("1")
public record GoNoGoDecided(
        TrajectoryId trajectoryId,
        String moment,
        GoNoGo decision,
        String why,
        boolean correction,
        Actor actor,
        Instant occurredAt) implements TrajectoryEvent {
}
