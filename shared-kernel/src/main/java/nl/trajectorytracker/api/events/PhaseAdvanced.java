package nl.trajectorytracker.api.events;

import java.time.Instant;
import java.util.List;

import org.axonframework.serialization.Revision;

import nl.trajectorytracker.api.values.Actor;
import nl.trajectorytracker.api.values.GateCondition;
import nl.trajectorytracker.api.values.Phase;
import nl.trajectorytracker.api.values.TrajectoryId;

/**
 * The trajectory moved to the next phase. When its gate was closed, {@code overriddenConditions} lists the
 * conditions that were not met and {@code overrideReason} says why the negotiator went ahead anyway.
 */
@Revision("1")
public record PhaseAdvanced(
        TrajectoryId trajectoryId,
        Phase from,
        Phase to,
        List<GateCondition> overriddenConditions,
        String overrideReason,
        Actor actor,
        Instant occurredAt) implements TrajectoryEvent {

    public PhaseAdvanced {
        overriddenConditions = overriddenConditions == null ? List.of() : List.copyOf(overriddenConditions);
    }

    public boolean gateOverridden() {
        return !overriddenConditions.isEmpty();
    }
}
