package nl.trajectorytracker.api.events;

import java.time.Instant;

import org.axonframework.serialization.Revision;

import nl.trajectorytracker.api.values.Actor;
import nl.trajectorytracker.api.values.TrajectoryId;

/**
 * Playbook step (phase 1, internal preparation): Previous agreement assessed.
 * Recorded in a later phase, it is marked as a correction.
 */
@Revision("1")
public record PreviousAgreementAssessed(
        TrajectoryId trajectoryId,
        String agreement,
        boolean servesOurGoals,
        String why,
        boolean contractingQuestion,
        TrajectoryId previousTrajectoryId,
        boolean correction,
        Actor actor,
        Instant occurredAt) implements TrajectoryEvent {
}
