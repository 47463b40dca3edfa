package nl.trajectorytracker.api.events;

import java.time.Instant;
import java.util.List;

import org.axonframework.serialization.Revision;

import nl.trajectorytracker.api.values.Actor;
import nl.trajectorytracker.api.values.TrajectoryId;

/**
 * Playbook step (phase 1, internal preparation): Partner position assessed.
 * Recorded in a later phase, it is marked as a correction.
 */
@Revision("1")
public record PartnerPositionAssessed(
        TrajectoryId trajectoryId,
        String party,
        String position,
        List<String> interests,
        boolean correction,
        Actor actor,
        Instant occurredAt) implements TrajectoryEvent {

    public PartnerPositionAssessed {
        interests = interests == null ? List.of() : List.copyOf(interests);
    }
}
