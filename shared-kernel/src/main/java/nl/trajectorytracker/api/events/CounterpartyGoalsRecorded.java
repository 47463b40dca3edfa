package nl.trajectorytracker.api.events;

import java.time.Instant;
import java.util.List;

import org.axonframework.serialization.Revision;

import nl.trajectorytracker.api.values.Actor;
import nl.trajectorytracker.api.values.TrajectoryId;

/**
 * Playbook step (phase 2, co-design): Counterparty goals recorded.
 * Recorded in a later phase, it is marked as a correction.
 */
@Revision("1")
public record CounterpartyGoalsRecorded(
        TrajectoryId trajectoryId,
        String party,
        List<String> goals,
        boolean correction,
        Actor actor,
        Instant occurredAt) implements TrajectoryEvent {

    public CounterpartyGoalsRecorded {
        goals = goals == null ? List.of() : List.copyOf(goals);
    }
}
