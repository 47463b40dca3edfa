package nl.trajectorytracker.command.trajectory;

import nl.trajectorytracker.api.playbook.Playbook;
import nl.trajectorytracker.api.playbook.Playbooks;
import nl.trajectorytracker.api.values.DomainException;
import nl.trajectorytracker.api.values.ErrorCode;
import nl.trajectorytracker.api.values.InvalidValueException;
import nl.trajectorytracker.api.values.Phase;

/**
 * A decision may say which guiding question of the playbook it answers. The question must exist in the playbook
 * version the trajectory follows, and belong to the current or an earlier phase.
 */
final class DecisionPolicy {

    private DecisionPolicy() {
    }

    /** Returns the phase the question belongs to, or {@code null} when the decision names none. */
    static Phase requireAnswerableQuestion(String playbookVersion, String questionId, Phase current) {
        if (questionId == null) {
            return null;
        }
        Playbook playbook = Playbooks.requireKnown("playbookVersion", playbookVersion);
        Phase questionPhase = playbook.phaseOf(questionId).orElseThrow(() -> new InvalidValueException(
                "guidingQuestionId", questionId + " is not a guiding question of playbook " + playbookVersion));
        if (current.isBefore(questionPhase)) {
            throw new DomainException(ErrorCode.STEP_NOT_YET_ALLOWED, "Guiding question " + questionId
                    + " belongs to " + questionPhase + "; the trajectory is in " + current);
        }
        return questionPhase;
    }
}
