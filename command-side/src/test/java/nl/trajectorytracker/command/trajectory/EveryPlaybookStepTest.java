package nl.trajectorytracker.command.trajectory;

import static nl.trajectorytracker.command.trajectory.StepCatalogue.ID;
import static nl.trajectorytracker.command.trajectory.StepCatalogue.NEGOTIATOR;
import static nl.trajectorytracker.command.trajectory.StepCatalogue.NOW;
import static nl.trajectorytracker.command.trajectory.StepCatalogue.OUTSIDER;
import static nl.trajectorytracker.command.trajectory.TrajectoryFixtures.fixture;
import static nl.trajectorytracker.command.trajectory.TrajectoryFixtures.inPhase;
import static nl.trajectorytracker.command.trajectory.TrajectoryFixtures.plus;

import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import nl.trajectorytracker.api.events.TrajectoryConcluded;
import nl.trajectorytracker.api.events.TrajectoryEvent;
import nl.trajectorytracker.api.values.ErrorCode;
import nl.trajectorytracker.api.values.Outcome;
import nl.trajectorytracker.api.values.Phase;
import nl.trajectorytracker.command.trajectory.StepCatalogue.Step;

/**
 * The rules every playbook step shares, specified for each step of the catalogue: recorded in its own phase with
 * the new version as answer, refused before it, a correction after it, refused for outsiders, and refused once the
 * trajectory is concluded unless it is a reflection (notes and evaluations).
 */
class EveryPlaybookStepTest {

    static Stream<Step> steps() {
        return StepCatalogue.STEPS.stream();
    }

    static Stream<Step> phaseSteps() {
        return steps().filter(step -> step.phase() != null);
    }

    static Stream<Step> laterPhaseSteps() {
        return phaseSteps().filter(step -> step.phase() != Phase.INTERNAL_PREPARATION);
    }

    /** Steps of a phase that, recorded later, correct it; a BATNA revision is a normal step in any phase. */
    static Stream<Step> correctableSteps() {
        return phaseSteps().filter(step -> step.phase() != Phase.AFTER_AGREEMENT)
                .filter(step -> !step.name().equals("ReviseBatna"));
    }

    static Stream<Step> anyPhaseSteps() {
        return steps().filter(step -> step.phase() == null);
    }

    static Stream<Step> changingSteps() {
        return steps().filter(step -> !step.reflection());
    }

    static Stream<Step> reflections() {
        return steps().filter(Step::reflection);
    }

    private static Phase ownPhase(Step step) {
        return step.phase() == null ? Phase.INTERNAL_PREPARATION : step.phase();
    }

    private static Object context(Step step, Phase current) {
        return step.phase() == null ? current : (Object) current.isAfter(step.phase());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("steps")
    void aStep_isRecorded_inItsOwnPhase_andAnswersTheNewVersion(Step step) {
        List<Object> given = plus(inPhase(ownPhase(step)), step.given().toArray());

        fixture().given(given)
                .when(step.command().apply(NEGOTIATOR))
                .expectSuccessfulHandlerExecution()
                .expectEvents(step.event().apply(context(step, ownPhase(step)), NEGOTIATOR))
                .expectResultMessagePayload((long) given.size());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("laterPhaseSteps")
    void aStep_isRefused_beforeItsPhase(Step step) {
        fixture().given(plus(inPhase(Phase.INTERNAL_PREPARATION), step.given().toArray()))
                .when(step.command().apply(NEGOTIATOR))
                .expectException(Refusal.refusedWith(ErrorCode.STEP_NOT_YET_ALLOWED))
                .expectNoEvents();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("correctableSteps")
    void aStep_ofAnEarlierPhase_isRecordedAsACorrection(Step step) {
        Phase later = step.phase().next();

        fixture().given(plus(inPhase(later), step.given().toArray()))
                .when(step.command().apply(NEGOTIATOR))
                .expectEvents(step.event().apply(true, NEGOTIATOR));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("anyPhaseSteps")
    void aStepOfAnyPhase_recordsThePhaseItWasTakenIn(Step step) {
        fixture().given(plus(inPhase(Phase.RUNNING_AGREEMENT), step.given().toArray()))
                .when(step.command().apply(NEGOTIATOR))
                .expectEvents(step.event().apply(Phase.RUNNING_AGREEMENT, NEGOTIATOR));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("steps")
    void aStep_isRefusedAsNotFound_forAnActorOfAnotherOrganisation(Step step) {
        fixture().given(plus(inPhase(ownPhase(step)), step.given().toArray()))
                .when(step.command().apply(OUTSIDER))
                .expectException(Refusal.refusedWith(ErrorCode.TRAJECTORY_NOT_FOUND))
                .expectExceptionMessage("No trajectory with id " + ID)
                .expectNoEvents();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("changingSteps")
    void aStep_isRefused_onAConcludedTrajectory(Step step) {
        fixture().given(plus(inPhase(ownPhase(step)), plus(step.given(),
                        new TrajectoryConcluded(ID, Outcome.ABANDONED, "The board stopped it", ownPhase(step),
                                NEGOTIATOR, NOW)).toArray()))
                .when(step.command().apply(NEGOTIATOR))
                .expectException(Refusal.refusedWith(ErrorCode.TRAJECTORY_CONCLUDED))
                .expectNoEvents();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("reflections")
    void aReflection_isStillRecorded_onAConcludedTrajectory(Step step) {
        fixture().given(plus(inPhase(ownPhase(step)), plus(step.given(),
                        new TrajectoryConcluded(ID, Outcome.ABANDONED, "The board stopped it", ownPhase(step),
                                NEGOTIATOR, NOW)).toArray()))
                .when(step.command().apply(NEGOTIATOR))
                .expectSuccessfulHandlerExecution()
                .expectEvents(step.event().apply(context(step, ownPhase(step)), NEGOTIATOR));
    }

    /** A conclusion must come after every change, so the policy must know the reflections the catalogue knows. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("steps")
    void theConclusionPolicy_countsAStepAsAChange_exactlyWhenItIsNoReflection(Step step) {
        TrajectoryEvent event = (TrajectoryEvent) step.event().apply(context(step, ownPhase(step)), NEGOTIATOR);
        assertThat(ConclusionPolicy.isChange(event)).isEqualTo(!step.reflection());
    }
}
