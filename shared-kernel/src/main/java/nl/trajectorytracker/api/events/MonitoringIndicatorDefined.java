package nl.trajectorytracker.api.events;

import java.time.Instant;

import org.axonframework.serialization.Revision;

import nl.trajectorytracker.api.values.Actor;
import nl.trajectorytracker.api.values.GoalKind;
import nl.trajectorytracker.api.values.QuadrupleAimDimension;
import nl.trajectorytracker.api.values.TrajectoryId;

/**
 * Playbook step (phase 3, negotiation): Monitoring indicator defined.
 * Recorded in a later phase, it is marked as a correction.
 */
@Revision("1")
public record MonitoringIndicatorDefined(
        TrajectoryId trajectoryId,
        String indicatorId,
        String name,
        GoalKind kind,
        String target,
        String owner,
        QuadrupleAimDimension dimension,
        boolean correction,
        Actor actor,
        Instant occurredAt) implements TrajectoryEvent {
}
