package nl.trajectorytracker.query.trajectoryoverview;

import java.util.List;
import java.util.Optional;
import java.util.function.UnaryOperator;

import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.SequenceNumber;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.mongodb.core.MongoOperations;
import org.springframework.stereotype.Component;

import nl.trajectorytracker.api.events.PhaseAdvanced;
import nl.trajectorytracker.api.events.TrajectoryConcluded;
import nl.trajectorytracker.api.events.TrajectoryEvent;
import nl.trajectorytracker.api.events.TrajectoryStarted;
import nl.trajectorytracker.query.readmodel.DocumentStore;
import nl.trajectorytracker.query.readmodel.ReplayableProjection;
import nl.trajectorytracker.query.readmodel.StoredShape;

/**
 * Keeps the trajectory overview up to date, and its revision (see {@link OverviewRevision}), by which list pages know
 * that the copy of the overview they answer from is current; safe to replay because every write is keyed and
 * versioned.
 */
@Component
@ProcessingGroup(TrajectoryOverviewProjection.NAME)
@StoredShape(3) // 2: the outcome and conclusion of a concluded trajectory; 3: the overview's revision
public class TrajectoryOverviewProjection implements ReplayableProjection {

    public static final String NAME = "trajectory-overview";
    public static final String COLLECTION = "trajectory_overview";

    private final DocumentStore<TrajectorySummary> summaries;
    private final OverviewRevision revision;

    @Autowired
    public TrajectoryOverviewProjection(MongoOperations mongo) {
        this(mongo, "");
    }

    /** Writing into the collections named with {@code prefix}. */
    private TrajectoryOverviewProjection(MongoOperations mongo, String prefix) {
        this.summaries = new DocumentStore<>(mongo, TrajectorySummary.class, prefix + COLLECTION);
        this.revision = new OverviewRevision(mongo, prefix + COLLECTION, prefix + OverviewRevision.COLLECTION);
    }

    @EventHandler
    void on(TrajectoryStarted event, @SequenceNumber long sequence) {
        String id = event.trajectoryId().value();
        Optional<TrajectorySummary> before = summaries.find(id);
        TrajectorySummary started = new TrajectorySummary(id, event.title(), event.parties(),
                "INTERNAL_PREPARATION", "ACTIVE", event.occurredAt(), event.actor().principal(),
                event.occurredAt(), sequence, null, null);
        summaries.save(started);
        if (before.isPresent()) {
            revision.seenAgain(id);
        } else {
            revision.changed(null, started);
        }
    }

    @EventHandler
    void on(PhaseAdvanced event, @SequenceNumber long sequence) {
        update(event, sequence, summary -> with(summary, event.to().name(), summary.status(), event, sequence));
    }

    @EventHandler
    void on(TrajectoryConcluded event, @SequenceNumber long sequence) {
        update(event, sequence, summary -> new TrajectorySummary(summary.id(), summary.title(), summary.parties(),
                summary.phase(), "CONCLUDED", summary.startedAt(), summary.startedBy(), event.occurredAt(), sequence,
                event.outcome().name(), event.why()));
    }

    /** Any other step is activity on the trajectory. */
    @EventHandler
    void on(TrajectoryEvent event, @SequenceNumber long sequence) {
        update(event, sequence, summary -> with(summary, summary.phase(), summary.status(), event, sequence));
    }

    /**
     * Applies a change unless the trajectory is unknown or the event was applied already (the version makes every
     * write idempotent under replays and redeliveries).
     */
    private void update(TrajectoryEvent event, long sequence, UnaryOperator<TrajectorySummary> change) {
        Optional<TrajectorySummary> found = summaries.find(event.trajectoryId().value());
        if (found.isEmpty()) {
            return;
        }
        TrajectorySummary before = found.get();
        String id = before.id();
        if (sequence <= before.version()) {
            revision.seenAgain(id);
            return;
        }
        TrajectorySummary after = change.apply(before);
        summaries.save(after);
        revision.changed(before, after);
    }

    private static TrajectorySummary with(TrajectorySummary summary, String phase, String status,
            TrajectoryEvent event, long sequence) {
        return new TrajectorySummary(summary.id(), summary.title(), summary.parties(), phase, status,
                summary.startedAt(), summary.startedBy(), event.occurredAt(), sequence, summary.outcome(),
                summary.conclusion());
    }

    @ResetHandler
    void reset() {
        summaries.clear();
        revision.cleared();
    }

    @Override
    public String processingGroup() {
        return NAME;
    }

    @Override
    public List<String> collections() {
        return List.of(COLLECTION, OverviewRevision.COLLECTION);
    }

    @Override
    public Object writingTo(MongoOperations mongo, String prefix) {
        return new TrajectoryOverviewProjection(mongo, prefix);
    }
}
