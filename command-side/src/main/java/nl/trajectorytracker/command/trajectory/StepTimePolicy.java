package nl.trajectorytracker.command.trajectory;

import java.time.Instant;

import nl.trajectorytracker.api.values.InvalidValueException;
import nl.trajectorytracker.api.values.Phase;

/**
 * A step happens within its trajectory's time: never before the trajectory started. The start is the earliest
 * moment of a trajectory, so history logged later is filled in by starting the trajectory at its real beginning
 * and giving each step the moment it happened; steps may then be logged in any order. A step on something recorded
 * earlier (a stakeholder updated, a proposal accepted, an indicator measured) does not happen before it: the phases
 * are rebuilt in the order steps happened, and such a step, accepted, found nothing to change and was lost.
 * <p>
 * For the same reason the phase rules hold along the time steps happened, not only in the order they are recorded:
 * a phase is entered no earlier than the one before it, a step of a phase (and a phase's guiding question, and a
 * reflection about it) happens no earlier than the trajectory entered that phase, and a conclusion happens no earlier
 * than every change it concludes. Otherwise, folded by date, a phase would be skipped, a step would happen in a phase
 * that does not allow it yet, or a concluded trajectory would still change. An unknown moment (state from before the
 * aggregate kept it) refuses nothing.
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

    /** A step of {@code phase}, or the advance out of it, does not happen before the trajectory entered it. */
    static void requireNotBeforePhase(Phase phase, Instant enteredAt, Instant occurredAt) {
        if (enteredAt != null && occurredAt != null && occurredAt.isBefore(enteredAt)) {
            throw new InvalidValueException("occurredAt", "must not be before the trajectory entered phase "
                    + phase.number() + " (" + phase + "), at " + enteredAt);
        }
    }

    /** A reflection that only a conclusion allows (its phase was never reached) does not happen before it. */
    static void requireNotBeforeConclusion(Instant concludedAt, Instant occurredAt) {
        if (concludedAt != null && occurredAt != null && occurredAt.isBefore(concludedAt)) {
            throw new InvalidValueException("occurredAt", "must not be before the trajectory was concluded, at "
                    + concludedAt + ": before it, this step's phase was not reached");
        }
    }

    /** A conclusion does not happen before the latest change of the trajectory it concludes. */
    static void requireNotBeforeLatestChange(Instant latestChangeAt, Instant occurredAt) {
        if (latestChangeAt != null && occurredAt != null && occurredAt.isBefore(latestChangeAt)) {
            throw new InvalidValueException("occurredAt", "must not be before the latest step of the trajectory,"
                    + " which happened at " + latestChangeAt + "; a concluded trajectory does not change any more");
        }
    }
}
