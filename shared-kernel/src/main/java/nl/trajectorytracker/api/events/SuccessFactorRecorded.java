package nl.trajectorytracker.api.events;

import java.time.Instant;

import org.axonframework.serialization.Revision;

import nl.trajectorytracker.api.values.Actor;
import nl.trajectorytracker.api.values.Phase;
import nl.trajectorytracker.api.values.TrajectoryId;

/** Playbook step (any phase): Success factor recorded. Carries the phase the trajectory was in. */
@Revision("1")
public record SuccessFactorRecorded(
        TrajectoryId trajectoryId,
        Phase aboutPhase,
        String successFactor,
        String tag,
        Phase phase,
        Actor actor,
        Instant occurredAt) implements TrajectoryEvent {
}
