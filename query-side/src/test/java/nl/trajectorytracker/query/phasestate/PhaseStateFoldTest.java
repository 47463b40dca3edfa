package nl.trajectorytracker.query.phasestate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.importer.ClassFileImporter;

import nl.trajectorytracker.api.events.*;
import nl.trajectorytracker.api.values.*;
import nl.trajectorytracker.query.phasestate.PhaseState.AnsweredQuestion;
import nl.trajectorytracker.query.phasestate.PhaseState.OpenQuestion;
import nl.trajectorytracker.query.phasestate.PhaseState.PhaseStatus;
import nl.trajectorytracker.query.phasestate.PhaseState.ProposalStatus;

class PhaseStateFoldTest {

    private static final TrajectoryId ID = new TrajectoryId("7b0c3c2e-7f5e-4c1a-9a59-0f3c1d1f6a01");
    private static final Actor ANNA = new Actor("anna", "Zilveren Kruis");
    private static final Actor PIETER = new Actor("pieter", "Ziekenhuis Amstelland");
    private static final Instant T0 = Instant.parse("2020-01-06T09:00:00Z");
    private static final Terms SHARED_SAVINGS = new Terms(ContractModel.SHARED_SAVINGS, 60,
            new SharingArrangement(50, null, "Savings shared 50/50"),
            new SharingArrangement(50, 2_000_000L, "Losses shared 50/50, capped"), "Five years");

    private final List<TrajectoryEvent> events = new ArrayList<>();

    private Instant at() {
        return T0.plusSeconds(3600L * events.size());
    }

    private PhaseState record(TrajectoryEvent... more) {
        events.addAll(List.of(more));
        return PhaseStateFold.foldAll(events);
    }

    private void start() {
        events.add(new TrajectoryStarted(ID, "Zilveren Kruis and Ziekenhuis Amstelland", List.of(
                new Party("Zilveren Kruis", PartyType.INSURER),
                new Party("Ziekenhuis Amstelland", PartyType.CARE_PROVIDER)), ANNA, at()));
    }

    private PhaseState internalPreparation() {
        start();
        return record(
                new StrategicGoalSet(ID, "G1", "Multi-year agreement", "Waiting lists grow", false, ANNA, at()),
                new StrategicGoalRevised(ID, "G1", "Five-year regional agreement", "Board asked for IZA horizon",
                        false, ANNA, at()),
                new InternalInterestRecorded(ID, "Predictable costs", "Finance", false, ANNA, at()),
                new RelevantDevelopmentNoted(ID, "IZA", "Supports regional agreements", false, ANNA, at()),
                new StakeholderAdded(ID, "S1", "Patient federation", StakeholderScope.EXTERNAL, "Represents patients",
                        List.of("Shorter waiting times"), Influence.MEDIUM, false, ANNA, at()),
                new StakeholderUpdated(ID, "S1", "Patient federation", StakeholderScope.EXTERNAL,
                        "Co-designs indicators", List.of("Shared decision making"), Influence.HIGH, false, ANNA, at()),
                new PreviousAgreementAssessed(ID, "One-year volume contract 2020", false, "Rewards volume", true, null,
                        false, ANNA, at()),
                new BatnaDefined(ID, "Buy at other hospitals", "Capacity in the region", false, ANNA, at()),
                new BatnaRevised(ID, "Buy at two other hospitals", "One of them has a waiting list too", false,
                        ANNA, at()),
                new PlanningSet(ID, List.of(new Milestone("Co-design done", LocalDate.parse("2020-06-30"))), false,
                        ANNA, at()),
                new PartnerPositionAssessed(ID, "Ziekenhuis Amstelland", "Wants certainty",
                        List.of("Multi-year certainty"), false, ANNA, at()),
                new TeamMemberAssigned(ID, "Anna de Vries", "Lead negotiator", List.of("Purchasing"), false, ANNA,
                        at()),
                new SupportBaseActionRecorded(ID, "Presented to the board", "Board", false, ANNA, at()),
                new DecisionRecorded(ID, "DEC-1", "Aim for shared savings", "One year is too short",
                        List.of("Another one-year contract"), List.of("Vektis data"),
                        "P1.PREVIOUS_AGREEMENTS_SERVE_GOALS", List.of("Zilveren Kruis"), Phase.INTERNAL_PREPARATION,
                        ANNA, at()),
                new PitfallRecorded(ID, Phase.INTERNAL_PREPARATION, "Internal alignment takes long", "planning",
                        Phase.INTERNAL_PREPARATION, ANNA, at()));
    }

