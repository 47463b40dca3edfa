package nl.trajectorytracker.api.events;

import java.time.Instant;
import java.util.List;

import org.axonframework.serialization.Revision;

import nl.trajectorytracker.api.values.Actor;
import nl.trajectorytracker.api.values.TrajectoryId;

/**
 * Playbook step (phase 4, running agreement): Relationship check in held.
 * Recorded in a later phase, it is marked as a correction.
 */
@Revision("1")
public record RelationshipCheckInHeld(
        TrajectoryId trajectoryId,
        List<String> participants,
        String summary,
        boolean correction,
        Actor actor,
        Instant occurredAt) implements TrajectoryEvent {

    public RelationshipCheckInHeld {
        participants = participants == null ? List.of() : List.copyOf(participants);
    }
}
