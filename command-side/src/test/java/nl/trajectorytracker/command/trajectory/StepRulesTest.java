package nl.trajectorytracker.command.trajectory;

import static nl.trajectorytracker.command.trajectory.Refusal.invalid;
import static nl.trajectorytracker.command.trajectory.Refusal.refusedWith;
import static nl.trajectorytracker.command.trajectory.StepCatalogue.HOSPITAL;
import static nl.trajectorytracker.command.trajectory.StepCatalogue.ID;
import static nl.trajectorytracker.command.trajectory.StepCatalogue.INSURER;
import static nl.trajectorytracker.command.trajectory.StepCatalogue.NEGOTIATOR;
import static nl.trajectorytracker.command.trajectory.StepCatalogue.NOW;
import static nl.trajectorytracker.command.trajectory.StepCatalogue.TERMS;
import static nl.trajectorytracker.command.trajectory.TrajectoryFixtures.fixture;
import static nl.trajectorytracker.command.trajectory.TrajectoryFixtures.inPhase;
import static nl.trajectorytracker.command.trajectory.TrajectoryFixtures.plus;

import java.time.LocalDate;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;

import nl.trajectorytracker.api.commands.AcceptProposal;
import nl.trajectorytracker.api.commands.AddStakeholder;
import nl.trajectorytracker.api.commands.AmendContract;
import nl.trajectorytracker.api.commands.AssessPreviousAgreement;
import nl.trajectorytracker.api.commands.AssessTrust;
import nl.trajectorytracker.api.commands.CounterProposal;
import nl.trajectorytracker.api.commands.DefineBatna;
import nl.trajectorytracker.api.commands.EstablishJointFact;
import nl.trajectorytracker.api.commands.MakeProposal;
import nl.trajectorytracker.api.commands.MeasureIndicator;
import nl.trajectorytracker.api.commands.RecordDecision;
import nl.trajectorytracker.api.commands.RecordPitfall;
import nl.trajectorytracker.api.commands.RejectProposal;
import nl.trajectorytracker.api.commands.ResolveDeadlock;
import nl.trajectorytracker.api.commands.ResolveLegalObstacle;
import nl.trajectorytracker.api.commands.ReviseBatna;
import nl.trajectorytracker.api.commands.ReviseStrategicGoal;
import nl.trajectorytracker.api.commands.SetStrategicGoal;
import nl.trajectorytracker.api.commands.SignAgreement;
import nl.trajectorytracker.api.commands.UpdateStakeholder;
import nl.trajectorytracker.api.events.AgreementSigned;
import nl.trajectorytracker.api.events.BatnaDefined;
import nl.trajectorytracker.api.events.BatnaRevised;
import nl.trajectorytracker.api.events.DeadlockEscalated;
import nl.trajectorytracker.api.events.DeadlockResolved;
import nl.trajectorytracker.api.events.DecisionRecorded;
import nl.trajectorytracker.api.events.LegalObstacleRaised;
import nl.trajectorytracker.api.events.LegalObstacleResolved;
import nl.trajectorytracker.api.events.ProposalAccepted;
import nl.trajectorytracker.api.events.ProposalCountered;
import nl.trajectorytracker.api.events.ProposalMade;
import nl.trajectorytracker.api.events.StakeholderAdded;
import nl.trajectorytracker.api.events.StakeholderRemoved;
import nl.trajectorytracker.api.events.StrategicGoalSet;
import nl.trajectorytracker.api.events.TrajectoryConcluded;
import nl.trajectorytracker.api.values.Actor;
import nl.trajectorytracker.api.values.ErrorCode;
import nl.trajectorytracker.api.values.Influence;
import nl.trajectorytracker.api.values.Outcome;
import nl.trajectorytracker.api.values.Phase;
import nl.trajectorytracker.api.values.Signatory;
import nl.trajectorytracker.api.values.StakeholderScope;
import nl.trajectorytracker.api.values.Terms;
import nl.trajectorytracker.api.values.TrustScore;

/** The rules of single steps: what they refer to must exist, parties must be parties, some things happen once. */
class StepRulesTest {

