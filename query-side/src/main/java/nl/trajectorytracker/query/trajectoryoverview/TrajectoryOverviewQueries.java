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

    /** A trajectory outside the organisation filter is not found, exactly like an unknown one. */
    @QueryHandler
    public Optional<TrajectorySummary> handle(FindTrajectory query) {
        return summaries.findById(query.trajectoryId().value())
                .filter(summary -> query.organisation() == null || summary.parties().stream()
                        .anyMatch(party -> party.organisationName().equals(query.organisation())));
    }

    @QueryHandler
    public TrajectoryPage handle(FindTrajectories query) {
        var request = PageRequest.of(query.page(), query.size(),
                Sort.by(Sort.Order.desc("lastActivityAt"), Sort.Order.asc("_id")));
        var page = query.organisation() == null
                ? summaries.findAll(request)
                : summaries.findByPartiesOrganisationName(query.organisation(), request);
        return new TrajectoryPage(page.getContent(), query.page(), query.size(), page.getTotalElements());
    }
}
