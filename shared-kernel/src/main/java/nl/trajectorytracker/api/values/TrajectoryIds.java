package nl.trajectorytracker.api.values;

/** Reads trajectory ids from URLs. */
public final class TrajectoryIds {

    private TrajectoryIds() {
    }

    /**
     * A path segment that is not an id as the service writes them (a UUID in lower case, nothing around it) names no
     * trajectory, so it is reported exactly like an unknown one: a client learns nothing from the difference. An id
     * in upper case or with a blank after it once reached the same trajectory under another path, which a cache or
     * the Idempotency-Key's fingerprint took for another resource.
     */
    public static TrajectoryId fromPath(String segment) {
        try {
            TrajectoryId id = new TrajectoryId(segment);
            if (id.value().equals(segment)) {
                return id;
            }
        } catch (InvalidValueException e) {
            // refused below, as any other segment that is no id
        }
        throw new DomainException(ErrorCode.TRAJECTORY_NOT_FOUND, "No trajectory with id " + segment);
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