    @Test
    void internalPreparation_recordsEverything_andAnswersItsGuidingQuestions() {
        PhaseState state = internalPreparation();
        var p1 = state.internalPreparation();

        assertThat(state.trajectoryId()).isEqualTo(ID.value());
        assertThat(state.currentPhase()).isEqualTo(Phase.INTERNAL_PREPARATION);
        assertThat(state.version()).isEqualTo(events.size() - 1);
        assertThat(state.progressOf(Phase.INTERNAL_PREPARATION).status()).isEqualTo(PhaseStatus.CURRENT);
        assertThat(p1.strategicGoals()).singleElement().satisfies(goal -> {
            assertThat(goal.goal()).isEqualTo("Five-year regional agreement");
            assertThat(goal.revisions()).singleElement().satisfies(revision -> {
                assertThat(revision.revision()).isEqualTo(2);
                assertThat(revision.why()).isEqualTo("Board asked for IZA horizon");
            });
        });
        assertThat(p1.stakeholders()).singleElement().satisfies(s -> {
            assertThat(s.influence()).isEqualTo(Influence.HIGH);
            assertThat(s.history()).singleElement().extracting(PhaseState.Stakeholder::influence)
                    .isEqualTo(Influence.MEDIUM);
        });
        assertThat(p1.batna()).extracting(PhaseState.Batna::revision, PhaseState.Batna::current,
                PhaseState.Batna::why).containsExactly(
                        org.assertj.core.groups.Tuple.tuple(1, false, "Capacity in the region"),
                        org.assertj.core.groups.Tuple.tuple(2, true, "One of them has a waiting list too"));
        assertThat(p1.internalInterests()).hasSize(1);
        assertThat(p1.developments()).hasSize(1);
        assertThat(p1.previousAgreementAssessments()).singleElement()
                .extracting(PhaseState.PreviousAgreementAssessment::contractingQuestion).isEqualTo(true);
        assertThat(p1.planning()).hasSize(1);
        assertThat(p1.partnerAssessments()).hasSize(1);
        assertThat(p1.team()).hasSize(1);
        assertThat(p1.supportActions()).hasSize(1);
        assertThat(p1.decisions()).singleElement().extracting(PhaseState.Decision::rationale)
                .isEqualTo("One year is too short");
        assertThat(p1.pitfalls()).hasSize(1);

        assertThat(ids(p1.answeredQuestions())).containsExactly("P1.STRATEGIC_GOALS", "P1.INTERNAL_INTERESTS",
                "P1.RELEVANT_DEVELOPMENTS", "P1.STAKEHOLDERS", "P1.PREVIOUS_AGREEMENTS_SERVE_GOALS",
                "P1.CONTRACTING_QUESTION", "P1.BATNA", "P1.PLANNING", "P1.PARTNER_POSITION", "P1.TEAM",
                "P1.SUPPORT_BASE");
        assertThat(p1.answeredQuestions()).filteredOn(a -> a.questionId().equals("P1.PREVIOUS_AGREEMENTS_SERVE_GOALS"))
                .singleElement().satisfies(a -> assertThat(a.answeredBy())
                        .anyMatch(by -> by.startsWith("decision DEC-1")));
        assertThat(p1.openQuestions()).isEmpty();
        assertThat(openIds(state.coDesign().openQuestions())).contains("P2.COUNTERPARTY_GOALS", "P2.SHARED_DATA");
        assertThat(state.negotiation().answeredQuestions()).isEmpty();
    }

