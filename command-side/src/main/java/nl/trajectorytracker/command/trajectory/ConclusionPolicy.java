package nl.trajectorytracker.command.trajectory;

import java.util.Set;

import nl.trajectorytracker.api.events.EvaluationOverdue;
import nl.trajectorytracker.api.events.FinalEvaluationHeld;
import nl.trajectorytracker.api.events.FollowUpTrajectoryStarted;
import nl.trajectorytracker.api.events.InterimEvaluationHeld;
import nl.trajectorytracker.api.events.NoteAdded;
import nl.trajectorytracker.api.events.PitfallRecorded;
import nl.trajectorytracker.api.events.SuccessFactorRecorded;
import nl.trajectorytracker.api.events.TrajectoryEvent;
import nl.trajectorytracker.api.values.DomainException;
import nl.trajectorytracker.api.values.ErrorCode;
import nl.trajectorytracker.api.values.Outcome;
import nl.trajectorytracker.api.values.Phase;

/**
 * A concluded trajectory refuses further changes, except reflections on it: notes, evaluations, pitfalls, success
 * factors and the start of a follow-up. The outcome of a conclusion must fit the history: an agreement can only be
 * fulfilled once signed and running, and falling back on the BATNA needs a BATNA and no signed agreement.
 */
final class ConclusionPolicy {

    /** What a concluded trajectory still records; everything else is a change, which the conclusion ends. */
    private static final Set<Class<?>> REFLECTIONS = Set.of(NoteAdded.class, InterimEvaluationHeld.class,
            FinalEvaluationHeld.class, PitfallRecorded.class, SuccessFactorRecorded.class,
            FollowUpTrajectoryStarted.class, EvaluationOverdue.class);

    private ConclusionPolicy() {
    }

    /** Whether the event changes the trajectory, as opposed to reflecting on it (see {@link #REFLECTIONS}). */
    static boolean isChange(TrajectoryEvent event) {
        return !REFLECTIONS.contains(event.getClass());
    }

    static void requireNotConcluded(boolean concluded) {
        if (concluded) {
            throw new DomainException(ErrorCode.TRAJECTORY_CONCLUDED,
                    "The trajectory is concluded; only notes and evaluations can still be added");
        }
    }

    static void requireOutcomeFits(Outcome outcome, Phase phase, boolean batnaDefined, boolean agreementSigned) {
        switch (outcome) {
            case AGREEMENT_FULFILLED -> {
                if (!agreementSigned || phase.isBefore(Phase.RUNNING_AGREEMENT)) {
                    throw new DomainException(ErrorCode.CONCLUSION_NOT_ALLOWED,
                            "An agreement can only be fulfilled once it is signed and running");
                }
            }
            case FALLBACK_TO_BATNA -> {
                if (!batnaDefined || agreementSigned) {
                    throw new DomainException(ErrorCode.CONCLUSION_NOT_ALLOWED,
                            "Falling back on the BATNA needs a defined BATNA and no signed agreement");
                }
            }
            case ABANDONED -> {
                // a trajectory can be stopped in any phase
            }
        }
    }
}
