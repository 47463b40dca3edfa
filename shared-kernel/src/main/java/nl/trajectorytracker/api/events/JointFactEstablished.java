package nl.trajectorytracker.api.events;

import java.time.Instant;
import java.util.List;

import org.axonframework.serialization.Revision;

import nl.trajectorytracker.api.values.Actor;
import nl.trajectorytracker.api.values.TrajectoryId;

/**
 * Playbook step (phase 2, co-design): Joint fact established.
 * Recorded in a later phase, it is marked as a correction.
 */
@Revision("1")
public record JointFactEstablished(
        TrajectoryId trajectoryId,
        String fact,
        String dataSource,
        List<String> acceptedBy,
        boolean correction,
        Actor actor,
        Instant occurredAt) implements TrajectoryEvent {

    public JointFactEstablished {
        acceptedBy = acceptedBy == null ? List.of() : List.copyOf(acceptedBy);
    }
}
