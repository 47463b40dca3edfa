package nl.trajectorytracker.api.queries;

import java.time.LocalDate;

import nl.trajectorytracker.api.values.Require;

/**
 * Asks, across all trajectories, for the evaluation moments scheduled before {@code asOf} that were neither held
 * nor flagged as overdue yet. Used by the system's scheduled check; it scans every trajectory's monitoring.
 */
public record FindOverdueEvaluations(LocalDate asOf) {

    public FindOverdueEvaluations {
        Require.present("asOf", asOf);
    }

    /** One moment that is overdue and not flagged yet. */
    public record OverdueEvaluation(String trajectoryId, LocalDate scheduledFor, String purpose) {
    }
}
