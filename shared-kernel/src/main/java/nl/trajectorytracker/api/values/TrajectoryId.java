package nl.trajectorytracker.api.values;

import java.util.UUID;

/** Identity of a trajectory; a UUID in canonical text form. */
public record TrajectoryId(String value) {

    public TrajectoryId {
        value = Require.text("trajectoryId", value, 64);
        try {
            value = UUID.fromString(value).toString();
        } catch (IllegalArgumentException e) {
            throw new InvalidValueException("trajectoryId", "must be a UUID");
        }
    }

    public static TrajectoryId random() {
        return new TrajectoryId(UUID.randomUUID().toString());
    }

    @Override
    public String toString() {
        return value;
    }
}
