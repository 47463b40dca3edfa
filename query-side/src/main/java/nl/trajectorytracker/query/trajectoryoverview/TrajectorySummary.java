package nl.trajectorytracker.query.trajectoryoverview;

import java.time.Instant;
import java.util.List;

import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.mapping.Document;

import nl.trajectorytracker.api.values.Party;

/**
 * One row of the trajectory overview. {@code version} is the sequence number of the last event applied, which
 * makes the projection idempotent: an event at or below it has been seen already. {@code outcome} and
 * {@code conclusion} (why) are {@code null} until the trajectory is concluded.
 */
@Document(TrajectoryOverviewProjection.COLLECTION)
public record TrajectorySummary(
        @Id String id,
        String title,
        List<Party> parties,
        String phase,
        String status,
        Instant startedAt,
        String startedBy,
        Instant lastActivityAt,
        long version,
        String outcome,
        String conclusion) {
}
