package nl.trajectorytracker.api.events;

import java.time.Instant;

import org.axonframework.serialization.Revision;

import nl.trajectorytracker.api.values.Actor;
import nl.trajectorytracker.api.values.TrajectoryId;

/**
 * Playbook step (phase 1, internal preparation): BATNA revised. A revision is a normal step in any phase before the
 * conclusion, so {@code correction} is false; events stored with {@code true} keep it and read as they were written.
 */
@Revision("1")
public record BatnaRevised(
        TrajectoryId trajectoryId,
        String batna,
        String why,
        boolean correction,
        Actor actor,
        Instant occurredAt) implements TrajectoryEvent {
}
