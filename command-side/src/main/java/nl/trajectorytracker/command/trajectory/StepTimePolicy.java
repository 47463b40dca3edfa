package nl.trajectorytracker.command.trajectory;

import java.time.Instant;

import nl.trajectorytracker.api.values.InvalidValueException;

/**
 * A step happens within its trajectory's time: never before the trajectory started. The start is the earliest
 * moment of a trajectory, so history logged later is filled in by starting the trajectory at its real beginning
 * and giving each step the moment it happened; steps may then be logged in any order.
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
}