    private PhaseState throughNegotiation() {
        internalPreparation();
        record(new PhaseAdvanced(ID, Phase.INTERNAL_PREPARATION, Phase.CO_DESIGN, List.of(), null, ANNA, at()),
                new JointAmbitionRecorded(ID, "Best orthopaedic care", 5, false, ANNA, at()),
                new CounterpartyGoalsRecorded(ID, "Ziekenhuis Amstelland", List.of("Day-care centre"), false, ANNA,
                        at()),
                new RelationshipAimSet(ID, "Partners", false, ANNA, at()),
                new CurrentRelationshipAssessed(ID, "Transactional", false, false, ANNA, at()),
                new TrustAssessed(ID, "Ziekenhuis Amstelland", new TrustScore(4), new TrustScore(2), "Board",
                        Phase.CO_DESIGN, ANNA, at()),
                new GoalAgreed(ID, "Q1", "Waiting time below the Treeknorm", QuadrupleAimDimension.QUALITY_OF_CARE,
                        GoalKind.SMART, new ContextSource(ContextKind.values()[0], "IZA"), false, ANNA, at()),
                new InterestShared(ID, "Ziekenhuis Amstelland", "Keep the team", false, ANNA, at()),
                new SocietalValueRecorded(ID, "Fewer sick days", false, false, ANNA, at()),
                new WinWinWinOptionRecorded(ID, "Substitute to the GP", List.of("Patient", "Hospital"), false, ANNA,
                        at()),
                new LossSharingPrincipleAgreed(ID, "Same ratio as savings", false, ANNA, at()),
                new JointFactEstablished(ID, "1,180 hip replacements", "Vektis 2019",
                        List.of("Zilveren Kruis", "Ziekenhuis Amstelland"), false, ANNA, at()),
                new ProcessAgreementMade(ID, List.of("No surprises"), List.of("Negotiators", "Boards"),
                        List.of(new Milestone("End of co-design", LocalDate.parse("2020-06-30"))), false, ANNA, at()),
                new LegalObstacleRaised(ID, "L1", "Competition law", false, ANNA, at()),
                new LegalObstacleResolved(ID, "L1", "Aggregated data only", false, ANNA, at()),
                new NetworkPartyInvolved(ID, "Gemeente Amstelveen", NetworkPartyKind.MUNICIPALITY, "Home support",
                        false, ANNA, at()),
                new GoNoGoDecided(ID, "End of co-design", GoNoGo.GO, "Facts support it", false, ANNA, at()),
                new PhaseAdvanced(ID, Phase.CO_DESIGN, Phase.NEGOTIATION, List.of(), null, ANNA, at()),
                new ProposalMade(ID, "P1", "Zilveren Kruis", new Terms(ContractModel.FEE_FOR_SERVICE, 12, null, null,
                        "One more year"), false, ANNA, at()),
                new ProposalCountered(ID, "P1", "P2", "Ziekenhuis Amstelland", SHARED_SAVINGS, "Five years needed",
                        false, PIETER, at()),
                new DeadlockEscalated(ID, "D1", "Loss cap", "Directors", false, ANNA, at()),
                new DeadlockResolved(ID, "D1", "Two percent of the budget", false, ANNA, at()),
                new ProposalAccepted(ID, "P2", "Zilveren Kruis", false, ANNA, at()),
                new MonitoringIndicatorDefined(ID, "I1", "Waiting time in weeks", GoalKind.SMART, "5 weeks",
                        "Quality department", QuadrupleAimDimension.QUALITY_OF_CARE, false, ANNA, at()),
                new EvaluationMomentScheduled(ID, LocalDate.parse("2023-06-30"), "Interim", false, ANNA, at()),
                new StandardAgreementDeviationRecorded(ID, "Article 4", "Five-year budget", "Value, not volume",
                        false, ANNA, at()),
                new IncentiveChangeAgreed(ID, "Every visit paid", "Substitution shares in savings", "Follow care",
                        false, ANNA, at()),
                // a phase 1 step taken during negotiation is a correction, filed under phase 1
                new BatnaRevised(ID, "Buy at the university hospital", "The other two are full", true, ANNA, at()),
                new AgreementSigned(ID, SHARED_SAVINGS, List.of(new Signatory("Anna de Vries", "Zilveren Kruis",
                        null), new Signatory("Pieter Jansen", "Ziekenhuis Amstelland", "Chair")),
                        LocalDate.parse("2021-01-01"), LocalDate.parse("2025-12-31"), false, ANNA, at()));
        return PhaseStateFold.foldAll(events);
    }

