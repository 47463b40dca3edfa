package nl.trajectorytracker.query.decisionhistory;

import java.util.List;

import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.mapping.Document;

import nl.trajectorytracker.api.values.Party;
import nl.trajectorytracker.api.values.Phase;

/**
 * The decision history of one trajectory, keyed by its id: every decision-like step in the order it was recorded.
 * {@code phase} is the phase the trajectory is in now; {@code lastSequence} the sequence number of the last event
 * applied, so the projection skips events it has seen.
 */
@Document(DecisionHistoryProjection.COLLECTION)
public record DecisionHistory(
        @Id String id,
        List<Party> parties,
        Phase phase,
        List<DecisionEntry> entries,
        long lastSequence) {

    public DecisionHistory {
        parties = parties == null ? List.of() : List.copyOf(parties);
        entries = entries == null ? List.of() : List.copyOf(entries);
    }
}
