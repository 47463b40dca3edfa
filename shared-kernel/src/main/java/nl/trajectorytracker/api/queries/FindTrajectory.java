package nl.trajectorytracker.api.queries;

import nl.trajectorytracker.api.values.Require;
import nl.trajectorytracker.api.values.TrajectoryId;

/** Asks for the overview of one trajectory. */
public record FindTrajectory(TrajectoryId trajectoryId) {

    public FindTrajectory {
        Require.present("trajectoryId", trajectoryId);
    }
}
