package nl.trajectorytracker.api.events;

import java.time.Instant;
import java.util.List;

import org.axonframework.serialization.Revision;

import nl.trajectorytracker.api.values.Actor;
import nl.trajectorytracker.api.values.TrajectoryId;

/**
 * Playbook step (phase 2, co-design): Win win win option recorded.
 * Recorded in a later phase, it is marked as a correction.
 */
@Revision("1")
public record WinWinWinOptionRecorded(
        TrajectoryId trajectoryId,
        String option,
        List<String> benefits,
        boolean correction,
        Actor actor,
        Instant occurredAt) implements TrajectoryEvent {

    public WinWinWinOptionRecorded {
        benefits = benefits == null ? List.of() : List.copyOf(benefits);
    }
}
