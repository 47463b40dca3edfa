package nl.trajectorytracker.api.events;

import java.time.Instant;
import java.util.List;

import org.axonframework.serialization.Revision;

import nl.trajectorytracker.api.values.Actor;
import nl.trajectorytracker.api.values.TrajectoryId;

/**
 * Playbook step (phase 1, internal preparation): Team member assigned.
 * Recorded in a later phase, it is marked as a correction.
 */
@Revision("1")
public record TeamMemberAssigned(
        TrajectoryId trajectoryId,
        String name,
        String role,
        List<String> knowledgeAndSkills,
        boolean correction,
        Actor actor,
        Instant occurredAt) implements TrajectoryEvent {

    public TeamMemberAssigned {
        knowledgeAndSkills = knowledgeAndSkills == null ? List.of() : List.copyOf(knowledgeAndSkills);
    }
}
