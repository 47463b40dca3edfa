package nl.trajectorytracker.command.trajectory;

import static nl.trajectorytracker.command.trajectory.Refusal.invalid;
import static nl.trajectorytracker.command.trajectory.Refusal.refusedWith;
import static nl.trajectorytracker.command.trajectory.StepCatalogue.HOSPITAL;
import static nl.trajectorytracker.command.trajectory.StepCatalogue.ID;
import static nl.trajectorytracker.command.trajectory.StepCatalogue.INSURER;
import static nl.trajectorytracker.command.trajectory.StepCatalogue.NEGOTIATOR;
import static nl.trajectorytracker.command.trajectory.StepCatalogue.NOW;
import static nl.trajectorytracker.command.trajectory.StepCatalogue.PARTIES;
import static nl.trajectorytracker.command.trajectory.StepCatalogue.TERMS;
import static nl.trajectorytracker.command.trajectory.TrajectoryFixtures.fixture;
import static nl.trajectorytracker.command.trajectory.TrajectoryFixtures.inPhase;
import static nl.trajectorytracker.command.trajectory.TrajectoryFixtures.plus;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;
import java.util.List;

import org.axonframework.modelling.command.ConflictingAggregateVersionException;
import org.junit.jupiter.api.Test;

import nl.trajectorytracker.api.commands.ConcludeTrajectory;
import nl.trajectorytracker.api.commands.CheckFollowUpTrajectory;
import nl.trajectorytracker.api.commands.StartFollowUpTrajectory;
import nl.trajectorytracker.api.commands.StartTrajectory;
import nl.trajectorytracker.api.events.AgreementSigned;
import nl.trajectorytracker.api.events.BatnaDefined;
import nl.trajectorytracker.api.events.FollowUpTrajectoryStarted;
import nl.trajectorytracker.api.events.TrajectoryConcluded;
import nl.trajectorytracker.api.events.TrajectoryStarted;
import nl.trajectorytracker.api.values.Actor;
import nl.trajectorytracker.api.values.ErrorCode;
import nl.trajectorytracker.api.values.InvalidValueException;
import nl.trajectorytracker.api.values.Outcome;
import nl.trajectorytracker.api.values.Party;
import nl.trajectorytracker.api.values.PartyType;
import nl.trajectorytracker.api.values.Phase;
import nl.trajectorytracker.api.values.Signatory;
import nl.trajectorytracker.api.values.TrajectoryId;

/** How a trajectory starts, ends, and is followed up. */
class ConcludingAndFollowingUpTest {

    private static final TrajectoryId FOLLOW_UP = new TrajectoryId("0b9f3c4e-1111-4a6b-9c1e-2f3a4b5c6d7e");
    private static final AgreementSigned SIGNED = new AgreementSigned(ID, TERMS,
            List.of(new Signatory("Anna de Vries", INSURER, null), new Signatory("Pieter Jansen", HOSPITAL, null)),
            LocalDate.parse("2026-01-01"), LocalDate.parse("2030-12-31"), false, NEGOTIATOR, NOW);
    private static final TrajectoryConcluded FULFILLED = new TrajectoryConcluded(ID, Outcome.AGREEMENT_FULFILLED,
            "Five years delivered", Phase.AFTER_AGREEMENT, NEGOTIATOR, NOW);

    @Test
    void starting_recordsTheCurrentPlaybookVersion_byDefault() {
        fixture().givenNoPriorActivity()
                .when(new StartTrajectory(ID, "Five years", PARTIES, NEGOTIATOR, NOW))
                .expectEvents(new TrajectoryStarted(ID, "Five years", PARTIES, "2025.1", null, NEGOTIATOR, NOW))
                .expectResultMessagePayload(0L);
    }

    @Test
    void starting_aFollowUp_recordsItsPredecessor() {
        fixture().givenNoPriorActivity()
                .when(new StartTrajectory(FOLLOW_UP, "The next five years", PARTIES, null, ID, NEGOTIATOR, NOW))
                .expectEvents(new TrajectoryStarted(FOLLOW_UP, "The next five years", PARTIES, "2025.1", ID,
                        NEGOTIATOR, NOW));
    }

    @Test
    void starting_isRefused_whenTheActorsOrganisationIsNotAParty() {
        fixture().givenNoPriorActivity()
                .when(new StartTrajectory(ID, "Five years", PARTIES, new Actor("bob@menzis.example", "Menzis"), NOW))
                .expectException(refusedWith(ErrorCode.NOT_A_PARTY))
                .expectNoEvents();
    }

