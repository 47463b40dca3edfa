package nl.trajectorytracker.api.queries;

import nl.trajectorytracker.api.values.Require;
import nl.trajectorytracker.api.values.TrajectoryId;

/**
 * Asks for the overview of one trajectory.
 *
 * @param organisation when set, the trajectory is found only if this organisation is a party; {@code null} for any
 */
public record FindTrajectory(TrajectoryId trajectoryId, String organisation) {

    public FindTrajectory {
        Require.present("trajectoryId", trajectoryId);
        organisation = Require.optionalText("organisation", organisation, 200);
    }

    /** The trajectory, whoever is a party. */
    public FindTrajectory(TrajectoryId trajectoryId) {
        this(trajectoryId, null);
    }
}
