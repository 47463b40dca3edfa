package nl.trajectorytracker.api.events;

import java.time.Instant;
import java.util.List;

import org.axonframework.serialization.Revision;

import nl.trajectorytracker.api.values.Actor;
import nl.trajectorytracker.api.values.Phase;
import nl.trajectorytracker.api.values.TrajectoryId;

/** Playbook step (any phase): Decision recorded. Carries the phase the trajectory was in. */
@Revision("1")
public record DecisionRecorded(
        TrajectoryId trajectoryId,
        String decisionId,
        String decision,
        String rationale,
        List<String> alternativesConsidered,
        List<String> evidence,
        String guidingQuestionId,
        List<String> agreedBy,
        Phase phase,
        Actor actor,
        Instant occurredAt) implements TrajectoryEvent {

    public DecisionRecorded {
        alternativesConsidered = alternativesConsidered == null ? List.of() : List.copyOf(alternativesConsidered);
        evidence = evidence == null ? List.of() : List.copyOf(evidence);
        agreedBy = agreedBy == null ? List.of() : List.copyOf(agreedBy);
    }
}
