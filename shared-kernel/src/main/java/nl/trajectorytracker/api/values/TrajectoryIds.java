package nl.trajectorytracker.api.values;

/** Reads trajectory ids from URLs. */
public final class TrajectoryIds {

    private TrajectoryIds() {
    }

    /**
     * A path segment that is not a valid id names no trajectory, so it is reported exactly like an unknown one:
     * a client learns nothing from the difference.
     */
    public static TrajectoryId fromPath(String segment) {
        try {
            return new TrajectoryId(segment);
        } catch (InvalidValueException e) {
            throw new DomainException(ErrorCode.TRAJECTORY_NOT_FOUND, "No trajectory with id " + segment);
        }
    }

    /** An optional reference to another trajectory in a request body: blank is none, malformed names the field. */
    public static TrajectoryId optional(String field, String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return new TrajectoryId(value);
        } catch (InvalidValueException e) {
            throw new InvalidValueException(field, "must be a UUID");
        }
    }
}
