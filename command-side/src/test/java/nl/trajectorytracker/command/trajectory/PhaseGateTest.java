package nl.trajectorytracker.command.trajectory;

import static nl.trajectorytracker.command.trajectory.Refusal.invalid;
import static nl.trajectorytracker.command.trajectory.Refusal.refusedWith;
import static nl.trajectorytracker.command.trajectory.StepCatalogue.HOSPITAL;
import static nl.trajectorytracker.command.trajectory.StepCatalogue.ID;
import static nl.trajectorytracker.command.trajectory.StepCatalogue.NEGOTIATOR;
import static nl.trajectorytracker.command.trajectory.StepCatalogue.NOW;
import static nl.trajectorytracker.command.trajectory.StepCatalogue.TERMS;
import static nl.trajectorytracker.command.trajectory.TrajectoryFixtures.fixture;
import static nl.trajectorytracker.command.trajectory.TrajectoryFixtures.inPhase;
import static nl.trajectorytracker.command.trajectory.TrajectoryFixtures.plus;
import static nl.trajectorytracker.command.trajectory.TrajectoryFixtures.started;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.hamcrest.Matchers.allOf;
import static org.hamcrest.Matchers.containsString;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

import org.junit.jupiter.api.Test;

import nl.trajectorytracker.api.commands.AdvancePhase;
import nl.trajectorytracker.api.commands.AssessPreviousAgreement;
import nl.trajectorytracker.api.commands.DecideGoNoGo;
import nl.trajectorytracker.api.events.AgreementSigned;
import nl.trajectorytracker.api.events.BatnaDefined;
import nl.trajectorytracker.api.events.GoNoGoDecided;
import nl.trajectorytracker.api.events.GoalAgreed;
import nl.trajectorytracker.api.events.PhaseAdvanced;
import nl.trajectorytracker.api.events.PreviousAgreementAssessed;
import nl.trajectorytracker.api.events.StrategicGoalSet;
import nl.trajectorytracker.api.events.TrajectoryConcluded;
import nl.trajectorytracker.api.values.ErrorCode;
import nl.trajectorytracker.api.values.GateCondition;
import nl.trajectorytracker.api.values.GoNoGo;
import nl.trajectorytracker.api.values.GoalKind;
import nl.trajectorytracker.api.values.InvalidValueException;
import nl.trajectorytracker.api.values.Outcome;
import nl.trajectorytracker.api.values.Phase;
import nl.trajectorytracker.api.values.QuadrupleAimDimension;
import nl.trajectorytracker.api.values.Signatory;

/** Phases advance in order, through gates that only a recorded reason can override. */
class PhaseGateTest {

    private static final StrategicGoalSet GOAL = new StrategicGoalSet(ID, "G1", "A five-year agreement", null, false,
            NEGOTIATOR, NOW);
    private static final PreviousAgreementAssessed CONTRACTING_QUESTION = new PreviousAgreementAssessed(ID,
            "One-year contract 2025", false, "No room for prevention", true, null, false, NEGOTIATOR, NOW);
    private static final BatnaDefined BATNA = new BatnaDefined(ID, "Contract two other hospitals", "Capacity",
            false, NEGOTIATOR, NOW);
    private static final GoalAgreed AGREED_GOAL = new GoalAgreed(ID, "Q1", "Waiting time below the Treeknorm",
            QuadrupleAimDimension.QUALITY_OF_CARE, GoalKind.SMART, null, false, NEGOTIATOR, NOW);
    private static final AgreementSigned SIGNED = new AgreementSigned(ID, TERMS,
            List.of(new Signatory("Anna de Vries", StepCatalogue.INSURER, null),
                    new Signatory("Pieter Jansen", HOSPITAL, null)),
            LocalDate.parse("2026-01-01"), LocalDate.parse("2030-12-31"), false, NEGOTIATOR, NOW);

    private static AdvancePhase advanceTo(Phase to) {
        return new AdvancePhase(ID, to, null, NEGOTIATOR, NOW);
    }

    private static PhaseAdvanced advanced(Phase from, Phase to) {
        return new PhaseAdvanced(ID, from, to, List.of(), null, NEGOTIATOR, NOW);
    }

    @Test
    void advancingToCoDesign_succeeds_withAStrategicGoalAndAContractingQuestion() {
        fixture().given(plus(inPhase(Phase.INTERNAL_PREPARATION), GOAL, CONTRACTING_QUESTION))
                .when(advanceTo(Phase.CO_DESIGN))
                .expectEvents(advanced(Phase.INTERNAL_PREPARATION, Phase.CO_DESIGN))
                .expectResultMessagePayload(3L);
    }

