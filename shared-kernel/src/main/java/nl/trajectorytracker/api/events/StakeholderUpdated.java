package nl.trajectorytracker.api.events;

import java.time.Instant;
import java.util.List;

import org.axonframework.serialization.Revision;

import nl.trajectorytracker.api.values.Actor;
import nl.trajectorytracker.api.values.Influence;
import nl.trajectorytracker.api.values.StakeholderScope;
import nl.trajectorytracker.api.values.TrajectoryId;

/**
 * Playbook step (phase 1, internal preparation): Stakeholder updated.
 * Recorded in a later phase, it is marked as a correction.
 */
@Revision("1")
public record StakeholderUpdated(
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

    public StakeholderUpdated {
        interests = interests == null ? List.of() : List.copyOf(interests);
    }
}
