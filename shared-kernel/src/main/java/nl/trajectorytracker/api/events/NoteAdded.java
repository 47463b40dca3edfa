package nl.trajectorytracker.api.events;

import java.time.Instant;

import org.axonframework.serialization.Revision;

import nl.trajectorytracker.api.values.Actor;
import nl.trajectorytracker.api.values.Phase;
import nl.trajectorytracker.api.values.TrajectoryId;

/** Playbook step (any phase): Note added. Carries the phase the trajectory was in. */
@Revision("1")
public record NoteAdded(
        TrajectoryId trajectoryId,
        String text,
        Phase phase,
        Actor actor,
        Instant occurredAt) implements TrajectoryEvent {
}
