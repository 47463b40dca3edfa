package nl.trajectorytracker.command.trajectory;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

import nl.trajectorytracker.api.values.DomainException;
import nl.trajectorytracker.api.values.ErrorCode;
import nl.trajectorytracker.api.values.GateCondition;
import nl.trajectorytracker.api.values.GoNoGo;
import nl.trajectorytracker.api.values.InvalidValueException;
import nl.trajectorytracker.api.values.Phase;

/**
 * Phases advance one at a time, in order, through a gate: the conditions of {@link GateCondition} for the phase
 * entered must hold. A closed gate may be passed only with a recorded reason; the unmet conditions are recorded
 * with it.
 * <p>
 * The conditions must hold at the moment the advance happened, as the facts stood then: readers fold a trajectory in
 * the order its steps happened, so a BATNA recorded before the advance but dated after it was not there when the
 * gate was passed, and does not open it (a reason can still override it, as for a missing one).
 * <p>
 * For the same reason a gate passed stays passed: a step recorded after an advance but dated before it changes the
 * facts that advance's gate looked at, and must not close a condition the advance did not override (see
 * {@link #requireStaysPassed}).
 */
final class PhaseGatePolicy {

    /** What the gates look at, as it stood at the moment of the advance (see {@link #happenedBy}). */
    record Facts(boolean strategicGoalSet, Boolean contractingQuestion, boolean batnaDefined, boolean goalAgreed,
            GoNoGo lastGoNoGo, boolean agreementSigned, LocalDate agreementEnd) {
    }

    private PhaseGatePolicy() {
    }

    /**
     * Whether a fact that first happened at {@code since} existed at {@code at}; a fact of the same moment did, as
     * readers fold steps of one moment in the order they were recorded. An unknown moment ({@code null}: state from
     * before the aggregate kept it) counts as having happened.
     */
    static boolean happenedBy(Instant since, Instant at) {
        return since == null || !since.isAfter(at);
    }

    static void requireNextPhase(Phase current, Phase to) {
        if (current.next() != to) {
            throw new DomainException(ErrorCode.PHASE_ORDER_VIOLATED, current.next() == null
                    ? "The trajectory is in its last phase (" + current + ")"
                    : "From " + current + " the trajectory can only advance to " + current.next() + ", not to " + to);
        }
    }

    static List<GateCondition> unmetConditions(Phase to, Facts facts, Instant at) {
        List<GateCondition> unmet = new ArrayList<>();
        for (GateCondition condition : GateCondition.values()) {
            if (condition.gateTo() == to && !holds(condition, facts, at)) {
                unmet.add(condition);
            }
        }
        return unmet;
    }

    /** The conditions to record as overridden; refuses when the gate is closed and no reason is given. */
    static List<GateCondition> pass(Phase to, Facts facts, Instant at, String overrideReason) {
        List<GateCondition> unmet = unmetConditions(to, facts, at);
        if (!unmet.isEmpty() && overrideReason == null) {
            throw new DomainException(ErrorCode.PHASE_GATE_CLOSED, "Cannot enter " + to + " yet: "
                    + String.join("; ", unmet.stream().map(c -> "not met: " + c.description()).toList())
                    + ". Give an overrideReason to go ahead anyway.");
        }
        return unmet;
    }

    /**
     * Refuses a step dated before the advance into {@code entered} that would close that advance's gate, as the
     * facts stood at its moment: a condition met {@code before} the step, unmet {@code after} it, and not overridden
     * by the advance. Only facts that can change back (a contracting question, a go/no-go decision) can close a gate;
     * those that only ever become true cannot. An overridden condition may be unmet: the gate was passed with a reason
     * anyway. A condition unmet already is not this step's doing. A step of the advance's own moment is folded after
     * it (it was recorded later) and does not change what the gate saw. An unknown moment or unknown overrides
     * ({@code null}: state from before the aggregate kept them) refuse nothing.
     */
    static void requireStaysPassed(Phase entered, Instant enteredAt, Collection<GateCondition> overridden,
            Facts before, Facts after, Instant stepAt) {
        if (enteredAt == null || overridden == null || stepAt == null || !stepAt.isBefore(enteredAt)) {
            return;
        }
        List<GateCondition> closed = new ArrayList<>(unmetConditions(entered, after, enteredAt));
        closed.removeAll(unmetConditions(entered, before, enteredAt));
        closed.removeAll(overridden);
        if (!closed.isEmpty()) {
            throw new InvalidValueException("occurredAt", "must not be before the advance to phase " + entered.number()
                    + " (" + entered + "), at " + enteredAt + ": dated then, it would close that advance's gate, "
                    + "which was passed without overriding it ("
                    + String.join("; ", closed.stream().map(c -> "not met: " + c.description()).toList()) + ")");
        }
    }

    private static boolean holds(GateCondition condition, Facts facts, Instant at) {
        return switch (condition) {
            case STRATEGIC_GOAL_SET -> facts.strategicGoalSet();
            case CONTRACTING_QUESTION_CONFIRMED -> Boolean.TRUE.equals(facts.contractingQuestion());
            case BATNA_DEFINED -> facts.batnaDefined();
            case GOAL_AGREED -> facts.goalAgreed();
            case NOT_STOPPED_BY_NO_GO -> facts.lastGoNoGo() != GoNoGo.NO_GO;
            case AGREEMENT_SIGNED -> facts.agreementSigned();
            case AGREEMENT_ENDED -> facts.agreementEnd() != null
                    && at.atZone(ZoneOffset.UTC).toLocalDate().isAfter(facts.agreementEnd());
        };
    }
}