    @Test
    void advancingToCoDesign_fails_withoutAStrategicGoalOrAssessment() {
        fixture().given(inPhase(Phase.INTERNAL_PREPARATION))
                .when(advanceTo(Phase.CO_DESIGN))
                .expectException(refusedWith(ErrorCode.PHASE_GATE_CLOSED))
                .expectExceptionMessage(org.hamcrest.Matchers.allOf(
                        org.hamcrest.Matchers.containsString("a strategic goal is set"),
                        org.hamcrest.Matchers.containsString("there is a contracting question")))
                .expectNoEvents();
    }

    @Test
    void advancingToCoDesign_fails_whenTheAssessmentFoundNoContractingQuestion() {
        fixture().given(plus(inPhase(Phase.INTERNAL_PREPARATION), GOAL, new PreviousAgreementAssessed(ID,
                        "One-year contract 2025", true, "It serves our goals", false, null, false, NEGOTIATOR, NOW)))
                .when(advanceTo(Phase.CO_DESIGN))
                .expectException(refusedWith(ErrorCode.PHASE_GATE_CLOSED));
    }

    @Test
    void advancing_fails_whenBatnaMissing() {
        fixture().given(plus(inPhase(Phase.CO_DESIGN), AGREED_GOAL))
                .when(advanceTo(Phase.NEGOTIATION))
                .expectException(refusedWith(ErrorCode.PHASE_GATE_CLOSED))
                .expectExceptionMessage(org.hamcrest.Matchers.containsString("a BATNA is defined"))
                .expectNoEvents();
    }

    @Test
    void advancing_fails_whenNoGoalIsAgreed() {
        fixture().given(plus(inPhase(Phase.CO_DESIGN), BATNA))
                .when(advanceTo(Phase.NEGOTIATION))
                .expectException(refusedWith(ErrorCode.PHASE_GATE_CLOSED));
    }

    @Test
    void advancing_fails_afterANoGoDecision() {
        fixture().given(plus(inPhase(Phase.CO_DESIGN), BATNA, AGREED_GOAL,
                        new GoNoGoDecided(ID, "End of co-design", GoNoGo.NO_GO, "No shared data", false, NEGOTIATOR,
                                NOW)))
                .when(advanceTo(Phase.NEGOTIATION))
                .expectException(refusedWith(ErrorCode.PHASE_GATE_CLOSED))
                .expectExceptionMessage(org.hamcrest.Matchers.containsString("no-go"));
    }

    @Test
    void advancingToNegotiation_succeeds_withBatnaAgreedGoalAndGo() {
        fixture().given(plus(inPhase(Phase.CO_DESIGN), BATNA, AGREED_GOAL,
                        new GoNoGoDecided(ID, "End of co-design", GoNoGo.GO, "Facts agreed", false, NEGOTIATOR, NOW)))
                .when(advanceTo(Phase.NEGOTIATION))
                .expectEvents(advanced(Phase.CO_DESIGN, Phase.NEGOTIATION));
    }

    @Test
    void advancing_withAnOverrideReason_passesAClosedGate_andRecordsWhatWasOverridden() {
        fixture().given(inPhase(Phase.CO_DESIGN))
                .when(new AdvancePhase(ID, Phase.NEGOTIATION, "The board wants an offer on the table this month",
                        NEGOTIATOR, NOW))
                .expectEvents(new PhaseAdvanced(ID, Phase.CO_DESIGN, Phase.NEGOTIATION,
                        List.of(GateCondition.BATNA_DEFINED, GateCondition.GOAL_AGREED),
                        "The board wants an offer on the table this month", NEGOTIATOR, NOW));
    }

    @Test
    void advancing_throughAnOpenGate_recordsNoOverride_evenWhenAReasonIsGiven() {
        fixture().given(plus(inPhase(Phase.NEGOTIATION), SIGNED))
                .when(new AdvancePhase(ID, Phase.RUNNING_AGREEMENT, "Just in case", NEGOTIATOR, NOW))
                .expectEvents(advanced(Phase.NEGOTIATION, Phase.RUNNING_AGREEMENT));
    }

    @Test
    void advancingToRunningAgreement_fails_withoutASignedAgreement() {
        fixture().given(inPhase(Phase.NEGOTIATION))
                .when(advanceTo(Phase.RUNNING_AGREEMENT))
                .expectException(refusedWith(ErrorCode.PHASE_GATE_CLOSED))
                .expectExceptionMessage(org.hamcrest.Matchers.containsString("an agreement is signed"));
    }

