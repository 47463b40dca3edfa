package nl.trajectorytracker.api.events;

import java.time.Instant;
import java.util.List;

import org.axonframework.serialization.Revision;

import nl.trajectorytracker.api.values.Actor;
import nl.trajectorytracker.api.values.Milestone;
import nl.trajectorytracker.api.values.TrajectoryId;

/**
 * Playbook step (phase 1, internal preparation): Planning set.
 * Recorded in a later phase, it is marked as a correction.
 */
@Revision("1")
public record PlanningSet(
        TrajectoryId trajectoryId,
        List<Milestone> milestones,
        boolean correction,
        Actor actor,
        Instant occurredAt) implements TrajectoryEvent {

    public PlanningSet {
        milestones = milestones == null ? List.of() : List.copyOf(milestones);
    }
}
