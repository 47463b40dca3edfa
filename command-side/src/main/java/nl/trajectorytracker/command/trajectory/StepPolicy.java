package nl.trajectorytracker.command.trajectory;

import nl.trajectorytracker.api.values.DomainException;
import nl.trajectorytracker.api.values.ErrorCode;
import nl.trajectorytracker.api.values.Phase;

/**
 * A step belongs to a phase of the playbook. It is refused before the trajectory reaches that phase; once the
 * trajectory has moved on, the step is still accepted but recorded as a correction of an earlier phase.
 */
final class StepPolicy {

    private StepPolicy() {
    }

    /** Returns whether the step is a correction of an earlier phase. */
    static boolean admit(Phase current, Phase stepPhase) {
        if (current.isBefore(stepPhase)) {
            throw new DomainException(ErrorCode.STEP_NOT_YET_ALLOWED, "This step belongs to phase "
                    + stepPhase.number() + " (" + stepPhase + "); the trajectory is in phase " + current.number()
                    + " (" + current + ")");
        }
        return current.isAfter(stepPhase);
    }
}
