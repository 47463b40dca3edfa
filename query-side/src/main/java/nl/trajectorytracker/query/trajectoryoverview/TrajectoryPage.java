package nl.trajectorytracker.query.trajectoryoverview;

import java.util.List;

/** One page of the trajectory overview. */
public record TrajectoryPage(List<TrajectorySummary> items, int page, int size, long total) {
}
