package nl.trajectorytracker.command.rest;

/** Answer to a recorded step: the trajectory and its new version, to send back as {@code If-Match}. */
public record StepRecorded(String trajectoryId, long version) {
}