    @Test
    void starting_isAllowed_forAnActorBoundToNoOrganisation() {
        fixture().givenNoPriorActivity()
                .when(new StartTrajectory(ID, "Five years", PARTIES, Actor.system(), NOW))
                .expectSuccessfulHandlerExecution();
    }

    @Test
    void aStartCommand_cannotBeBuilt_forAnUnknownPlaybookVersionOrTwiceTheSameParty() {
        assertThatThrownBy(() -> new StartTrajectory(ID, "Five years", PARTIES, "1999.1", null, NEGOTIATOR, NOW))
                .isInstanceOfSatisfying(InvalidValueException.class,
                        e -> org.assertj.core.api.Assertions.assertThat(e.field()).isEqualTo("playbookVersion"));
        assertThatThrownBy(() -> new StartTrajectory(ID, "Five years", List.of(new Party(INSURER, PartyType.INSURER),
                new Party(INSURER, PartyType.INSURER)), NEGOTIATOR, NOW))
                .isInstanceOfSatisfying(InvalidValueException.class,
                        e -> org.assertj.core.api.Assertions.assertThat(e.field()).isEqualTo("parties"));
    }

    @Test
    void concluding_asFulfilled_recordsTheOutcomeAndPhase() {
        fixture().given(plus(inPhase(Phase.AFTER_AGREEMENT), SIGNED))
                .when(new ConcludeTrajectory(ID, Outcome.AGREEMENT_FULFILLED, "Five years delivered", NEGOTIATOR,
                        NOW))
                .expectEvents(FULFILLED);
    }

    @Test
    void concluding_asFulfilled_fails_withoutASignedAgreement() {
        fixture().given(inPhase(Phase.AFTER_AGREEMENT))
                .when(new ConcludeTrajectory(ID, Outcome.AGREEMENT_FULFILLED, "Done", NEGOTIATOR, NOW))
                .expectException(refusedWith(ErrorCode.CONCLUSION_NOT_ALLOWED));
    }

    @Test
    void concluding_asFulfilled_fails_beforeTheAgreementRuns() {
        fixture().given(plus(inPhase(Phase.NEGOTIATION), SIGNED))
                .when(new ConcludeTrajectory(ID, Outcome.AGREEMENT_FULFILLED, "Done", NEGOTIATOR, NOW))
                .expectException(refusedWith(ErrorCode.CONCLUSION_NOT_ALLOWED));
    }

    @Test
    void concluding_withAFallbackToTheBatna_fails_withoutABatna() {
        fixture().given(inPhase(Phase.NEGOTIATION))
                .when(new ConcludeTrajectory(ID, Outcome.FALLBACK_TO_BATNA, "No deal", NEGOTIATOR, NOW))
                .expectException(refusedWith(ErrorCode.CONCLUSION_NOT_ALLOWED));
    }

    @Test
    void concluding_withAFallbackToTheBatna_succeeds_whenNegotiationsFail() {
        fixture().given(plus(inPhase(Phase.NEGOTIATION),
                        new BatnaDefined(ID, "Two other hospitals", "Capacity", false, NEGOTIATOR, NOW)))
                .when(new ConcludeTrajectory(ID, Outcome.FALLBACK_TO_BATNA, "No agreement on the loss cap",
                        NEGOTIATOR, NOW))
                .expectEvents(new TrajectoryConcluded(ID, Outcome.FALLBACK_TO_BATNA, "No agreement on the loss cap",
                        Phase.NEGOTIATION, NEGOTIATOR, NOW));
    }

    @Test
    void concluding_asAbandoned_isPossibleInAnyPhase() {
        fixture().given(inPhase(Phase.INTERNAL_PREPARATION))
                .when(new ConcludeTrajectory(ID, Outcome.ABANDONED, "No contracting question", NEGOTIATOR, NOW))
                .expectEvents(new TrajectoryConcluded(ID, Outcome.ABANDONED, "No contracting question",
                        Phase.INTERNAL_PREPARATION, NEGOTIATOR, NOW));
    }

    @Test
    void concluding_fails_whenConcludedAlready() {
        fixture().given(plus(inPhase(Phase.AFTER_AGREEMENT), SIGNED, FULFILLED))
                .when(new ConcludeTrajectory(ID, Outcome.ABANDONED, "Again", NEGOTIATOR, NOW))
                .expectException(refusedWith(ErrorCode.TRAJECTORY_CONCLUDED));
    }