    @Test
    void advancingToAfterAgreement_fails_beforeTheAgreementsEndDate() {
        fixture().given(plus(inPhase(Phase.RUNNING_AGREEMENT), SIGNED))
                .when(advanceTo(Phase.AFTER_AGREEMENT))
                .expectException(refusedWith(ErrorCode.PHASE_GATE_CLOSED));
    }

    @Test
    void advancingToAfterAgreement_succeeds_afterTheAgreementsEndDate() {
        Instant january2031 = Instant.parse("2031-01-02T09:00:00Z");
        fixture().given(plus(inPhase(Phase.RUNNING_AGREEMENT), SIGNED))
                .when(new AdvancePhase(ID, Phase.AFTER_AGREEMENT, null, NEGOTIATOR, january2031))
                .expectEvents(new PhaseAdvanced(ID, Phase.RUNNING_AGREEMENT, Phase.AFTER_AGREEMENT, List.of(), null,
                        NEGOTIATOR, january2031));
    }

    @Test
    void advancing_fails_whenSkippingAPhase() {
        fixture().given(plus(inPhase(Phase.INTERNAL_PREPARATION), GOAL, CONTRACTING_QUESTION))
                .when(advanceTo(Phase.NEGOTIATION))
                .expectException(refusedWith(ErrorCode.PHASE_ORDER_VIOLATED))
                .expectNoEvents();
    }

    @Test
    void advancing_fails_backwards() {
        fixture().given(inPhase(Phase.NEGOTIATION))
                .when(new AdvancePhase(ID, Phase.CO_DESIGN, "Back to the drawing board", NEGOTIATOR, NOW))
                .expectException(refusedWith(ErrorCode.PHASE_ORDER_VIOLATED));
    }

    @Test
    void advancing_fails_fromTheLastPhase() {
        fixture().given(inPhase(Phase.AFTER_AGREEMENT))
                .when(new AdvancePhase(ID, Phase.AFTER_AGREEMENT, "Again", NEGOTIATOR, NOW))
                .expectException(refusedWith(ErrorCode.PHASE_ORDER_VIOLATED));
    }

    @Test
    void advancing_fails_onAConcludedTrajectory() {
        fixture().given(plus(inPhase(Phase.CO_DESIGN), new TrajectoryConcluded(ID, Outcome.ABANDONED, "Stopped",
                        Phase.CO_DESIGN, NEGOTIATOR, NOW)))
                .when(new AdvancePhase(ID, Phase.NEGOTIATION, "Anyway", NEGOTIATOR, NOW))
                .expectException(refusedWith(ErrorCode.TRAJECTORY_CONCLUDED));
    }

    @Test
    void advancing_fails_forAnActorOfAnotherOrganisation() {
        fixture().given(plus(inPhase(Phase.INTERNAL_PREPARATION), GOAL, CONTRACTING_QUESTION))
                .when(new AdvancePhase(ID, Phase.CO_DESIGN, null, StepCatalogue.OUTSIDER, NOW))
                .expectException(refusedWith(ErrorCode.TRAJECTORY_NOT_FOUND));
    }

    @Test
    void advancing_fails_withAStaleExpectedVersion() {
        fixture().given(plus(inPhase(Phase.INTERNAL_PREPARATION), GOAL, CONTRACTING_QUESTION))
                .when(new AdvancePhase(ID, Phase.CO_DESIGN, null, NEGOTIATOR, NOW, 1L))
                .expectException(org.axonframework.modelling.command.ConflictingAggregateVersionException.class)
                .expectNoEvents();
    }

    @Test
    void advancing_succeeds_withTheCurrentExpectedVersion() {
        fixture().given(plus(inPhase(Phase.INTERNAL_PREPARATION), GOAL, CONTRACTING_QUESTION))
                .when(new AdvancePhase(ID, Phase.CO_DESIGN, null, NEGOTIATOR, NOW, 2L))
                .expectEvents(advanced(Phase.INTERNAL_PREPARATION, Phase.CO_DESIGN));
    }

    // --- the gate as it stood when the advance happened -------------------------------------------------------

    private static Instant day(int n) {
        return NOW.plus(Duration.ofDays(n));
    }

    /** In co-design from the start, with a goal agreed and a go decided then. */
    private static List<Object> inCoDesignWithAgreedGoalAndGo() {
        return List.of(started(), advanced(Phase.INTERNAL_PREPARATION, Phase.CO_DESIGN), AGREED_GOAL,
                new GoNoGoDecided(ID, "End of co-design", GoNoGo.GO, "Facts agreed", false, NEGOTIATOR, NOW));
    }

