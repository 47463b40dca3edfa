package nl.trajectorytracker.api.events;

import java.time.Instant;

import org.axonframework.serialization.Revision;

import nl.trajectorytracker.api.values.Actor;
import nl.trajectorytracker.api.values.TrajectoryId;

/**
 * Playbook step (phase 4, running agreement): Stakeholder update sent.
 * Recorded in a later phase, it is marked as a correction.
 */
@Revision("1")
public record StakeholderUpdateSent(
        TrajectoryId trajectoryId,
        String audience,
        String summary,
        boolean correction,
        Actor actor,
        Instant occurredAt) implements TrajectoryEvent {
}
