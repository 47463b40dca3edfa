package nl.trajectorytracker.api.events;

import java.time.Instant;
import java.util.List;

import org.axonframework.serialization.Revision;

import nl.trajectorytracker.api.values.Actor;
import nl.trajectorytracker.api.values.Influence;
import nl.trajectorytracker.api.values.StakeholderScope;
import nl.trajectorytracker.api.values.TrajectoryId;

/**
 * Playbook step (phase 1, internal preparation): Stakeholder added.
 * Recorded in a later phase, it is marked as a correction.
 */
@Revision("1")
public record StakeholderAdded(
        TrajectoryId trajectoryId,
        String stakeholderId,
        String name,
        StakeholderScope scope,
        String role,
        List<String> interests,
        Influence influence,
        boolean correction,
        Actor actor,
        Instant occurredAt) implements TrajectoryEvent {

    public StakeholderAdded {
        interests = interests == null ? List.of() : List.copyOf(interests);
    }
}