    @Test
    void startingAFollowUp_isRecorded_evenAfterTheConclusion() {
        fixture().given(plus(inPhase(Phase.AFTER_AGREEMENT), SIGNED, FULFILLED))
                .when(new StartFollowUpTrajectory(ID, FOLLOW_UP, "The next five years", NEGOTIATOR, NOW))
                .expectEvents(new FollowUpTrajectoryStarted(ID, FOLLOW_UP, "The next five years", NEGOTIATOR, NOW));
    }

    @Test
    void startingAFollowUp_fails_beforeTheLastPhase() {
        fixture().given(inPhase(Phase.RUNNING_AGREEMENT))
                .when(new StartFollowUpTrajectory(ID, FOLLOW_UP, "Next", NEGOTIATOR, NOW))
                .expectException(refusedWith(ErrorCode.STEP_NOT_YET_ALLOWED));
    }

    @Test
    void linkingAFollowUp_again_changesNothing() {
        fixture().given(plus(inPhase(Phase.AFTER_AGREEMENT),
                        new FollowUpTrajectoryStarted(ID, FOLLOW_UP, "Next", NEGOTIATOR, NOW)))
                .when(new StartFollowUpTrajectory(ID, FOLLOW_UP, "Next", NEGOTIATOR, NOW))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents()
                .expectResultMessagePayload(5L);
    }

    @Test
    void checkingAFollowUp_recordsNothing_andAnswersTheVersion() {
        fixture().given(plus(inPhase(Phase.AFTER_AGREEMENT), SIGNED, FULFILLED))
                .when(new CheckFollowUpTrajectory(ID, FOLLOW_UP, NEGOTIATOR, NOW, null))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents()
                .expectResultMessagePayload(6L);
    }

    @Test
    void checkingAFollowUp_fails_beforeTheLastPhase() {
        fixture().given(inPhase(Phase.RUNNING_AGREEMENT))
                .when(new CheckFollowUpTrajectory(ID, FOLLOW_UP, NEGOTIATOR, NOW, null))
                .expectException(refusedWith(ErrorCode.STEP_NOT_YET_ALLOWED))
                .expectNoEvents();
    }

    @Test
    void checkingAFollowUp_fails_forAnActorOfAnotherOrganisation_whateverVersionItExpects() {
        fixture().given(inPhase(Phase.AFTER_AGREEMENT))
                .when(new CheckFollowUpTrajectory(ID, FOLLOW_UP, StepCatalogue.OUTSIDER, NOW, 99L))
                .expectException(refusedWith(ErrorCode.TRAJECTORY_NOT_FOUND))
                .expectNoEvents();
    }

    @Test
    void checkingAFollowUp_fails_atAnotherVersionThanExpected() {
        fixture().given(inPhase(Phase.AFTER_AGREEMENT))
                .when(new CheckFollowUpTrajectory(ID, FOLLOW_UP, NEGOTIATOR, NOW, 1L))
                .expectException(ConflictingAggregateVersionException.class)
                .expectNoEvents();
    }

    @Test
    void checkingAFollowUp_fails_whenThatFollowUpWasStartedAlready() {
        fixture().given(plus(inPhase(Phase.AFTER_AGREEMENT),
                        new FollowUpTrajectoryStarted(ID, FOLLOW_UP, "Next", NEGOTIATOR, NOW)))
                .when(new CheckFollowUpTrajectory(ID, FOLLOW_UP, NEGOTIATOR, NOW, null))
                .expectException(refusedWith(ErrorCode.DUPLICATE_REFERENCE));
    }

    @Test
    void startingAFollowUp_fails_forAnActorOfAnotherOrganisation() {
        fixture().given(inPhase(Phase.AFTER_AGREEMENT))
                .when(new StartFollowUpTrajectory(ID, FOLLOW_UP, "Next", StepCatalogue.OUTSIDER, NOW))
                .expectException(refusedWith(ErrorCode.TRAJECTORY_NOT_FOUND));
    }

    @Test
    void aFollowUpCommand_cannotBeBuilt_pointingAtItself() {
        assertThatThrownBy(() -> new StartFollowUpTrajectory(ID, ID, "Next", NEGOTIATOR, NOW))
                .isInstanceOf(InvalidValueException.class);
    }
}