    private static final List<Signatory> BOTH_SIGN = List.of(new Signatory("Anna de Vries", INSURER, null),
            new Signatory("Pieter Jansen", HOSPITAL, null));
    private static final LocalDate START = LocalDate.parse("2026-01-01");
    private static final LocalDate END = LocalDate.parse("2030-12-31");
    private static final Actor HOSPITAL_NEGOTIATOR = new Actor("pieter@hospital.example", HOSPITAL);
    private static final ProposalMade INSURER_PROPOSES = new ProposalMade(ID, "P1", INSURER, TERMS, false,
            NEGOTIATOR, NOW);

    @Test
    void settingAStrategicGoal_fails_whenItsIdIsTaken() {
        fixture().given(plus(inPhase(Phase.INTERNAL_PREPARATION),
                        new StrategicGoalSet(ID, "G1", "Goal", null, false, NEGOTIATOR, NOW)))
                .when(new SetStrategicGoal(ID, "G1", "Another goal", null, NEGOTIATOR, NOW))
                .expectException(refusedWith(ErrorCode.DUPLICATE_REFERENCE));
    }

    @Test
    void revisingAStrategicGoal_fails_whenTheGoalIsUnknown() {
        fixture().given(inPhase(Phase.INTERNAL_PREPARATION))
                .when(new ReviseStrategicGoal(ID, "G9", "Goal", "Why", NEGOTIATOR, NOW))
                .expectException(refusedWith(ErrorCode.UNKNOWN_REFERENCE));
    }

    @Test
    void updatingAStakeholder_fails_afterItWasRemoved() {
        fixture().given(plus(inPhase(Phase.INTERNAL_PREPARATION),
                        new StakeholderAdded(ID, "S1", "GP cooperative", StakeholderScope.EXTERNAL, "Refers patients",
                                List.of("Fewer referrals back"), Influence.LOW, false, NEGOTIATOR, NOW),
                        new StakeholderRemoved(ID, "S1", "Merged", false, NEGOTIATOR, NOW)))
                .when(new UpdateStakeholder(ID, "S1", "GP cooperative", StakeholderScope.EXTERNAL, "Refers",
                        List.of("Care close to home"), Influence.HIGH, NEGOTIATOR, NOW))
                .expectException(refusedWith(ErrorCode.UNKNOWN_REFERENCE));
    }

    @Test
    void addingAStakeholder_fails_whenItsIdIsTaken() {
        fixture().given(plus(inPhase(Phase.INTERNAL_PREPARATION),
                        new StakeholderAdded(ID, "S1", "GP cooperative", StakeholderScope.EXTERNAL, "Refers patients",
                                List.of("Fewer referrals back"), Influence.LOW, false, NEGOTIATOR, NOW)))
                .when(new AddStakeholder(ID, "S1", "Board", StakeholderScope.INTERNAL, "Decides",
                        List.of("Budget"), Influence.HIGH, NEGOTIATOR, NOW))
                .expectException(refusedWith(ErrorCode.DUPLICATE_REFERENCE));
    }

    @Test
    void assessingThePreviousAgreement_fails_whenItRefersToThisTrajectoryItself() {
        fixture().given(inPhase(Phase.INTERNAL_PREPARATION))
                .when(new AssessPreviousAgreement(ID, "Contract", false, "Why", true, ID, NEGOTIATOR, NOW))
                .expectException(invalid("previousTrajectoryId"));
    }

    @Test
    void definingTheBatna_fails_whenItIsDefinedAlready() {
        fixture().given(plus(inPhase(Phase.INTERNAL_PREPARATION),
                        new BatnaDefined(ID, "Other hospitals", "Capacity", false, NEGOTIATOR, NOW)))
                .when(new DefineBatna(ID, "Something else", "Why", NEGOTIATOR, NOW))
                .expectException(refusedWith(ErrorCode.DUPLICATE_REFERENCE));
    }

    @Test
    void revisingTheBatna_fails_whenNoneIsDefined() {
        fixture().given(inPhase(Phase.INTERNAL_PREPARATION))
                .when(new ReviseBatna(ID, "Other hospitals", "Why", NEGOTIATOR, NOW))
                .expectException(refusedWith(ErrorCode.UNKNOWN_REFERENCE));
    }

