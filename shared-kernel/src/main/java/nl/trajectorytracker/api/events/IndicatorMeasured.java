package nl.trajectorytracker.api.events;

import java.time.Instant;
import java.time.LocalDate;

import org.axonframework.serialization.Revision;

import nl.trajectorytracker.api.values.Actor;
import nl.trajectorytracker.api.values.TrajectoryId;

/**
 * Playbook step (phase 4, running agreement): Indicator measured.
 * Recorded in a later phase, it is marked as a correction.
 */
@Revision("1")
public record IndicatorMeasured(
        TrajectoryId trajectoryId,
        String indicatorId,
        String value,
        LocalDate measuredOn,
        String note,
        boolean correction,
        Actor actor,
        Instant occurredAt) implements TrajectoryEvent {
}
