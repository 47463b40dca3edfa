package nl.trajectorytracker.api.events;

import java.time.Instant;

import org.axonframework.serialization.Revision;

import nl.trajectorytracker.api.values.Actor;
import nl.trajectorytracker.api.values.TrajectoryId;

/**
 * Playbook step (phase 1, internal preparation): Relevant development noted.
 * Recorded in a later phase, it is marked as a correction.
 */
@Revision("1")
public record RelevantDevelopmentNoted(
        TrajectoryId trajectoryId,
        String development,
        String impact,
        boolean correction,
        Actor actor,
        Instant occurredAt) implements TrajectoryEvent {
}