    @Test
    void coDesignAndNegotiation_recordEverything_andCorrectionsLandInTheirOwnPhase() {
        PhaseState state = throughNegotiation();

        assertThat(state.currentPhase()).isEqualTo(Phase.NEGOTIATION);
        assertThat(state.progressOf(Phase.INTERNAL_PREPARATION).status()).isEqualTo(PhaseStatus.COMPLETED);
        assertThat(state.progressOf(Phase.CO_DESIGN).leftAt()).isNotNull();
        var p2 = state.coDesign();
        assertThat(p2.jointAmbitions()).hasSize(1);
        assertThat(p2.counterpartyGoals()).hasSize(1);
        assertThat(p2.relationshipAims()).hasSize(1);
        assertThat(p2.relationshipAssessments()).hasSize(1);
        assertThat(p2.trustAssessments()).singleElement().extracting(t -> t.personTrust().value()).isEqualTo(4);
        assertThat(p2.agreedGoals()).hasSize(1);
        assertThat(p2.interests()).hasSize(1);
        assertThat(p2.societalValues()).hasSize(1);
        assertThat(p2.winWinWinOptions()).hasSize(1);
        assertThat(p2.lossSharingPrinciples()).hasSize(1);
        assertThat(p2.jointFacts()).hasSize(1);
        assertThat(p2.processAgreements()).hasSize(1);
        assertThat(p2.legalObstacles()).singleElement().extracting(PhaseState.LegalObstacle::resolution)
                .isEqualTo("Aggregated data only");
        assertThat(p2.networkParties()).hasSize(1);
        assertThat(p2.goNoGoDecisions()).singleElement().extracting(PhaseState.GoNoGoDecision::decision)
                .isEqualTo(GoNoGo.GO);
        assertThat(openIds(p2.openQuestions())).containsExactly("P2.DIRECTIONAL_GOALS");

        var p3 = state.negotiation();
        assertThat(p3.proposals()).extracting(PhaseState.Proposal::proposalId, PhaseState.Proposal::status)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("P1", ProposalStatus.COUNTERED),
                        org.assertj.core.groups.Tuple.tuple("P2", ProposalStatus.ACCEPTED));
        assertThat(p3.proposals().get(1).counterTo()).isEqualTo("P1");
        assertThat(p3.deadlocks()).singleElement().extracting(PhaseState.Deadlock::resolution)
                .isEqualTo("Two percent of the budget");
        assertThat(p3.indicators()).hasSize(1);
        assertThat(p3.evaluationMoments()).hasSize(1);
        assertThat(p3.deviations()).hasSize(1);
        assertThat(p3.incentiveChanges()).hasSize(1);
        assertThat(p3.signedAgreement()).singleElement().satisfies(signed -> {
            assertThat(signed.terms()).isEqualTo(SHARED_SAVINGS);
            assertThat(signed.signatories()).hasSize(2);
        });
        assertThat(ids(p3.answeredQuestions())).contains("P3.GAIN_SHARING", "P3.LOSS_SHARING", "P3.DURATION",
                "P3.CONTRACT_MODELS", "P3.DEADLOCKS", "P3.CLEAR_AGREEMENTS", "P3.STANDARD_AGREEMENT");
        assertThat(openIds(p3.openQuestions())).contains("P3.MOTIVATION_BELIEFS", "P3.AFTER_CONTRACT");

