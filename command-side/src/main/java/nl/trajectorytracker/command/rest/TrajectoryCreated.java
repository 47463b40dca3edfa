package nl.trajectorytracker.command.rest;

/** Answer to a started trajectory: its id and the version the client can send back as {@code If-Match}. */
public record TrajectoryCreated(String id, long version) {
}
