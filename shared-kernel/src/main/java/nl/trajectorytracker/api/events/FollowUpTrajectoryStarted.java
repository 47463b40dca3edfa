package nl.trajectorytracker.api.events;

import java.time.Instant;

import org.axonframework.serialization.Revision;

import nl.trajectorytracker.api.values.Actor;
import nl.trajectorytracker.api.values.TrajectoryId;

/** Playbook step (phase 5, after the agreement): a follow-up trajectory started, linked to this one. */
@Revision("1")
public record FollowUpTrajectoryStarted(
        TrajectoryId trajectoryId,
        TrajectoryId followUpTrajectoryId,
        String title,
        Actor actor,
        Instant occurredAt) implements TrajectoryEvent {
}