    /** The auditor's case: folded by date, the negotiation began without a BATNA, its gate passed all the same. */
    @Test
    void advancing_fails_whenTheBatnaHappenedOnlyAfterTheAdvance() {
        fixture().given(plus(inCoDesignWithAgreedGoalAndGo(), new BatnaDefined(ID, "Contract two other hospitals",
                        "Capacity", false, NEGOTIATOR, day(60))))
                .when(new AdvancePhase(ID, Phase.NEGOTIATION, null, NEGOTIATOR, day(30)))
                .expectException(refusedWith(ErrorCode.PHASE_GATE_CLOSED))
                .expectExceptionMessage(org.hamcrest.Matchers.containsString("a BATNA is defined"))
                .expectNoEvents();
    }

    @Test
    void advancing_withAnOverrideReason_recordsAConditionMetOnlyAfterTheAdvance_asOverridden() {
        fixture().given(plus(inCoDesignWithAgreedGoalAndGo(), new BatnaDefined(ID, "Contract two other hospitals",
                        "Capacity", false, NEGOTIATOR, day(60))))
                .when(new AdvancePhase(ID, Phase.NEGOTIATION, "BATNA still in the making", NEGOTIATOR, day(30)))
                .expectEvents(new PhaseAdvanced(ID, Phase.CO_DESIGN, Phase.NEGOTIATION,
                        List.of(GateCondition.BATNA_DEFINED), "BATNA still in the making", NEGOTIATOR, day(30)));
    }

    @Test
    void advancing_succeeds_whenTheGateWasMetAtTheMomentOfTheAdvance() {
        fixture().given(plus(inCoDesignWithAgreedGoalAndGo(), new BatnaDefined(ID, "Contract two other hospitals",
                        "Capacity", false, NEGOTIATOR, day(30))))
                .when(new AdvancePhase(ID, Phase.NEGOTIATION, null, NEGOTIATOR, day(30)))
                .expectEvents(new PhaseAdvanced(ID, Phase.CO_DESIGN, Phase.NEGOTIATION, List.of(), null, NEGOTIATOR,
                        day(30)));
    }

    /** The go recorded last happened after the advance; at the advance, the last decision was the no-go. */
    @Test
    void advancing_fails_whenTheLastDecisionByTheAdvanceWasANoGo_thoughAGoWasRecordedLast() {
        fixture().given(plus(inPhase(Phase.CO_DESIGN), BATNA, AGREED_GOAL,
                        new GoNoGoDecided(ID, "Mid co-design", GoNoGo.NO_GO, "No shared data", false, NEGOTIATOR,
                                day(10)),
                        new GoNoGoDecided(ID, "End of co-design", GoNoGo.GO, "Data shared", false, NEGOTIATOR,
                                day(40))))
                .when(new AdvancePhase(ID, Phase.NEGOTIATION, null, NEGOTIATOR, day(20)))
                .expectException(refusedWith(ErrorCode.PHASE_GATE_CLOSED))
                .expectExceptionMessage(org.hamcrest.Matchers.containsString("no-go"))
                .expectNoEvents();
    }

    // --- a gate passed stays passed ---------------------------------------------------------------------------

    private static GoNoGoDecided decided(GoNoGo decision, Instant at) {
        return new GoNoGoDecided(ID, "End of co-design", decision, "Reviewed", false, NEGOTIATOR, at);
    }

    private static DecideGoNoGo decide(GoNoGo decision, Instant at) {
        return new DecideGoNoGo(ID, "End of co-design", decision, "Reviewed", NEGOTIATOR, at);
    }

    /** In negotiation from day 30, through an open gate: a go of day 28 was the last decision then. */
    private static List<Object> negotiatingFromDay30AfterAGoOfDay28() {
        return List.of(started(), advanced(Phase.INTERNAL_PREPARATION, Phase.CO_DESIGN), BATNA, AGREED_GOAL,
                decided(GoNoGo.GO, day(28)),
                new PhaseAdvanced(ID, Phase.CO_DESIGN, Phase.NEGOTIATION, List.of(), null, NEGOTIATOR, day(30)));
    }

