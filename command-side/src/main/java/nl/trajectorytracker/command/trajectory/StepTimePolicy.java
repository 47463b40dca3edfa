package nl.trajectorytracker.command.trajectory;

import java.time.Instant;

import nl.trajectorytracker.api.values.InvalidValueException;

/**
 * A step happens within its trajectory's time: never before the trajectory started. The start is the earliest
 * moment of a trajectory, so history logged later is filled in by starting the trajectory at its real beginning
 * and giving each step the moment it happened; steps may then be logged in any order. A step on something recorded
 * earlier (a stakeholder updated, a proposal accepted, an indicator measured) does not happen before it: the phases
 * are rebuilt in the order steps happened, and such a step, accepted, found nothing to change and was lost.
 */
final class StepTimePolicy {

    private StepTimePolicy() {
    }

    static void requireNotBeforeStart(Instant startedAt, Instant occurredAt) {
        if (startedAt != null && occurredAt != null && occurredAt.isBefore(startedAt)) {
            throw new InvalidValueException("occurredAt", "must not be before the trajectory started, at "
                    + startedAt);
        }
    }

    /** A step on {@code field} {@code id}, which happened at {@code itemAt}, does not happen before it. */
    static void requireNotBefore(String field, String id, Instant itemAt, Instant occurredAt) {
        if (itemAt != null && occurredAt != null && occurredAt.isBefore(itemAt)) {
            throw new InvalidValueException("occurredAt", "must not be before " + field + " " + id
                    + " was recorded as happening, at " + itemAt);
        }
    }
}
