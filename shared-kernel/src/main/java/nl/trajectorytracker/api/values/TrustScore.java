package nl.trajectorytracker.api.values;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/** Trust on a five-point scale: 1 is none at all, 5 is complete. Written in JSON as a bare number. */
public record TrustScore(@JsonValue int value) {

    public static final int LOWEST = 1;
    public static final int HIGHEST = 5;

    @JsonCreator
    public TrustScore {
        Require.between("trustScore", value, LOWEST, HIGHEST);
    }
}
