package nl.trajectorytracker.api.events;

import java.time.Instant;
import java.util.List;

import org.axonframework.serialization.Revision;

import nl.trajectorytracker.api.values.Actor;
import nl.trajectorytracker.api.values.Party;
import nl.trajectorytracker.api.values.TrajectoryId;

/** A contracting trajectory was opened between the given parties. */
@Revision("1")
public record TrajectoryStarted(
        TrajectoryId trajectoryId,
        String title,
        List<Party> parties,
        Actor actor,
        Instant occurredAt) implements TrajectoryEvent {

    public TrajectoryStarted {
        parties = List.copyOf(parties);
    }
}
