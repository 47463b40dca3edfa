package nl.trajectorytracker.query.monitoring;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

import nl.trajectorytracker.query.monitoring.Monitoring.Evaluation;
import nl.trajectorytracker.query.monitoring.Monitoring.Indicator;

/**
 * The monitoring of one trajectory as of a date: each evaluation moment with its status ({@code HELD},
 * {@code OVERDUE}: its date passed without an evaluation, {@code DUE}: within the next days asked for, or
 * {@code SCHEDULED}), and the number due and overdue.
 */
public record MonitoringView(
        String trajectoryId,
        LocalDate asOf,
        List<Indicator> indicators,
        List<Moment> evaluationMoments,
        List<Evaluation> evaluations,
        int due,
        int overdue,
        long version) {

    public record Moment(LocalDate date, String purpose, String status, String scheduledBy, Instant scheduledAt,
            Instant heldAt, String heldKind, Instant overdueFlaggedAt) {
    }
}
