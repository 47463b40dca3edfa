package nl.trajectorytracker.query.trajectoryoverview;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

import org.axonframework.queryhandling.QueryHandler;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoOperations;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.stereotype.Component;

import nl.trajectorytracker.api.queries.FindTrajectories;
import nl.trajectorytracker.api.queries.FindTrajectory;

/**
 * Answers questions about the overview of trajectories. One trajectory is an {@code _id} look-up; a search filters
 * on exact values and a case-insensitive match of the title, which scans the collection (the embedded MongoDB has no
 * secondary or text indexes).
 */
@Component
public class TrajectoryOverviewQueries {

    private final MongoOperations mongo;

    public TrajectoryOverviewQueries(MongoOperations mongo) {
        this.mongo = mongo;
    }

    /** A trajectory outside the organisation filter is not found, exactly like an unknown one. */
    @QueryHandler
    public Optional<TrajectorySummary> handle(FindTrajectory query) {
        return Optional.ofNullable(mongo.findById(query.trajectoryId().value(), TrajectorySummary.class,
                        TrajectoryOverviewProjection.COLLECTION))
                .filter(summary -> query.organisation() == null || summary.parties().stream()
                        .anyMatch(party -> party.organisationName().equals(query.organisation())));
    }

    @QueryHandler
    public TrajectoryPage handle(FindTrajectories query) {
        List<Criteria> filters = new ArrayList<>();
        if (query.organisation() != null) {
            filters.add(Criteria.where("parties.organisationName").is(query.organisation()));
        }
        if (query.party() != null) {
            filters.add(Criteria.where("parties.organisationName").is(query.party()));
        }
        if (query.partyType() != null) {
            filters.add(Criteria.where("parties.type").is(query.partyType().name()));
        }
        if (query.phase() != null) {
            filters.add(Criteria.where("phase").is(query.phase().name()));
        }
        if (query.status() != null) {
            filters.add(Criteria.where("status").is(query.status()));
        }
        if (query.text() != null) {
            filters.add(Criteria.where("title").regex(Pattern.quote(query.text()), "i"));
        }
        Query search = filters.isEmpty() ? new Query() : new Query(new Criteria().andOperator(filters));
        long total = mongo.count(search, TrajectoryOverviewProjection.COLLECTION);
        Sort.Direction direction = query.ascending() ? Sort.Direction.ASC : Sort.Direction.DESC;
        search.with(Sort.by(new Sort.Order(direction, query.sortField()), Sort.Order.asc("_id")))
                .skip((long) query.page() * query.size())
                .limit(query.size());
        List<TrajectorySummary> items = mongo.find(search, TrajectorySummary.class,
                TrajectoryOverviewProjection.COLLECTION);
        return new TrajectoryPage(items, query.page(), query.size(), total);
    }
}
