package nl.trajectorytracker.query.decisionhistory;

import java.util.Optional;

import org.axonframework.queryhandling.QueryHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.data.mongodb.core.MongoOperations;
import org.springframework.stereotype.Component;

import nl.trajectorytracker.api.queries.FindDecisionHistory;
import nl.trajectorytracker.api.values.DomainException;
import nl.trajectorytracker.api.values.ErrorCode;
import nl.trajectorytracker.query.access.ReadScope;
import nl.trajectorytracker.query.readmodel.DatabaseFailures;

/** Answers for the decision history of one trajectory: one {@code _id} look-up, filtered in memory. */
@Component
public class DecisionHistoryQueries {

    private static final Logger log = LoggerFactory.getLogger(DecisionHistoryQueries.class);

    private final MongoOperations mongo;

    public DecisionHistoryQueries(MongoOperations mongo) {
        this.mongo = mongo;
    }

    /** A trajectory outside the organisation filter is not found, exactly like an unknown one. */
    @QueryHandler
    public Optional<DecisionHistory> handle(FindDecisionHistory query) {
        return Optional.ofNullable(stored(query.trajectoryId().value()))
                .filter(history -> new ReadScope(query.organisation()).permits(history.parties()))
                .map(history -> new DecisionHistory(history.id(), history.parties(), history.phase(),
                        history.entries().stream().filter(entry -> matches(query, entry)).toList(),
                        history.lastSequence()));
    }

    /**
     * The stored history; a document a database write left unreadable is a conflict naming it (a rebuild writes it
     * anew), not a 500. Read before the scope check, as the document holds the parties: the gate in front of every
     * trajectory's endpoints has decided who may ask already.
     */
    private DecisionHistory stored(String trajectoryId) {
        try {
            DecisionHistory history = mongo.findById(trajectoryId, DecisionHistory.class,
                    DecisionHistoryProjection.COLLECTION);
            if (history != null) {
                // the mapping leaves a list's elements as stored: one that is no entry fails here, not later
                history.entries().forEach(DecisionEntry.class::cast);
            }
            return history;
        } catch (RuntimeException e) {
            if (DatabaseFailures.causedBy(e)) {
                throw e;
            }
            log.error("The decision history of trajectory {} cannot be read from its read model (changed in the"
                    + " database?); a rebuild of {} writes it anew", trajectoryId, DecisionHistoryProjection.NAME, e);
            throw new DomainException(ErrorCode.RECORD_UNREADABLE, "The decision history of this trajectory cannot be"
                    + " read; an administrator's rebuild of the read model restores it");
        }
    }

    private static boolean matches(FindDecisionHistory query, DecisionEntry entry) {
        return (query.phase() == null || query.phase() == entry.phase())
                && (query.type() == null || query.type() == entry.type())
                && (query.actor() == null || query.actor().equals(entry.actor()))
                && (query.from() == null || !entry.occurredAt().isBefore(query.from()))
                && (query.to() == null || !entry.occurredAt().isAfter(query.to()));
    }
}