    /** Folded by date, the no-go of day 29 was the last decision when the negotiation began, its gate passed anyway. */
    @Test
    void aNoGo_datedBeforeTheAdvanceIntoNegotiation_isRefused_whenItsGateWasPassedWithoutOverride() {
        fixture().given(negotiatingFromDay30AfterAGoOfDay28())
                .when(decide(GoNoGo.NO_GO, day(29)))
                .expectException(InvalidValueException.class)
                .expectException(invalid("occurredAt"))
                .expectExceptionMessage(allOf(containsString("NEGOTIATION"), containsString(day(30).toString()),
                        containsString("no-go")))
                .expectNoEvents();
    }

    /** The advance overrode the no-go condition: the gate was passed with a reason, whatever the last decision. */
    @Test
    void aNoGo_datedBeforeTheAdvanceIntoNegotiation_isRecorded_whenTheAdvanceOverrodeTheNoGoCondition() {
        fixture().given(started(), advanced(Phase.INTERNAL_PREPARATION, Phase.CO_DESIGN), BATNA, AGREED_GOAL,
                        decided(GoNoGo.NO_GO, day(20)),
                        new PhaseAdvanced(ID, Phase.CO_DESIGN, Phase.NEGOTIATION,
                                List.of(GateCondition.NOT_STOPPED_BY_NO_GO), "The board wants an offer", NEGOTIATOR,
                                day(30)),
                        decided(GoNoGo.GO, day(25)))
                .when(decide(GoNoGo.NO_GO, day(27)))
                .expectEvents(new GoNoGoDecided(ID, "End of co-design", GoNoGo.NO_GO, "Reviewed", true, NEGOTIATOR,
                        day(27)));
    }

    /** A no-go after the advance is about what comes next, not about the gate passed. */
    @Test
    void aNoGo_datedAfterTheAdvanceIntoNegotiation_isRecorded() {
        fixture().given(negotiatingFromDay30AfterAGoOfDay28())
                .when(decide(GoNoGo.NO_GO, day(31)))
                .expectEvents(new GoNoGoDecided(ID, "End of co-design", GoNoGo.NO_GO, "Reviewed", true, NEGOTIATOR,
                        day(31)));
    }

    /** Of the advance's own moment but recorded after it, the no-go is folded after it: the gate saw the go. */
    @Test
    void aNoGo_atTheMomentOfTheAdvanceIntoNegotiation_isRecorded() {
        fixture().given(negotiatingFromDay30AfterAGoOfDay28())
                .when(decide(GoNoGo.NO_GO, day(30)))
                .expectEvents(new GoNoGoDecided(ID, "End of co-design", GoNoGo.NO_GO, "Reviewed", true, NEGOTIATOR,
                        day(30)));
    }

    /** A later go decided before the advance still made the last decision by the advance a go: nothing closes. */
    @Test
    void aNoGo_datedBeforeALaterGoBeforeTheAdvance_isRecorded() {
        fixture().given(negotiatingFromDay30AfterAGoOfDay28())
                .when(decide(GoNoGo.NO_GO, day(27)))
                .expectEvents(new GoNoGoDecided(ID, "End of co-design", GoNoGo.NO_GO, "Reviewed", true, NEGOTIATOR,
                        day(27)));
    }

    /** Folded by date, co-design began after an assessment that found no contracting question. */
    @Test
    void anAssessmentWithoutContractingQuestion_datedBeforeTheAdvanceIntoCoDesign_isRefused() {
        fixture().given(started(), GOAL, CONTRACTING_QUESTION,
                        new PhaseAdvanced(ID, Phase.INTERNAL_PREPARATION, Phase.CO_DESIGN, List.of(), null,
                                NEGOTIATOR, day(10)))
                .when(new AssessPreviousAgreement(ID, "One-year contract 2025", true, "It serves our goals after all",
                        false, null, NEGOTIATOR, day(8)))
                .expectException(invalid("occurredAt"))
                .expectExceptionMessage(allOf(containsString("CO_DESIGN"), containsString(day(10).toString()),
                        containsString("contracting question")))
                .expectNoEvents();
    }

    /** Overrides unknown (an advance from a snapshot older than them) refuse nothing, as unknown moments do. */
    @Test
    void aGateFactDatedBeforeAnAdvance_isNotRefused_whenTheAdvancesOverridesAreUnknown() {
        PhaseGatePolicy.Facts open = new PhaseGatePolicy.Facts(true, true, true, true, GoNoGo.GO, false, null);
        PhaseGatePolicy.Facts closed = new PhaseGatePolicy.Facts(true, true, true, true, GoNoGo.NO_GO, false, null);
        assertThatCode(() -> PhaseGatePolicy.requireStaysPassed(Phase.NEGOTIATION, day(30), null, open, closed,
                day(29))).doesNotThrowAnyException();
    }
}
