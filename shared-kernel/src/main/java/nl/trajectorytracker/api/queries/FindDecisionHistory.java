package nl.trajectorytracker.api.queries;

import java.time.Instant;

import nl.trajectorytracker.api.values.DecisionType;
import nl.trajectorytracker.api.values.InvalidValueException;
import nl.trajectorytracker.api.values.Phase;
import nl.trajectorytracker.api.values.Require;
import nl.trajectorytracker.api.values.TrajectoryId;

/**
 * Asks for the ordered decision history of one trajectory, optionally filtered. Every filter is optional.
 *
 * @param organisation when set, the trajectory is found only if this organisation is a party
 * @param actor        the principal who recorded the entry
 * @param from         entries that happened at or after this moment
 * @param to           entries that happened at or before this moment
 */
public record FindDecisionHistory(TrajectoryId trajectoryId, String organisation, Phase phase, DecisionType type,
        String actor, Instant from, Instant to) {

    public FindDecisionHistory {
        Require.present("trajectoryId", trajectoryId);
        organisation = Require.optionalText("organisation", organisation, 200);
        actor = Require.optionalText("actor", actor, 200);
        if (from != null && to != null && from.isAfter(to)) {
            throw new InvalidValueException("from", "must not be after to");
        }
    }

    /** The whole history, whoever is a party. */
    public FindDecisionHistory(TrajectoryId trajectoryId) {
        this(trajectoryId, null, null, null, null, null, null);
    }
}
