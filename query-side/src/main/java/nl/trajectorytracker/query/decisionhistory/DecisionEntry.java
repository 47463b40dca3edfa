package nl.trajectorytracker.query.decisionhistory;

import java.time.Instant;
import java.util.List;

import nl.trajectorytracker.api.values.DecisionType;
import nl.trajectorytracker.api.values.Phase;

/**
 * One entry of the decision history: what was decided ({@code decision}), why ({@code rationale}), with which
 * alternatives and evidence, answering which guiding question of the playbook, in which phase, by whom and when.
 * {@code reference} is the id of what the decision concerns (decision, proposal, go/no-go moment), if any.
 * {@code occurredAt} is when the step happened (given by the client, or the moment it was sent); {@code recordedAt}
 * when the event store recorded it.
 */
public record DecisionEntry(
        long sequence,
        DecisionType type,
        Phase phase,
        String decision,
        String rationale,
        List<String> alternatives,
        List<String> evidence,
        String guidingQuestionId,
        List<String> agreedBy,
        String reference,
        boolean correction,
        String actor,
        String actorOrganisation,
        Instant occurredAt,
        Instant recordedAt) {

    public DecisionEntry {
        alternatives = alternatives == null ? List.of() : List.copyOf(alternatives);
        evidence = evidence == null ? List.of() : List.copyOf(evidence);
        agreedBy = agreedBy == null ? List.of() : List.copyOf(agreedBy);
    }

    /** This entry, recorded at the given moment. */
    DecisionEntry withRecordedAt(Instant at) {
        return new DecisionEntry(sequence, type, phase, decision, rationale, alternatives, evidence, guidingQuestionId,
                agreedBy, reference, correction, actor, actorOrganisation, occurredAt, at);
    }
}
