package nl.trajectorytracker.query.trajectoryoverview;

import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.SequenceNumber;
import org.springframework.stereotype.Component;

import nl.trajectorytracker.api.events.TrajectoryStarted;

/** Keeps the trajectory overview up to date; safe to replay because every write is keyed and versioned. */
@Component
@ProcessingGroup(TrajectoryOverviewProjection.NAME)
public class TrajectoryOverviewProjection {

    public static final String NAME = "trajectory-overview";

    private final TrajectorySummaryRepository summaries;

    public TrajectoryOverviewProjection(TrajectorySummaryRepository summaries) {
        this.summaries = summaries;
    }

    @EventHandler
    void on(TrajectoryStarted event, @SequenceNumber long sequence) {
        summaries.save(new TrajectorySummary(event.trajectoryId().value(), event.title(), event.parties(),
                "INTERNAL_PREPARATION", "ACTIVE", event.occurredAt(), event.actor().principal(),
                event.occurredAt(), sequence));
    }

    @ResetHandler
    void reset() {
        summaries.deleteAll();
    }
}
