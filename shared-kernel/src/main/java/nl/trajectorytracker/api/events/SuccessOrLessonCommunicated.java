package nl.trajectorytracker.api.events;

import java.time.Instant;

import org.axonframework.serialization.Revision;

import nl.trajectorytracker.api.values.Actor;
import nl.trajectorytracker.api.values.LessonKind;
import nl.trajectorytracker.api.values.TrajectoryId;

/**
 * Playbook step (phase 4, running agreement): Success or lesson communicated.
 * Recorded in a later phase, it is marked as a correction.
 */
@Revision("1")
public record SuccessOrLessonCommunicated(
        TrajectoryId trajectoryId,
        LessonKind kind,
        String message,
        String channel,
        boolean correction,
        Actor actor,
        Instant occurredAt) implements TrajectoryEvent {
}
