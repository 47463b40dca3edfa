package nl.trajectorytracker.query.trajectoryoverview;

import java.util.List;
import java.util.Optional;

import org.axonframework.queryhandling.QueryHandler;
import org.springframework.data.mongodb.core.MongoOperations;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.stereotype.Component;

import nl.trajectorytracker.api.queries.FindTrajectories;
import nl.trajectorytracker.api.queries.FindTrajectory;

/**
 * Answers questions about the overview of trajectories. One trajectory is an {@code _id} look-up. A page is answered
 * from a copy of the whole overview held in memory ({@link OverviewSnapshot}), used while its checksum is the
 * overview's stored revision ({@link OverviewRevision}, read by {@code _id} for every page). When the revision has
 * changed (a step applied, by this instance or any other sharing the database, or a rebuild renamed over the
 * collection), the first page to notice reads the recently changed summaries by {@code _id}, again if steps landed
 * meanwhile; if the copy still does not come to a stored checksum (it was further behind, or the collection was
 * replaced), the whole collection is read again. Pages asking meanwhile wait for that one read.
 */
@Component
public class TrajectoryOverviewQueries {

    private static final int CATCH_UP_ATTEMPTS = 3;

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
        OverviewRevision.Stored stored = revision.current();
        OverviewSnapshot kept = snapshot;
        if (stored != null && kept != null && kept.checksum().equals(stored.checksum())) {
            return kept;
        }
        return refreshed();
    }

    /**
     * The copy brought to the stored revision: patched with the recently changed summaries while that brings it
     * closer (steps may land while it reads), else read whole. A patched copy is used only when its checksum is a
     * stored one, which makes it exactly that revision's content.
     */
    private synchronized OverviewSnapshot refreshed() {
        OverviewSnapshot kept = snapshot;
        for (int patches = 0; kept != null; patches++) {
            OverviewRevision.Stored stored = revision.current();
            if (stored == null) {
                break;
            }
            if (kept.checksum().equals(stored.checksum())) {
                snapshot = kept;
                return kept;
            }
            if (patches == CATCH_UP_ATTEMPTS) {
                break;
            }
            kept = kept.with(stored.recent(), summaries(stored.recent()));
        }
        // read after the revision: at least as new as it, since the projection writes the revision last
        OverviewSnapshot fresh = new OverviewSnapshot(mongo.findAll(TrajectorySummary.class,
                TrajectoryOverviewProjection.COLLECTION));
        snapshot = fresh;
        return fresh;
    }

    /** The stored summaries of these trajectories, in one reply. */
    private List<TrajectorySummary> summaries(List<String> trajectories) {
        if (trajectories.isEmpty()) {
            return List.of();
        }
        Query byIds = new Query(Criteria.where("_id").in(trajectories)).cursorBatchSize(trajectories.size());
        return mongo.find(byIds, TrajectorySummary.class, TrajectoryOverviewProjection.COLLECTION);
    }
}
