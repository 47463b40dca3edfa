package nl.trajectorytracker.query.trusttrend;

import java.util.Optional;

import org.axonframework.queryhandling.QueryHandler;
import org.springframework.data.mongodb.core.MongoOperations;
import org.springframework.stereotype.Component;

import nl.trajectorytracker.api.queries.FindTrustTrend;
import nl.trajectorytracker.query.access.ReadScope;

/** Answers for the trust trend of one trajectory: one {@code _id} look-up. */
@Component
public class TrustTrendQueries {

    private final MongoOperations mongo;

    public TrustTrendQueries(MongoOperations mongo) {
        this.mongo = mongo;
    }

    /** A trajectory outside the organisation filter is not found, exactly like an unknown one. */
    @QueryHandler
    public Optional<TrustTrend> handle(FindTrustTrend query) {
        return Optional.ofNullable(mongo.findById(query.trajectoryId().value(), TrustTrend.class,
                        TrustTrendProjection.COLLECTION))
                .filter(network -> new ReadScope(query.organisation()).permits(network.parties()));
    }
}
