package nl.trajectorytracker.api.queries;

import nl.trajectorytracker.api.values.Require;
import nl.trajectorytracker.api.values.TrajectoryId;

/**
 * Asks for the trust assessments per counterpart over time of one trajectory.
 *
 * @param organisation when set, the trajectory is found only if this organisation is a party; {@code null} for any
 */
public record FindTrustTrend(TrajectoryId trajectoryId, String organisation) {

    public FindTrustTrend {
        Require.present("trajectoryId", trajectoryId);
        organisation = Require.optionalText("organisation", organisation, 200);
    }
}
