package nl.trajectorytracker.query.trajectoryoverview;

import java.util.Optional;

import org.axonframework.queryhandling.QueryHandler;
import org.springframework.data.domain.PageRequest;
import org.springframework.data.domain.Sort;
import org.springframework.stereotype.Component;

import nl.trajectorytracker.api.queries.FindTrajectories;
import nl.trajectorytracker.api.queries.FindTrajectory;

/** Answers questions about the overview of trajectories. */
@Component
public class TrajectoryOverviewQueries {

    private final TrajectorySummaryRepository summaries;

    public TrajectoryOverviewQueries(TrajectorySummaryRepository summaries) {
        this.summaries = summaries;
    }

    @QueryHandler
    public Optional<TrajectorySummary> handle(FindTrajectory query) {
        return summaries.findById(query.trajectoryId().value());
    }

    @QueryHandler
    public TrajectoryPage handle(FindTrajectories query) {
        var page = summaries.findAll(PageRequest.of(query.page(), query.size(),
                Sort.by(Sort.Order.desc("lastActivityAt"), Sort.Order.asc("_id"))));
        return new TrajectoryPage(page.getContent(), query.page(), query.size(), page.getTotalElements());
    }
}