        var batna = state.internalPreparation().batna();
        assertThat(batna).hasSize(3);
        assertThat(batna.get(2).current()).isTrue();
        assertThat(batna.get(2).recorded().correction()).isTrue();
        assertThat(batna.get(1).recorded().correction()).isFalse();
    }

    @Test
    void runningAndAfterTheAgreement_recordEverything_theConclusionAndTheFollowUp() {
        throughNegotiation();
        TrajectoryId next = new TrajectoryId("7b0c3c2e-7f5e-4c1a-9a59-0f3c1d1f6a02");
        PhaseState state = record(
                new PhaseAdvanced(ID, Phase.NEGOTIATION, Phase.RUNNING_AGREEMENT, List.of(), null, ANNA, at()),
                new IndicatorMeasured(ID, "I1", "6 weeks", LocalDate.parse("2021-12-31"), "Down from 11", false, ANNA,
                        at()),
                new RelationshipCheckInHeld(ID, List.of("Anna", "Pieter"), "Both feel heard", false, ANNA, at()),
                new StakeholderUpdateSent(ID, "Patient federation", "Waiting times fall", false, ANNA, at()),
                new SuccessOrLessonCommunicated(ID, LessonKind.SUCCESS, "Halved", "Press release", false, ANNA, at()),
                new ContractAmended(ID, "Knees added", "It works", null, false, ANNA, at()),
                new InterimEvaluationHeld(ID, "On track", false, false, ANNA, at()),
                new NoteAdded(ID, "Good year", Phase.RUNNING_AGREEMENT, ANNA, at()),
                new PhaseAdvanced(ID, Phase.RUNNING_AGREEMENT, Phase.AFTER_AGREEMENT,
                        List.of(GateCondition.AGREEMENT_ENDED), "Evaluate before the end date", ANNA, at()),
                new FinalEvaluationHeld(ID, "Joint reflection", List.of("4 weeks"), List.of("Agree data first"),
                        false, ANNA, at()),
                new SuccessFactorRecorded(ID, Phase.CO_DESIGN, "Joint fact finding", "facts",
                        Phase.AFTER_AGREEMENT, ANNA, at()),
                new TrajectoryConcluded(ID, Outcome.AGREEMENT_FULFILLED, "Five years delivered",
                        Phase.AFTER_AGREEMENT, ANNA, at()),
                new FollowUpTrajectoryStarted(ID, next, "The next five years", ANNA, at()));

        var p4 = state.runningAgreement();
        assertThat(p4.measurements()).singleElement().extracting(PhaseState.Measurement::indicatorName)
                .isEqualTo("Waiting time in weeks");
        assertThat(p4.checkIns()).hasSize(1);
        assertThat(p4.stakeholderCommunications()).hasSize(1);
        assertThat(p4.successesAndLessons()).hasSize(1);
        assertThat(p4.amendments()).hasSize(1);
        assertThat(p4.interimEvaluations()).hasSize(1);
        assertThat(p4.notes()).hasSize(1);
        assertThat(openIds(p4.openQuestions())).containsExactly("P4.PERSONAL_STYLE");
        assertThat(state.progressOf(Phase.AFTER_AGREEMENT).enteredBy().overrideReason())
                .isEqualTo("Evaluate before the end date");
        assertThat(state.progressOf(Phase.AFTER_AGREEMENT).enteredBy().overriddenConditions())
                .containsExactly(GateCondition.AGREEMENT_ENDED);
        assertThat(state.afterAgreement().finalEvaluations()).hasSize(1);
        assertThat(state.coDesign().successFactors()).singleElement()
                .extracting(PhaseState.Lesson::recordedIn).isEqualTo(Phase.AFTER_AGREEMENT);
        assertThat(state.conclusion().outcome()).isEqualTo(Outcome.AGREEMENT_FULFILLED);
        assertThat(state.followUps()).singleElement().extracting(PhaseState.FollowUp::followUpTrajectoryId)
                .isEqualTo(next.value());
        assertThat(state.afterAgreement().openQuestions()).isEmpty();
        assertThat(state.unknownEvents()).isZero();
    }

    @Test
    void applying_neverChangesTheGivenState_andUnknownEventsAreCountedNotApplied() {
        internalPreparation();
        PhaseState before = PhaseStateFold.foldAll(events);
        String json = PhaseStateJson.toTree(before).toString();

        PhaseState after = PhaseStateFold.apply(before, new BatnaRevised(ID, "Other", "Why", false, ANNA, at()),
                before.version() + 1, at());
        PhaseState unknown = PhaseStateFold.apply(after, "not an event", after.version() + 1, at());

        assertThat(PhaseStateJson.toTree(before).toString()).isEqualTo(json);
        assertThat(after.internalPreparation().batna()).hasSize(3);
        assertThat(unknown.unknownEvents()).isEqualTo(1);
        assertThat(unknown.unknownEventTypes()).containsExactly("String");
        assertThat(unknown.internalPreparation()).isEqualTo(after.internalPreparation());
        assertThat(unknown.version()).isEqualTo(after.version() + 1);
    }

    @Test
    void twoStepsFromOneState_eachSeeOnlyTheirOwnEvent_whileTheStateItselfStaysAsItWas() {
        // a redelivered batch folds the same remembered state again: the two results share its notes, not each other's
        internalPreparation();
        PhaseState before = PhaseStateFold.foldAll(events);
        int notesBefore = before.internalPreparation().notes().size();
        long next = before.version() + 1;

        PhaseState first = PhaseStateFold.apply(before,
                new NoteAdded(ID, "First", Phase.INTERNAL_PREPARATION, ANNA, at()), next, at());
        PhaseState second = PhaseStateFold.apply(before,
                new NoteAdded(ID, "Second", Phase.INTERNAL_PREPARATION, ANNA, at()), next, at());
        PhaseState afterFirst = PhaseStateFold.apply(first,
                new NoteAdded(ID, "Third", Phase.INTERNAL_PREPARATION, ANNA, at()), next + 1, at());

        assertThat(before.internalPreparation().notes()).hasSize(notesBefore);
        assertThat(first.internalPreparation().notes()).extracting(PhaseState.Note::text).endsWith("First");
        assertThat(second.internalPreparation().notes()).extracting(PhaseState.Note::text).endsWith("Second")
                .doesNotContain("First", "Third");
        assertThat(afterFirst.internalPreparation().notes()).extracting(PhaseState.Note::text)
                .endsWith("First", "Third").doesNotContain("Second");
        assertThat(first.internalPreparation().notes()).hasSize(notesBefore + 1);
    }

    @Test
    void theStoredJson_roundTripsToAnEqualState() {
        PhaseState state = throughNegotiation();

        assertThat(PhaseStateJson.fromMap(PhaseStateJson.toMap(state))).isEqualTo(state);
    }

    @Test
    void aState_cannotBeChanged_andTheNextOneKeepsTheItemsTheEventLeftAlone() {
        PhaseState before = throughNegotiation();
        PhaseState after = PhaseStateFold.apply(before, new NoteAdded(ID, "One more", Phase.NEGOTIATION, ANNA, at()),
                before.version() + 1, at());

        assertThatThrownBy(() -> before.negotiation().notes().add(null))
                .isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> before.progress().clear()).isInstanceOf(UnsupportedOperationException.class);
        assertThat(after.negotiation().notes()).hasSize(before.negotiation().notes().size() + 1);
        for (int i = 0; i < before.negotiation().notes().size(); i++) {
            assertThat(after.negotiation().notes().get(i)).isSameAs(before.negotiation().notes().get(i));
        }
        assertThat(after.negotiation().proposals()).isEqualTo(before.negotiation().proposals());
    }

    @Test
    void everyEventType_isHandled() {
        Set<String> eventTypes = new ClassFileImporter().importPackages("nl.trajectorytracker.api.events").stream()
                .filter(JavaClass::isRecord)
                .filter(type -> type.isAssignableTo(TrajectoryEvent.class))
                .map(JavaClass::getName)
                .collect(Collectors.toSet());
        Set<String> handled = PhaseStateFold.handledTypes().stream().map(Class::getName).collect(Collectors.toSet());

        assertThat(eventTypes).hasSizeGreaterThanOrEqualTo(57);
        assertThat(handled).containsAll(eventTypes);
    }

    @Test
    void theDiff_showsTheBatnaRevision_andTheAddedItems() {
        PhaseState before = internalPreparation();
        PhaseState after = record(new BatnaRevised(ID, "Buy abroad", "Borders open", false, ANNA, at()),
                new PhaseAdvanced(ID, Phase.INTERNAL_PREPARATION, Phase.CO_DESIGN, List.of(), null, ANNA, at()));

        var changes = PhaseStateDiff.changes(before, after);
        var highlights = PhaseStateDiff.highlights(before, after, changes);

        assertThat(highlights).contains("Phase advanced: INTERNAL_PREPARATION → CO_DESIGN")
                .anyMatch(line -> line.startsWith("BATNA revised: v2 → v3: Buy abroad"));
        long revised = before.version() + 1;
        long previous = before.internalPreparation().batna().get(1).recorded().sequence();
        assertThat(changes).anyMatch(c -> c.kind() == PhaseStateDiff.Kind.ADDED
                && c.path().equals("internalPreparation.batna[#" + revised + "]"));
        assertThat(changes).anyMatch(c -> c.kind() == PhaseStateDiff.Kind.CHANGED
                && c.path().equals("internalPreparation.batna[#" + previous + "].current"));
    }

    @Test
    void theHtmlReport_escapesRecordedText() {
        start();
        PhaseState state = record(new DecisionRecorded(ID, "DEC-<1>", "<script>alert(1)</script>", "a & b",
                List.of(), List.of(), null, List.of(), Phase.INTERNAL_PREPARATION, ANNA, at()));

        String html = AuditReportDocument.html(AuditReport.of(new PhaseStateHistory.Reconstruction(
                PhaseStateHistory.Point.now(), state, null)));

        assertThat(html).doesNotContain("<script>").contains("&lt;script&gt;alert(1)&lt;/script&gt;")
                .contains("a &amp; b");
    }

    private static List<String> ids(List<AnsweredQuestion> answered) {
        return answered.stream().map(AnsweredQuestion::questionId).toList();
    }

    private static List<String> openIds(List<OpenQuestion> open) {
        return open.stream().map(OpenQuestion::questionId).toList();
    }
}
