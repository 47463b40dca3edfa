package nl.trajectorytracker.query.trajectoryoverview;

import java.util.Optional;

import org.axonframework.queryhandling.QueryHandler;
import org.springframework.data.mongodb.core.MongoOperations;
import org.springframework.stereotype.Component;

import nl.trajectorytracker.api.queries.FindTrajectories;
import nl.trajectorytracker.api.queries.FindTrajectory;

/**
 * Answers questions about the overview of trajectories. One trajectory is an {@code _id} look-up. A page is answered
 * from a copy of the whole overview held in memory ({@link OverviewSnapshot}), valid while the overview's stored
 * revision ({@link OverviewRevision}, read by {@code _id} for every page) is the one the copy was read at; when the
 * revision has changed (a step applied, by this instance or any other sharing the database, or a rebuild renamed
 * over the collection) the copy is read again, once, by whichever page asks first. Without a stored revision (a store
 * from before it existed, until its first step) every page reads the collection.
 */
@Component
public class TrajectoryOverviewQueries {

    private final MongoOperations mongo;
    private final OverviewRevision revision;
    private volatile OverviewSnapshot snapshot;

    public TrajectoryOverviewQueries(MongoOperations mongo) {
        this.mongo = mongo;
        this.revision = new OverviewRevision(mongo, TrajectoryOverviewProjection.COLLECTION,
                OverviewRevision.COLLECTION);
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
        return current().page(query);
    }

    private OverviewSnapshot current() {
        String stored = revision.current();
        OverviewSnapshot kept = snapshot;
        if (stored != null && kept != null && kept.revision().equals(stored)) {
            return kept;
        }
        return stored == null ? read(null) : readOnce();
    }

    /** One reader reads the collection for a new revision; the pages asking meanwhile wait for its copy. */
    private synchronized OverviewSnapshot readOnce() {
        String stored = revision.current();
        OverviewSnapshot kept = snapshot;
        if (kept != null && kept.revision().equals(stored)) {
            return kept;
        }
        OverviewSnapshot fresh = read(stored);
        if (stored != null) {
            snapshot = fresh;
        }
        return fresh;
    }

    /**
     * The summaries as stored now, at least as new as {@code stored}: the projection writes a revision after the
     * summaries it counts.
     */
    private OverviewSnapshot read(String stored) {
        return new OverviewSnapshot(stored, mongo.findAll(TrajectorySummary.class,
                TrajectoryOverviewProjection.COLLECTION));
    }
}
