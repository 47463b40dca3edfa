package nl.trajectorytracker.command.rest;

import java.util.List;

import nl.trajectorytracker.api.values.Party;

/** Body of {@code POST /api/trajectories}. */
public record StartTrajectoryRequest(String title, List<Party> parties) {
}
