package nl.trajectorytracker.api.queries;

import java.time.LocalDate;

import nl.trajectorytracker.api.values.Require;
import nl.trajectorytracker.api.values.TrajectoryId;

/**
 * Asks for the monitoring of one trajectory: indicators with their measurements and the evaluation moments, with
 * their status as of {@code asOf} (due within {@code dueWithinDays} days, or overdue).
 *
 * @param organisation when set, the trajectory is found only if this organisation is a party; {@code null} for any
 */
public record FindMonitoring(TrajectoryId trajectoryId, String organisation, LocalDate asOf, int dueWithinDays) {

    public static final int DEFAULT_DUE_WITHIN_DAYS = 14;

    public FindMonitoring {
        Require.present("trajectoryId", trajectoryId);
        organisation = Require.optionalText("organisation", organisation, 200);
        Require.present("asOf", asOf);
        Require.between("dueWithinDays", dueWithinDays, 0, 366);
    }
}
