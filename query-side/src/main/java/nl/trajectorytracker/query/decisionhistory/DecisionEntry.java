package nl.trajectorytracker.query.decisionhistory;

import java.time.Instant;
import java.util.List;

import nl.trajectorytracker.api.values.DecisionType;
import nl.trajectorytracker.api.values.Phase;

/**
 * One entry of the decision history: what was decided ({@code decision}), why ({@code rationale}), with which
 * alternatives and evidence, answering which guiding question of the playbook, in which phase, by whom and when.
 * {@code reference} is the id of what the decision concerns (decision, proposal, go/no-go moment), if any.
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
        Instant occurredAt) {

    public DecisionEntry {
        alternatives = alternatives == null ? List.of() : List.copyOf(alternatives);
        evidence = evidence == null ? List.of() : List.copyOf(evidence);
        agreedBy = agreedBy == null ? List.of() : List.copyOf(agreedBy);
    }
}
