package nl.trajectorytracker.api.events;

import java.time.Instant;
import java.util.List;

import org.axonframework.serialization.Revision;

import nl.trajectorytracker.api.values.Actor;
import nl.trajectorytracker.api.values.TrajectoryId;

/**
 * Playbook step (phase 5, after the agreement): Final evaluation held.
 * Recorded in a later phase, it is marked as a correction.
 */
@Revision("1")
public record FinalEvaluationHeld(
        TrajectoryId trajectoryId,
        String form,
        List<String> outcomes,
        List<String> lessons,
        boolean correction,
        Actor actor,
        Instant occurredAt) implements TrajectoryEvent {

    public FinalEvaluationHeld {
        outcomes = outcomes == null ? List.of() : List.copyOf(outcomes);
        lessons = lessons == null ? List.of() : List.copyOf(lessons);
    }
}
