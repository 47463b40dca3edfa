package nl.trajectorytracker.api.events;

import java.time.Instant;

import org.axonframework.serialization.Revision;

import nl.trajectorytracker.api.values.Actor;
import nl.trajectorytracker.api.values.Outcome;
import nl.trajectorytracker.api.values.Phase;
import nl.trajectorytracker.api.values.TrajectoryId;

/** The trajectory ended, in the given phase, with an outcome and the reason for it. */
@Revision("1")
public record TrajectoryConcluded(
        TrajectoryId trajectoryId,
        Outcome outcome,
        String why,
        Phase phase,
        Actor actor,
        Instant occurredAt) implements TrajectoryEvent {
}
