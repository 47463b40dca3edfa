package nl.trajectorytracker.command.trajectory;

import static nl.trajectorytracker.command.trajectory.Refusal.refusedWith;
import static nl.trajectorytracker.command.trajectory.StepCatalogue.ID;
import static nl.trajectorytracker.command.trajectory.StepCatalogue.NEGOTIATOR;
import static nl.trajectorytracker.command.trajectory.StepCatalogue.NOW;
import static nl.trajectorytracker.command.trajectory.TrajectoryFixtures.fixture;
import static nl.trajectorytracker.command.trajectory.TrajectoryFixtures.inPhase;
import static nl.trajectorytracker.command.trajectory.TrajectoryFixtures.plus;

import java.time.Instant;
import java.time.LocalDate;

import org.junit.jupiter.api.Test;

import nl.trajectorytracker.api.commands.FlagEvaluationOverdue;
import nl.trajectorytracker.api.events.EvaluationMomentScheduled;
import nl.trajectorytracker.api.events.EvaluationOverdue;
import nl.trajectorytracker.api.events.InterimEvaluationHeld;
import nl.trajectorytracker.api.values.Actor;
import nl.trajectorytracker.api.values.ErrorCode;
import nl.trajectorytracker.api.values.Phase;

/** The system flags an evaluation moment that passed without an evaluation, once. */
class EvaluationOverdueTest {

    private static final LocalDate MOMENT = LocalDate.parse("2026-06-30");
    private static final Instant AFTER = Instant.parse("2026-07-02T03:00:00Z");
    private static final EvaluationMomentScheduled SCHEDULED = new EvaluationMomentScheduled(ID, MOMENT,
            "Half-year review", false, NEGOTIATOR, NOW);

    @Test
    void flagging_recordsTheOverdueMoment_whenItsDatePassedWithoutEvaluation() {
        fixture().given(plus(inPhase(Phase.RUNNING_AGREEMENT), SCHEDULED))
                .when(new FlagEvaluationOverdue(ID, MOMENT, Actor.system(), AFTER))
                .expectEvents(new EvaluationOverdue(ID, MOMENT, "Half-year review", Actor.system(), AFTER));
    }

    @Test
    void flagging_changesNothing_whenFlaggedAlready() {
        fixture().given(plus(inPhase(Phase.RUNNING_AGREEMENT), SCHEDULED,
                        new EvaluationOverdue(ID, MOMENT, "Half-year review", Actor.system(), AFTER)))
                .when(new FlagEvaluationOverdue(ID, MOMENT, Actor.system(), AFTER.plusSeconds(3600)))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }

    @Test
    void flagging_changesNothing_whenTheEvaluationWasHeld() {
        fixture().given(plus(inPhase(Phase.RUNNING_AGREEMENT), SCHEDULED,
                        new InterimEvaluationHeld(ID, "On track", false, false, NEGOTIATOR, NOW)))
                .when(new FlagEvaluationOverdue(ID, MOMENT, Actor.system(), AFTER))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }

    @Test
    void flagging_isRefused_beforeTheDatePassed() {
        fixture().given(plus(inPhase(Phase.RUNNING_AGREEMENT), SCHEDULED))
                .when(new FlagEvaluationOverdue(ID, MOMENT, Actor.system(), Instant.parse("2026-06-30T23:00:00Z")))
                .expectException(refusedWith(ErrorCode.STEP_NOT_YET_ALLOWED))
                .expectNoEvents();
    }

    @Test
    void flagging_isRefused_forAMomentThatWasNeverScheduled() {
        fixture().given(inPhase(Phase.RUNNING_AGREEMENT))
                .when(new FlagEvaluationOverdue(ID, MOMENT, Actor.system(), AFTER))
                .expectException(refusedWith(ErrorCode.UNKNOWN_REFERENCE))
                .expectNoEvents();
    }
}
