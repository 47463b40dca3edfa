package nl.trajectorytracker.query.stakeholdernetwork;

import java.util.Optional;

import org.axonframework.queryhandling.QueryHandler;
import org.springframework.data.mongodb.core.MongoOperations;
import org.springframework.stereotype.Component;

import nl.trajectorytracker.api.queries.FindStakeholderNetwork;
import nl.trajectorytracker.query.access.ReadScope;

/** Answers for the stakeholder network of one trajectory: one {@code _id} look-up. */
@Component
public class StakeholderNetworkQueries {

    private final MongoOperations mongo;

    public StakeholderNetworkQueries(MongoOperations mongo) {
        this.mongo = mongo;
    }

    /** A trajectory outside the organisation filter is not found, exactly like an unknown one. */
    @QueryHandler
    public Optional<StakeholderNetwork> handle(FindStakeholderNetwork query) {
        return Optional.ofNullable(mongo.findById(query.trajectoryId().value(), StakeholderNetwork.class,
                        StakeholderNetworkProjection.COLLECTION))
                .filter(network -> new ReadScope(query.organisation()).permits(network.parties()));
    }
}
