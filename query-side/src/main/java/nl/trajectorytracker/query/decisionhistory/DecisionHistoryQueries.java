package nl.trajectorytracker.query.decisionhistory;

import java.util.Optional;

import org.axonframework.queryhandling.QueryHandler;
import org.springframework.data.mongodb.core.MongoOperations;
import org.springframework.stereotype.Component;

import nl.trajectorytracker.api.queries.FindDecisionHistory;
import nl.trajectorytracker.query.access.ReadScope;

/** Answers for the decision history of one trajectory: one {@code _id} look-up, filtered in memory. */
@Component
public class DecisionHistoryQueries {

    private final MongoOperations mongo;

    public DecisionHistoryQueries(MongoOperations mongo) {
        this.mongo = mongo;
    }

    /** A trajectory outside the organisation filter is not found, exactly like an unknown one. */
    @QueryHandler
    public Optional<DecisionHistory> handle(FindDecisionHistory query) {
        return Optional.ofNullable(mongo.findById(query.trajectoryId().value(), DecisionHistory.class,
                        DecisionHistoryProjection.COLLECTION))
                .filter(history -> new ReadScope(query.organisation()).permits(history.parties()))
                .map(history -> new DecisionHistory(history.id(), history.parties(), history.phase(),
                        history.entries().stream().filter(entry -> matches(query, entry)).toList(),
                        history.lastSequence()));
    }

    private static boolean matches(FindDecisionHistory query, DecisionEntry entry) {
        return (query.phase() == null || query.phase() == entry.phase())
                && (query.type() == null || query.type() == entry.type())
                && (query.actor() == null || query.actor().equals(entry.actor()))
                && (query.from() == null || !entry.occurredAt().isBefore(query.from()))
                && (query.to() == null || !entry.occurredAt().isAfter(query.to()));
    }
}
