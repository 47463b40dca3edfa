package nl.trajectorytracker.query.trajectoryoverview;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import org.axonframework.queryhandling.QueryHandler;
import org.bson.Document;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.data.mongodb.core.MongoOperations;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.stereotype.Component;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

import nl.trajectorytracker.api.queries.FindTrajectories;
import nl.trajectorytracker.api.queries.FindTrajectory;

/**
 * Answers questions about the overview of trajectories. One trajectory is an {@code _id} look-up. A page is answered
 * from a copy of the whole overview held in memory ({@link OverviewSnapshot}), used while its checksum is the
 * overview's stored revision ({@link OverviewRevision}, read by {@code _id} for every page). When the revision has
 * changed (a step applied, by this instance or any other sharing the database, or a rebuild renamed over the
 * collection), the first page to notice reads the recently changed summaries by {@code _id}, again if steps landed
 * meanwhile; if the copy still does not come to a stored checksum (it was further behind, or the collection was
 * replaced), the whole collection is read again. Pages asking meanwhile wait for that one read. A copy read whole
 * whose content does not come to the stored checksum (a summary changed in the database behind the service's back)
 * still answers for {@value #READ_WHOLE_KEPT_SECONDS} s while the stored revision stays the same, where every page
 * once read the whole collection anew; not longer, since a rebuild that puts back what the service wrote stores the
 * same revision as before.
 * <p>
 * A summary the service cannot read (changed outside it: a field of another type, a status it does not know) is left
 * out of the lists and not found by itself, and logged, where it once failed every list page for everyone; a rebuild
 * of the overview writes it anew from the events.
 */
@Component
public class TrajectoryOverviewQueries {

    private static final int CATCH_UP_ATTEMPTS = 3;
    private static final long READ_WHOLE_KEPT_SECONDS = 5;

    private static final Logger log = LoggerFactory.getLogger(TrajectoryOverviewQueries.class);

    private final MongoOperations mongo;
    private final OverviewRevision revision;
    private volatile OverviewSnapshot snapshot;
    /** The stored revision the snapshot was read whole for, and when; null when it was patched to match one. */
    private volatile OverviewRevision.Checksum readWholeFor;
    private volatile long readWholeAt;
    /** Unreadable summaries logged lately: said once an hour, not on every page. */
    private final Cache<Object, Boolean> unreadableLogged = Caffeine.newBuilder().maximumSize(1_000)
            .expireAfterWrite(Duration.ofHours(1)).build();

    public TrajectoryOverviewQueries(MongoOperations mongo) {
        this.mongo = mongo;
        this.revision = new OverviewRevision(mongo, TrajectoryOverviewProjection.COLLECTION,
                OverviewRevision.COLLECTION);
    }

    /** A trajectory outside the organisation filter is not found, exactly like an unknown one. */
    @QueryHandler
    public Optional<TrajectorySummary> handle(FindTrajectory query) {
        Document stored = mongo.findById(query.trajectoryId().value(), Document.class,
                TrajectoryOverviewProjection.COLLECTION);
        return (stored == null ? List.<TrajectorySummary>of() : readable(List.of(stored))).stream().findFirst()
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
        if (stored != null && kept != null && (kept.checksum().equals(stored.checksum())
                || readWholeLately(stored))) {
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
            if (patches == 0 && readWholeLately(stored)) {
                return kept;
            }
            if (kept.checksum().equals(stored.checksum())) {
                readWholeFor = null;
                snapshot = kept;
                return kept;
            }
            if (patches == CATCH_UP_ATTEMPTS) {
                break;
            }
            kept = kept.with(stored.recent(), summaries(stored.recent()));
        }
        // read after the revision: at least as new as it, since the projection writes the revision last
        OverviewRevision.Stored before = revision.current();
        OverviewSnapshot fresh = new OverviewSnapshot(readable(mongo.findAll(Document.class,
                TrajectoryOverviewProjection.COLLECTION)));
        readWholeFor = before == null ? null : before.checksum();
        readWholeAt = System.nanoTime();
        snapshot = fresh;
        return fresh;
    }

    private boolean readWholeLately(OverviewRevision.Stored stored) {
        return stored.checksum().equals(readWholeFor)
                && System.nanoTime() - readWholeAt < TimeUnit.SECONDS.toNanos(READ_WHOLE_KEPT_SECONDS);
    }

    /** The summaries these documents hold, leaving out (and logging) any the service cannot read. */
    private List<TrajectorySummary> readable(List<Document> documents) {
        List<TrajectorySummary> summaries = new ArrayList<>(documents.size());
        for (Document document : documents) {
            try {
                summaries.add(mongo.getConverter().read(TrajectorySummary.class, document));
            } catch (RuntimeException e) {
                Object id = document.get("_id");
                if (unreadableLogged.asMap().putIfAbsent(String.valueOf(id), Boolean.TRUE) == null) {
                    log.error("The overview of trajectory {} cannot be read: it was changed outside the service. It is"
                            + " left out of the lists until the overview is rebuilt (POST /api/admin/projections/"
                            + "{}/rebuild)", id, TrajectoryOverviewProjection.NAME, e);
                }
            }
        }
        return summaries;
    }

    /** The stored summaries of these trajectories, in one reply. */
    private List<TrajectorySummary> summaries(List<String> trajectories) {
        if (trajectories.isEmpty()) {
            return List.of();
        }
        Query byIds = new Query(Criteria.where("_id").in(trajectories)).cursorBatchSize(trajectories.size());
        return readable(mongo.find(byIds, Document.class, TrajectoryOverviewProjection.COLLECTION));
    }
}