    @Test
    void everyBatnaRevision_isKept_withWhy() {
        fixture().given(plus(inPhase(Phase.NEGOTIATION),
                        new BatnaDefined(ID, "Two other hospitals", "Capacity", false, NEGOTIATOR, NOW),
                        new BatnaRevised(ID, "One other hospital", "One lost capacity", true, NEGOTIATOR, NOW)))
                .when(new ReviseBatna(ID, "A one-year contract", "No hospital has capacity left", NEGOTIATOR, NOW))
                .expectEvents(new BatnaRevised(ID, "A one-year contract", "No hospital has capacity left", false,
                        NEGOTIATOR, NOW));
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(Phase.class)
    void revisingTheBatna_isANormalStep_inEveryPhase_notACorrection(Phase phase) {
        fixture().given(plus(inPhase(phase),
                        new BatnaDefined(ID, "Two other hospitals", "Capacity", phase != Phase.INTERNAL_PREPARATION,
                                NEGOTIATOR, NOW)))
                .when(new ReviseBatna(ID, "A one-year contract", "No hospital has capacity left", NEGOTIATOR, NOW))
                .expectEvents(new BatnaRevised(ID, "A one-year contract", "No hospital has capacity left", false,
                        NEGOTIATOR, NOW));
    }

    @Test
    void revisingTheBatna_fails_afterTheConclusion() {
        fixture().given(plus(inPhase(Phase.NEGOTIATION),
                        new BatnaDefined(ID, "Two other hospitals", "Capacity", false, NEGOTIATOR, NOW),
                        new TrajectoryConcluded(ID, Outcome.FALLBACK_TO_BATNA, "No deal", Phase.NEGOTIATION,
                                NEGOTIATOR, NOW)))
                .when(new ReviseBatna(ID, "A one-year contract", "Too late", NEGOTIATOR, NOW))
                .expectException(refusedWith(ErrorCode.TRAJECTORY_CONCLUDED))
                .expectNoEvents();
    }

    @Test
    void establishingAJointFact_fails_whenAcceptedByANonParty() {
        fixture().given(inPhase(Phase.CO_DESIGN))
                .when(new EstablishJointFact(ID, "Fact", "Vektis", List.of(INSURER, "Menzis"), NEGOTIATOR, NOW))
                .expectException(invalid("acceptedBy"));
    }

    @Test
    void resolvingALegalObstacle_fails_whenItWasResolvedAlready() {
        fixture().given(plus(inPhase(Phase.CO_DESIGN),
                        new LegalObstacleRaised(ID, "L1", "Competition law", false, NEGOTIATOR, NOW),
                        new LegalObstacleResolved(ID, "L1", "Aggregated data only", false, NEGOTIATOR, NOW)))
                .when(new ResolveLegalObstacle(ID, "L1", "Again", NEGOTIATOR, NOW))
                .expectException(refusedWith(ErrorCode.UNKNOWN_REFERENCE));
    }

    @Test
    void makingAProposal_fails_whenTheProposerIsNoParty() {
        fixture().given(inPhase(Phase.NEGOTIATION))
                .when(new MakeProposal(ID, "P1", "Menzis", TERMS, NEGOTIATOR, NOW))
                .expectException(invalid("by"));
    }

    @Test
    void makingAProposal_fails_whenItsIdIsTaken() {
        fixture().given(plus(inPhase(Phase.NEGOTIATION), INSURER_PROPOSES))
                .when(new MakeProposal(ID, "P1", HOSPITAL, TERMS, NEGOTIATOR, NOW))
                .expectException(refusedWith(ErrorCode.DUPLICATE_REFERENCE));
    }

    @Test
    void acceptingAProposal_fails_byTheProposerItself() {
        fixture().given(plus(inPhase(Phase.NEGOTIATION), INSURER_PROPOSES))
                .when(new AcceptProposal(ID, "P1", INSURER, NEGOTIATOR, NOW))
                .expectException(invalid("by"));
    }

    @Test
    void acceptingAProposal_fails_forAnotherPartyThanTheNegotiatorsOwn() {
        fixture().given(plus(inPhase(Phase.NEGOTIATION), new ProposalMade(ID, "P1", HOSPITAL, TERMS, false,
                        HOSPITAL_NEGOTIATOR, NOW)))
                .when(new AcceptProposal(ID, "P1", HOSPITAL, NEGOTIATOR, NOW))
                .expectException(invalid("by"))
                .expectNoEvents();
    }

    @Test
    void acceptingAProposal_succeeds_byTheNegotiatorsOwnParty() {
        fixture().given(plus(inPhase(Phase.NEGOTIATION), new ProposalMade(ID, "P1", HOSPITAL, TERMS, false,
                        HOSPITAL_NEGOTIATOR, NOW)))
                .when(new AcceptProposal(ID, "P1", INSURER, NEGOTIATOR, NOW))
                .expectEvents(new ProposalAccepted(ID, "P1", INSURER, false, NEGOTIATOR, NOW));
    }

    @Test
    void rejectingAProposal_fails_forAnotherPartyThanTheNegotiatorsOwn() {
        fixture().given(plus(inPhase(Phase.NEGOTIATION), INSURER_PROPOSES))
                .when(new RejectProposal(ID, "P1", HOSPITAL, "Too short", NEGOTIATOR, NOW))
                .expectException(invalid("by"))
                .expectNoEvents();
    }

    @Test
    void rejectingAProposal_fails_byTheProposerItself() {
        fixture().given(plus(inPhase(Phase.NEGOTIATION), INSURER_PROPOSES))
                .when(new RejectProposal(ID, "P1", INSURER, "Changed our mind", NEGOTIATOR, NOW))
                .expectException(invalid("by"))
                .expectNoEvents();
    }

    @Test
    void answeringAProposal_forAnyParty_isLeftToActorsOfNoOrganisation() {
        fixture().given(plus(inPhase(Phase.NEGOTIATION), INSURER_PROPOSES))
                .when(new AcceptProposal(ID, "P1", HOSPITAL, Actor.system(), NOW))
                .expectEvents(new ProposalAccepted(ID, "P1", HOSPITAL, false, Actor.system(), NOW));
    }

    @Test
    void acceptingAProposal_fails_whenItWasCounteredAlready() {
        fixture().given(plus(inPhase(Phase.NEGOTIATION), INSURER_PROPOSES,
                        new ProposalCountered(ID, "P1", "P2", HOSPITAL, TERMS, "Longer", false, NEGOTIATOR, NOW)))
                .when(new AcceptProposal(ID, "P1", INSURER, NEGOTIATOR, NOW))
                .expectException(refusedWith(ErrorCode.PROPOSAL_NOT_OPEN));
    }

    @Test
    void aCounterProposal_canBeAccepted_byTheFirstProposer() {
        fixture().given(plus(inPhase(Phase.NEGOTIATION), INSURER_PROPOSES,
                        new ProposalCountered(ID, "P1", "P2", HOSPITAL, TERMS, "Longer", false, NEGOTIATOR, NOW)))
                .when(new AcceptProposal(ID, "P2", INSURER, NEGOTIATOR, NOW))
                .expectEvents(new ProposalAccepted(ID, "P2", INSURER, false, NEGOTIATOR, NOW));
    }

    @ParameterizedTest(name = "{0} months from {1} to {2}")
    @CsvSource({"60, 2026-01-01, 2026-03-01", "60, 2026-01-01, 2031-12-31", "12, 2026-01-01, 2026-11-30",
            "61, 2026-01-01, 2030-12-31"})
    void signingAnAgreement_fails_whenTheMonthsDoNotMatchTheDates(int months, LocalDate start, LocalDate end) {
        fixture().given(inPhase(Phase.NEGOTIATION))
                .when(new SignAgreement(ID, termsOf(months), BOTH_SIGN, start, end, NEGOTIATOR, NOW))
                .expectException(invalid("terms.durationMonths"))
                .expectNoEvents();
    }

    @ParameterizedTest(name = "{0} months from {1} to {2}")
    @CsvSource({"60, 2026-01-01, 2030-12-31", "12, 2026-01-01, 2026-12-31", "60, 2026-01-15, 2031-01-31",
            "61, 2026-01-15, 2031-01-31", "1, 2026-02-01, 2026-02-10", "24, 2021-09-01, 2023-08-31"})
    void signingAnAgreement_succeeds_whenTheMonthsMatchTheDates(int months, LocalDate start, LocalDate end) {
        fixture().given(inPhase(Phase.NEGOTIATION))
                .when(new SignAgreement(ID, termsOf(months), BOTH_SIGN, start, end, NEGOTIATOR, NOW))
                .expectEvents(new AgreementSigned(ID, termsOf(months), BOTH_SIGN, start, end, false, NEGOTIATOR,
                        NOW));
    }

    private static Terms termsOf(int months) {
        return new Terms(TERMS.model(), months, TERMS.gainSharing(), TERMS.lossSharing(), TERMS.description());
    }

    @Test
    void counteringAProposal_fails_whenTheCounterIdIsTaken() {
        fixture().given(plus(inPhase(Phase.NEGOTIATION), INSURER_PROPOSES))
                .when(new CounterProposal(ID, "P1", "P1", HOSPITAL, TERMS, "Why", NEGOTIATOR, NOW))
                .expectException(refusedWith(ErrorCode.DUPLICATE_REFERENCE));
    }

    @Test
    void rejectingAProposal_fails_whenTheProposalIsUnknown() {
        fixture().given(inPhase(Phase.NEGOTIATION))
                .when(new RejectProposal(ID, "P7", INSURER, "Why", NEGOTIATOR, NOW))
                .expectException(refusedWith(ErrorCode.UNKNOWN_REFERENCE));
    }

    @Test
    void resolvingADeadlock_fails_whenItWasResolvedAlready() {
        fixture().given(plus(inPhase(Phase.NEGOTIATION),
                        new DeadlockEscalated(ID, "D1", "Loss cap", "Directors", false, NEGOTIATOR, NOW),
                        new DeadlockResolved(ID, "D1", "Two percent", false, NEGOTIATOR, NOW)))
                .when(new ResolveDeadlock(ID, "D1", "Again", NEGOTIATOR, NOW))
                .expectException(refusedWith(ErrorCode.UNKNOWN_REFERENCE));
    }

    @Test
    void signingTheAgreement_fails_whenAPartyHasNoSignatory() {
        fixture().given(inPhase(Phase.NEGOTIATION))
                .when(new SignAgreement(ID, TERMS, List.of(new Signatory("Anna de Vries", INSURER, null)), START,
                        END, NEGOTIATOR, NOW))
                .expectException(invalid("signatories"));
    }

    @Test
    void signingTheAgreement_fails_whenASignatoryIsOfNoParty() {
        fixture().given(inPhase(Phase.NEGOTIATION))
                .when(new SignAgreement(ID, TERMS, List.of(BOTH_SIGN.get(0), BOTH_SIGN.get(1),
                        new Signatory("Carl", "Menzis", null)), START, END, NEGOTIATOR, NOW))
                .expectException(invalid("signatories"));
    }

    @Test
    void signingTheAgreement_fails_whenItIsSignedAlready() {
        fixture().given(plus(inPhase(Phase.NEGOTIATION),
                        new AgreementSigned(ID, TERMS, BOTH_SIGN, START, END, false, NEGOTIATOR, NOW)))
                .when(new SignAgreement(ID, TERMS, BOTH_SIGN, START, END, NEGOTIATOR, NOW))
                .expectException(refusedWith(ErrorCode.AGREEMENT_ALREADY_SIGNED));
    }

    @Test
    void amendingTheContract_fails_withoutASignedAgreement() {
        fixture().given(inPhase(Phase.RUNNING_AGREEMENT))
                .when(new AmendContract(ID, "Knees added", "It works", null, NEGOTIATOR, NOW))
                .expectException(refusedWith(ErrorCode.NO_SIGNED_AGREEMENT));
    }

    @Test
    void measuringAnIndicator_fails_whenTheIndicatorIsNotDefined() {
        fixture().given(inPhase(Phase.RUNNING_AGREEMENT))
                .when(new MeasureIndicator(ID, "I9", "6 weeks", START, null, NEGOTIATOR, NOW))
                .expectException(refusedWith(ErrorCode.UNKNOWN_REFERENCE));
    }

    @Test
    void recordingADecision_keepsWhatWhyAlternativesEvidenceQuestionAndParties() {
        fixture().given(inPhase(Phase.NEGOTIATION))
                .when(new RecordDecision(ID, "DEC-7", "Five years, shared savings 50/50", "Investments need time",
                        List.of("Three years"), List.of("Vektis 2021-2025"), "P3.DURATION", List.of(INSURER, HOSPITAL),
                        NEGOTIATOR, NOW))
                .expectEvents(new DecisionRecorded(ID, "DEC-7", "Five years, shared savings 50/50",
                        "Investments need time", List.of("Three years"), List.of("Vektis 2021-2025"), "P3.DURATION",
                        List.of(INSURER, HOSPITAL), Phase.NEGOTIATION, NEGOTIATOR, NOW));
    }

    @Test
    void recordingADecision_fails_forAnUnknownGuidingQuestion() {
        fixture().given(inPhase(Phase.INTERNAL_PREPARATION))
                .when(new RecordDecision(ID, "DEC-1", "Decision", "Why", null, null, "P1.NO_SUCH_QUESTION", null,
                        NEGOTIATOR, NOW))
                .expectException(invalid("guidingQuestionId"));
    }

    @Test
    void recordingADecision_fails_forAQuestionOfALaterPhase() {
        fixture().given(inPhase(Phase.INTERNAL_PREPARATION))
                .when(new RecordDecision(ID, "DEC-1", "Decision", "Why", null, null, "P3.DURATION", null,
                        NEGOTIATOR, NOW))
                .expectException(refusedWith(ErrorCode.STEP_NOT_YET_ALLOWED));
    }

    @Test
    void recordingADecision_fails_whenAgreedByANonParty() {
        fixture().given(inPhase(Phase.INTERNAL_PREPARATION))
                .when(new RecordDecision(ID, "DEC-1", "Decision", "Why", null, null, null, List.of("Menzis"),
                        NEGOTIATOR, NOW))
                .expectException(invalid("agreedBy"));
    }

    @Test
    void recordingADecision_fails_whenItsIdIsTaken() {
        fixture().given(plus(inPhase(Phase.INTERNAL_PREPARATION), new DecisionRecorded(ID, "DEC-1", "Decision",
                        "Why", List.of(), List.of(), null, List.of(), Phase.INTERNAL_PREPARATION, NEGOTIATOR, NOW)))
                .when(new RecordDecision(ID, "DEC-1", "Another", "Why", null, null, null, null, NEGOTIATOR, NOW))
                .expectException(refusedWith(ErrorCode.DUPLICATE_REFERENCE));
    }

    @Test
    void assessingTrust_fails_inTheOwnOrganisation() {
        fixture().given(inPhase(Phase.CO_DESIGN))
                .when(new AssessTrust(ID, INSURER, new TrustScore(5), new TrustScore(5), null, NEGOTIATOR, NOW))
                .expectException(invalid("counterpart"));
    }

    @Test
    void assessingTrust_fails_inANonParty() {
        fixture().given(inPhase(Phase.CO_DESIGN))
                .when(new AssessTrust(ID, "Menzis", new TrustScore(3), new TrustScore(3), null, NEGOTIATOR, NOW))
                .expectException(invalid("counterpart"));
    }

    @Test
    void recordingAPitfall_fails_aboutAPhaseNotYetReached() {
        fixture().given(inPhase(Phase.CO_DESIGN))
                .when(new RecordPitfall(ID, Phase.RUNNING_AGREEMENT, "Forgetting relationship upkeep", null,
                        NEGOTIATOR, NOW))
                .expectException(refusedWith(ErrorCode.STEP_NOT_YET_ALLOWED));
    }
}
