package nl.trajectorytracker.query.trajectoryoverview;

import java.util.List;
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

/** Keeps the trajectory overview up to date; safe to replay because every write is keyed and versioned. */
@Component
@ProcessingGroup(TrajectoryOverviewProjection.NAME)
@StoredShape(2) // 2: the outcome and conclusion of a concluded trajectory
public class TrajectoryOverviewProjection implements ReplayableProjection {

    public static final String NAME = "trajectory-overview";
    public static final String COLLECTION = "trajectory_overview";

    private final DocumentStore<TrajectorySummary> summaries;

    @Autowired
    public TrajectoryOverviewProjection(MongoOperations mongo) {
        this(new DocumentStore<>(mongo, TrajectorySummary.class, COLLECTION));
    }

    TrajectoryOverviewProjection(DocumentStore<TrajectorySummary> summaries) {
        this.summaries = summaries;
    }

    @EventHandler
    void on(TrajectoryStarted event, @SequenceNumber long sequence) {
        summaries.save(new TrajectorySummary(event.trajectoryId().value(), event.title(), event.parties(),
                "INTERNAL_PREPARATION", "ACTIVE", event.occurredAt(), event.actor().principal(),
                event.occurredAt(), sequence, null, null));
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

    private void update(TrajectoryEvent event, long sequence, UnaryOperator<TrajectorySummary> change) {
        summaries.updateIfNewer(event.trajectoryId().value(), sequence, TrajectorySummary::version, change);
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
    }

    @Override
    public String processingGroup() {
        return NAME;
    }

    @Override
    public List<String> collections() {
        return List.of(COLLECTION);
    }

    @Override
    public Object writingTo(MongoOperations mongo, String prefix) {
        return new TrajectoryOverviewProjection(
                new DocumentStore<>(mongo, TrajectorySummary.class, prefix + COLLECTION));
    }
}
