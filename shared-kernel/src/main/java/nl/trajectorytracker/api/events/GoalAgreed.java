package nl.trajectorytracker.api.events;

import java.time.Instant;

import org.axonframework.serialization.Revision;

import nl.trajectorytracker.api.values.Actor;
import nl.trajectorytracker.api.values.ContextSource;
import nl.trajectorytracker.api.values.GoalKind;
import nl.trajectorytracker.api.values.QuadrupleAimDimension;
import nl.trajectorytracker.api.values.TrajectoryId;

/**
 * Playbook step (phase 2, co-design): Goal agreed.
 * Recorded in a later phase, it is marked as a correction.
 */
@Revision("1")
public record GoalAgreed(
        TrajectoryId trajectoryId,
        String goalId,
        String goal,
        QuadrupleAimDimension dimension,
        GoalKind kind,
        ContextSource contextSource,
        boolean correction,
        Actor actor,
        Instant occurredAt) implements TrajectoryEvent {
}
