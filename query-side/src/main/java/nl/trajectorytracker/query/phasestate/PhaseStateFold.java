package nl.trajectorytracker.query.phasestate;

import java.lang.reflect.RecordComponent;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;
import java.util.function.UnaryOperator;

import nl.trajectorytracker.api.events.AgreementSigned;
import nl.trajectorytracker.api.events.BatnaDefined;
import nl.trajectorytracker.api.events.BatnaRevised;
import nl.trajectorytracker.api.events.ContractAmended;
import nl.trajectorytracker.api.events.CounterpartyGoalsRecorded;
import nl.trajectorytracker.api.events.CurrentRelationshipAssessed;
import nl.trajectorytracker.api.events.DeadlockEscalated;
import nl.trajectorytracker.api.events.DeadlockResolved;
import nl.trajectorytracker.api.events.DecisionRecorded;
import nl.trajectorytracker.api.events.EvaluationMomentScheduled;
import nl.trajectorytracker.api.events.EvaluationOverdue;
import nl.trajectorytracker.api.events.FinalEvaluationHeld;
import nl.trajectorytracker.api.events.FollowUpTrajectoryStarted;
import nl.trajectorytracker.api.events.GoNoGoDecided;
import nl.trajectorytracker.api.events.GoalAgreed;
import nl.trajectorytracker.api.events.IncentiveChangeAgreed;
import nl.trajectorytracker.api.events.IndicatorMeasured;
import nl.trajectorytracker.api.events.InterestShared;
import nl.trajectorytracker.api.events.InterimEvaluationHeld;
import nl.trajectorytracker.api.events.InternalInterestRecorded;
import nl.trajectorytracker.api.events.JointAmbitionRecorded;
import nl.trajectorytracker.api.events.JointFactEstablished;
import nl.trajectorytracker.api.events.LegalObstacleRaised;
import nl.trajectorytracker.api.events.LegalObstacleResolved;
import nl.trajectorytracker.api.events.LossSharingPrincipleAgreed;
import nl.trajectorytracker.api.events.MonitoringIndicatorDefined;
import nl.trajectorytracker.api.events.NetworkPartyInvolved;
import nl.trajectorytracker.api.events.NoteAdded;
import nl.trajectorytracker.api.events.PartnerPositionAssessed;
import nl.trajectorytracker.api.events.PhaseAdvanced;
import nl.trajectorytracker.api.events.PitfallRecorded;
import nl.trajectorytracker.api.events.PlanningSet;
import nl.trajectorytracker.api.events.PreviousAgreementAssessed;
import nl.trajectorytracker.api.events.ProcessAgreementMade;
import nl.trajectorytracker.api.events.ProposalAccepted;
import nl.trajectorytracker.api.events.ProposalCountered;
import nl.trajectorytracker.api.events.ProposalMade;
import nl.trajectorytracker.api.events.ProposalRejected;
import nl.trajectorytracker.api.events.RelationshipAimSet;
import nl.trajectorytracker.api.events.RelationshipCheckInHeld;
import nl.trajectorytracker.api.events.RelevantDevelopmentNoted;
import nl.trajectorytracker.api.events.SocietalValueRecorded;
import nl.trajectorytracker.api.events.StakeholderAdded;
import nl.trajectorytracker.api.events.StakeholderRemoved;
import nl.trajectorytracker.api.events.StakeholderUpdateSent;
import nl.trajectorytracker.api.events.StakeholderUpdated;
import nl.trajectorytracker.api.events.StandardAgreementDeviationRecorded;
import nl.trajectorytracker.api.events.StrategicGoalRevised;
import nl.trajectorytracker.api.events.StrategicGoalSet;
import nl.trajectorytracker.api.events.SuccessFactorRecorded;
import nl.trajectorytracker.api.events.SuccessOrLessonCommunicated;
import nl.trajectorytracker.api.events.SupportBaseActionRecorded;
import nl.trajectorytracker.api.events.TeamMemberAssigned;
import nl.trajectorytracker.api.events.TrajectoryConcluded;
import nl.trajectorytracker.api.events.TrajectoryEvent;
import nl.trajectorytracker.api.events.TrajectoryStarted;
import nl.trajectorytracker.api.events.TrustAssessed;
import nl.trajectorytracker.api.events.WinWinWinOptionRecorded;
import nl.trajectorytracker.api.playbook.GuidingQuestion;
import nl.trajectorytracker.api.playbook.Playbook;
import nl.trajectorytracker.api.playbook.PlaybookPhase;
import nl.trajectorytracker.api.playbook.PlaybookTopic;
import nl.trajectorytracker.api.playbook.Playbooks;
import nl.trajectorytracker.api.values.Phase;
import nl.trajectorytracker.query.phasestate.PhaseState.*;

/**
 * The pure fold from a trajectory's events to its {@link PhaseState}: no Spring, no storage, no clock. The live
 * projection and the reconstruction from the event store both use it, in the order the steps happened, so they agree
 * by construction. Events it does not know are ignored but counted.
 */
public final class PhaseStateFold {

    @FunctionalInterface
    private interface Step<E> {
        void apply(Draft draft, E event, Recorded recorded);
    }

    private static final Map<Class<?>, Step<Object>> STEPS = new HashMap<>();
    private static final Map<Class<?>, Boolean> CORRECTABLE = new ConcurrentHashMap<>();

    static {
        // lifecycle
        on(TrajectoryStarted.class, PhaseStateFold::started);
        on(PhaseAdvanced.class, PhaseStateFold::advanced);
        on(TrajectoryConcluded.class, (d, e, r) -> d.conclusion = new Conclusion(e.outcome(), e.why(), e.phase(), r));
        on(FollowUpTrajectoryStarted.class, (d, e, r) -> d.followUps.add(new FollowUp(
                e.followUpTrajectoryId() == null ? null : e.followUpTrajectoryId().value(), e.title(), r)));
        // any phase
        on(DecisionRecorded.class, (d, e, r) -> d.section(e.phase()).decisions.add(new Decision(e.decisionId(),
                e.decision(), e.rationale(), e.alternativesConsidered(), e.evidence(), e.guidingQuestionId(),
                e.agreedBy(), r)));
        on(TrustAssessed.class, (d, e, r) -> d.section(e.phase()).trustAssessments.add(new TrustAssessment(
                e.counterpart(), e.personTrust(), e.organisationTrust(), e.note(), r)));
        on(PitfallRecorded.class, (d, e, r) -> d.section(about(e.aboutPhase(), e.phase())).pitfalls
                .add(new Lesson(e.pitfall(), e.tag(), e.phase(), r)));
        on(SuccessFactorRecorded.class, (d, e, r) -> d.section(about(e.aboutPhase(), e.phase())).successFactors
                .add(new Lesson(e.successFactor(), e.tag(), e.phase(), r)));
        on(NoteAdded.class, (d, e, r) -> d.section(e.phase()).notes.add(new Note(e.text(), r)));
        // phase 1
        on(StrategicGoalSet.class, (d, e, r) -> d.p1.strategicGoals.add(new StrategicGoal(e.goalId(), e.goal(),
                e.challenge(), List.of(), r)));
        on(StrategicGoalRevised.class, (d, e, r) -> replace(d.p1.strategicGoals,
                goal -> goal.goalId().equals(e.goalId()), goal -> {
                    List<GoalRevision> revisions = new ArrayList<>(goal.revisions());
                    revisions.add(new GoalRevision(revisions.size() + 2, e.goal(), e.why(), r));
                    return new StrategicGoal(goal.goalId(), e.goal(), goal.challenge(), revisions, goal.recorded());
                }));
        on(InternalInterestRecorded.class, (d, e, r) -> d.p1.internalInterests
                .add(new InternalInterest(e.interest(), e.heldBy(), r)));
        on(RelevantDevelopmentNoted.class, (d, e, r) -> d.p1.developments
                .add(new Development(e.development(), e.impact(), r)));
        on(StakeholderAdded.class, (d, e, r) -> d.p1.stakeholders.add(new Stakeholder(e.stakeholderId(), e.name(),
                e.scope(), e.role(), e.interests(), e.influence(), false, null, List.of(), r)));
        on(StakeholderUpdated.class, (d, e, r) -> replace(d.p1.stakeholders,
                s -> s.stakeholderId().equals(e.stakeholderId()), s -> new Stakeholder(s.stakeholderId(), e.name(),
                        e.scope(), e.role(), e.interests(), e.influence(), s.removed(), s.removedWhy(),
                        history(s), r)));
        on(StakeholderRemoved.class, (d, e, r) -> replace(d.p1.stakeholders,
                s -> s.stakeholderId().equals(e.stakeholderId()), s -> new Stakeholder(s.stakeholderId(), s.name(),
                        s.scope(), s.role(), s.interests(), s.influence(), true, e.why(), history(s), r)));
        on(PreviousAgreementAssessed.class, (d, e, r) -> d.p1.previousAgreementAssessments
                .add(new PreviousAgreementAssessment(e.agreement(), e.servesOurGoals(), e.why(),
                        e.contractingQuestion(),
                        e.previousTrajectoryId() == null ? null : e.previousTrajectoryId().value(), r)));
        on(BatnaDefined.class, (d, e, r) -> batna(d, e.batna(), e.why(), r));
        on(BatnaRevised.class, (d, e, r) -> batna(d, e.batna(), e.why(), r));
        on(PlanningSet.class, (d, e, r) -> d.p1.planning.add(new Planning(e.milestones(), r)));
        on(PartnerPositionAssessed.class, (d, e, r) -> d.p1.partnerAssessments
                .add(new PartnerAssessment(e.party(), e.position(), e.interests(), r)));
        on(TeamMemberAssigned.class, (d, e, r) -> d.p1.team
                .add(new TeamMember(e.name(), e.role(), e.knowledgeAndSkills(), r)));
        on(SupportBaseActionRecorded.class, (d, e, r) -> d.p1.supportActions
                .add(new SupportAction(e.action(), e.audience(), r)));
        // phase 2
        on(JointAmbitionRecorded.class, (d, e, r) -> d.p2.jointAmbitions
                .add(new JointAmbition(e.ambition(), e.horizonYears(), r)));
        on(CounterpartyGoalsRecorded.class, (d, e, r) -> d.p2.counterpartyGoals
                .add(new CounterpartyGoals(e.party(), e.goals(), r)));
        on(RelationshipAimSet.class, (d, e, r) -> d.p2.relationshipAims.add(new RelationshipAim(e.aim(), r)));
        on(CurrentRelationshipAssessed.class, (d, e, r) -> d.p2.relationshipAssessments
                .add(new RelationshipAssessment(e.assessment(), e.trustPresent(), r)));
        on(GoalAgreed.class, (d, e, r) -> d.p2.agreedGoals.add(new AgreedGoal(e.goalId(), e.goal(), e.dimension(),
                e.kind(), e.contextSource(), r)));
        on(InterestShared.class, (d, e, r) -> d.p2.interests.add(new SharedInterest(e.party(), e.interest(), r)));
        on(SocietalValueRecorded.class, (d, e, r) -> d.p2.societalValues
                .add(new SocietalValue(e.value(), e.landsWithNegotiatingParties(), r)));
        on(WinWinWinOptionRecorded.class, (d, e, r) -> d.p2.winWinWinOptions
                .add(new WinWinWinOption(e.option(), e.benefits(), r)));
        on(LossSharingPrincipleAgreed.class, (d, e, r) -> d.p2.lossSharingPrinciples
                .add(new LossSharingPrinciple(e.principle(), r)));
        on(JointFactEstablished.class, (d, e, r) -> d.p2.jointFacts
                .add(new JointFact(e.fact(), e.dataSource(), e.acceptedBy(), r)));
        on(ProcessAgreementMade.class, (d, e, r) -> d.p2.processAgreements
                .add(new ProcessAgreement(e.rulesOfConduct(), e.escalationLevels(), e.goNoGoMoments(), r)));
        on(GoNoGoDecided.class, (d, e, r) -> d.p2.goNoGoDecisions
                .add(new GoNoGoDecision(e.moment(), e.decision(), e.why(), r)));
        on(LegalObstacleRaised.class, (d, e, r) -> d.p2.legalObstacles
                .add(new LegalObstacle(e.obstacleId(), e.obstacle(), null, r, null)));
        on(LegalObstacleResolved.class, (d, e, r) -> replace(d.p2.legalObstacles,
                o -> o.obstacleId().equals(e.obstacleId()),
                o -> new LegalObstacle(o.obstacleId(), o.obstacle(), e.resolution(), o.recorded(), r)));
        on(NetworkPartyInvolved.class, (d, e, r) -> d.p2.networkParties
                .add(new NetworkParty(e.name(), e.kind(), e.need(), r)));
        // phase 3
        on(ProposalMade.class, (d, e, r) -> d.p3.proposals.add(new Proposal(e.proposalId(), e.by(), e.terms(),
                null, null, ProposalStatus.OPEN, null, null, null, r, null)));
        on(ProposalCountered.class, (d, e, r) -> {
            answer(d, e.proposalId(), ProposalStatus.COUNTERED, e.by(), e.why(), e.counterProposalId(), r);
            d.p3.proposals.add(new Proposal(e.counterProposalId(), e.by(), e.terms(), e.proposalId(), e.why(),
                    ProposalStatus.OPEN, null, null, null, r, null));
        });
        on(ProposalAccepted.class, (d, e, r) -> answer(d, e.proposalId(), ProposalStatus.ACCEPTED, e.by(), null,
                null, r));
        on(ProposalRejected.class, (d, e, r) -> answer(d, e.proposalId(), ProposalStatus.REJECTED, e.by(), e.why(),
                null, r));
        on(DeadlockEscalated.class, (d, e, r) -> d.p3.deadlocks.add(new Deadlock(e.deadlockId(), e.issue(),
                e.escalationLevel(), null, r, null)));
        on(DeadlockResolved.class, (d, e, r) -> replace(d.p3.deadlocks, x -> x.deadlockId().equals(e.deadlockId()),
                x -> new Deadlock(x.deadlockId(), x.issue(), x.escalationLevel(), e.resolution(), x.recorded(), r)));
        on(MonitoringIndicatorDefined.class, (d, e, r) -> d.p3.indicators.add(new Indicator(e.indicatorId(),
                e.name(), e.kind(), e.target(), e.owner(), e.dimension(), r)));
        on(EvaluationMomentScheduled.class, (d, e, r) -> d.p3.evaluationMoments
                .add(new EvaluationMoment(e.date(), e.purpose(), r, null)));
        on(EvaluationOverdue.class, (d, e, r) -> replace(d.p3.evaluationMoments,
                x -> x.date().equals(e.scheduledFor()) && x.overdue() == null,
                x -> new EvaluationMoment(x.date(), x.purpose(), x.recorded(), r)));
        on(StandardAgreementDeviationRecorded.class, (d, e, r) -> d.p3.deviations
                .add(new Deviation(e.clause(), e.deviation(), e.why(), r)));
        on(IncentiveChangeAgreed.class, (d, e, r) -> d.p3.incentiveChanges
                .add(new IncentiveChange(e.currentIncentive(), e.change(), e.why(), r)));
        on(AgreementSigned.class, (d, e, r) -> d.p3.signedAgreement.add(new SignedAgreement(e.terms(),
                e.signatories(), e.startDate(), e.endDate(), r)));
        // phase 4
        on(IndicatorMeasured.class, (d, e, r) -> d.p4.measurements.add(new Measurement(e.indicatorId(),
                d.p3.indicators.stream().filter(i -> i.indicatorId().equals(e.indicatorId()))
                        .map(Indicator::name).findFirst().orElse(null),
                e.value(), e.measuredOn(), e.note(), r)));
        on(RelationshipCheckInHeld.class, (d, e, r) -> d.p4.checkIns
                .add(new CheckIn(e.participants(), e.summary(), r)));
        on(StakeholderUpdateSent.class, (d, e, r) -> d.p4.stakeholderCommunications
                .add(new StakeholderCommunication(e.audience(), e.summary(), r)));
        on(SuccessOrLessonCommunicated.class, (d, e, r) -> d.p4.successesAndLessons
                .add(new SuccessOrLesson(e.kind(), e.message(), e.channel(), r)));
        on(ContractAmended.class, (d, e, r) -> d.p4.amendments
                .add(new Amendment(e.what(), e.why(), e.newTerms(), r)));
        on(InterimEvaluationHeld.class, (d, e, r) -> d.p4.interimEvaluations
                .add(new InterimEvaluation(e.findings(), e.adjustmentNeeded(), r)));
        // phase 5
        on(FinalEvaluationHeld.class, (d, e, r) -> d.p5.finalEvaluations
                .add(new FinalEvaluation(e.form(), e.outcomes(), e.lessons(), r)));
    }

    private PhaseStateFold() {
    }

    @SuppressWarnings("unchecked")
    private static <E> void on(Class<E> type, Step<E> step) {
        STEPS.put(type, (Step<Object>) step);
    }

    /** The event types the fold handles. */
    public static Set<Class<?>> handledTypes() {
        return Set.copyOf(STEPS.keySet());
    }

    /** Folds events in order, numbering them from 0, as if each was recorded when it happened. */
    public static PhaseState foldAll(List<? extends TrajectoryEvent> events) {
        PhaseState state = PhaseState.initial();
        long sequence = 0;
        for (TrajectoryEvent event : events) {
            state = apply(state, event, sequence++, event.occurredAt());
        }
        return state;
    }

    /**
     * The state after one more event. The given state is not changed. {@code sequence} is the event's sequence
     * number in the trajectory's stream; {@code recordedAt} is the time it was stored. The state's version is the
     * highest sequence number applied, so that a fold in the order the steps happened, which may differ from the
     * order they were recorded in, still names the last event it includes.
     */
    public static PhaseState apply(PhaseState state, Object event, long sequence, Instant recordedAt) {
        Draft draft = new Draft(state);
        if (sequence > draft.version) {
            draft.version = sequence;
            draft.lastRecordedAt = recordedAt;
        }
        Instant happened = occurredAt(event, recordedAt);
        if (draft.lastOccurredAt == null || happened.isAfter(draft.lastOccurredAt)) {
            draft.lastOccurredAt = happened;
        }
        Step<Object> step = event == null ? null : STEPS.get(event.getClass());
        if (step == null) {
            draft.unknownEvents++;
            String type = event == null ? "null" : event.getClass().getSimpleName();
            if (!draft.unknownEventTypes.contains(type)) {
                draft.unknownEventTypes.add(type);
            }
            return draft.build();
        }
        TrajectoryEvent trajectoryEvent = (TrajectoryEvent) event;
        Recorded recorded = new Recorded(sequence, happened, recordedAt,
                trajectoryEvent.actor() == null ? null : trajectoryEvent.actor().principal(),
                trajectoryEvent.actor() == null ? null : trajectoryEvent.actor().organisation(),
                isCorrection(event));
        step.apply(draft, event, recorded);
        for (String questionId : GuidingQuestionAnswers.answeredBy(event)) {
            draft.answer(questionId, event.getClass().getSimpleName() + "#" + sequence);
        }
        if (event instanceof DecisionRecorded decision && decision.guidingQuestionId() != null) {
            draft.answer(decision.guidingQuestionId(), "decision " + decision.decisionId() + "#" + sequence);
        }
        return draft.build();
    }

    /** When the step of an event happened: its {@code occurredAt}, or when it was recorded if it has none. */
    static Instant occurredAt(Object event, Instant recordedAt) {
        return event instanceof TrajectoryEvent trajectoryEvent && trajectoryEvent.occurredAt() != null
                ? trajectoryEvent.occurredAt() : recordedAt;
    }

    private static boolean isCorrection(Object event) {
        boolean correctable = CORRECTABLE.computeIfAbsent(event.getClass(), type -> type.isRecord()
                && java.util.Arrays.stream(type.getRecordComponents())
                        .anyMatch(c -> c.getName().equals("correction") && c.getType() == boolean.class));
        if (!correctable) {
            return false;
        }
        try {
            for (RecordComponent component : event.getClass().getRecordComponents()) {
                if (component.getName().equals("correction")) {
                    return (boolean) component.getAccessor().invoke(event);
                }
            }
            return false;
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("Cannot read the correction flag of " + event.getClass(), e);
        }
    }

    private static Phase about(Phase aboutPhase, Phase phase) {
        return aboutPhase != null ? aboutPhase : phase;
    }

    private static void started(Draft d, TrajectoryStarted e, Recorded r) {
        d.trajectoryId = e.trajectoryId().value();
        d.title = e.title();
        d.parties = new ArrayList<>(e.parties());
        d.playbookVersion = e.playbookVersion();
        d.predecessorId = e.predecessorId() == null ? null : e.predecessorId().value();
        d.currentPhase = Phase.INTERNAL_PREPARATION;
        d.progress.set(0, new PhaseProgress(Phase.INTERNAL_PREPARATION, PhaseStatus.CURRENT, r.occurredAt(), null,
                null));
    }

    private static void advanced(Draft d, PhaseAdvanced e, Recorded r) {
        if (e.from() != null) {
            PhaseProgress left = d.progress.get(e.from().ordinal());
            d.progress.set(e.from().ordinal(), new PhaseProgress(left.phase(), PhaseStatus.COMPLETED,
                    left.enteredAt(), r.occurredAt(), left.enteredBy()));
        }
        d.progress.set(e.to().ordinal(), new PhaseProgress(e.to(), PhaseStatus.CURRENT, r.occurredAt(), null,
                new PhaseAdvance(e.from(), e.to(), e.overriddenConditions(), e.overrideReason(), r)));
        d.currentPhase = e.to();
    }

    private static void batna(Draft d, String batna, String why, Recorded r) {
        List<Batna> history = d.p1.batna;
        if (!history.isEmpty()) {
            Batna last = history.get(history.size() - 1);
            history.set(history.size() - 1, new Batna(last.revision(), last.batna(), last.why(), false,
                    last.recorded()));
        }
        history.add(new Batna(history.size() + 1, batna, why, true, r));
    }

    private static void answer(Draft d, String proposalId, ProposalStatus status, String by, String why,
            String counteredWith, Recorded r) {
        replace(d.p3.proposals, p -> p.proposalId().equals(proposalId), p -> new Proposal(p.proposalId(), p.by(),
                p.terms(), p.counterTo(), p.why(), status, by, why, counteredWith, p.recorded(), r));
    }

    private static List<Stakeholder> history(Stakeholder s) {
        List<Stakeholder> history = new ArrayList<>(s.history());
        history.add(new Stakeholder(s.stakeholderId(), s.name(), s.scope(), s.role(), s.interests(), s.influence(),
                s.removed(), s.removedWhy(), List.of(), s.recorded()));
        return history;
    }

    private static <T> void replace(List<T> items, Predicate<T> which, UnaryOperator<T> change) {
        for (int i = 0; i < items.size(); i++) {
            if (which.test(items.get(i))) {
                items.set(i, change.apply(items.get(i)));
                return;
            }
        }
    }

    /** A changeable copy of a state, changed by one step and then built into a new state. */
    private static final class Draft {
        String trajectoryId;
        String title;
        List<nl.trajectorytracker.api.values.Party> parties;
        String playbookVersion;
        String predecessorId;
        Phase currentPhase;
        long version;
        Instant lastRecordedAt;
        Instant lastOccurredAt;
        int unknownEvents;
        final List<String> unknownEventTypes;
        final List<PhaseProgress> progress;
        final InternalPreparationDraft p1;
        final CoDesignDraft p2;
        final NegotiationDraft p3;
        final RunningAgreementDraft p4;
        final AfterAgreementDraft p5;
        Conclusion conclusion;
        final List<FollowUp> followUps;

        Draft(PhaseState state) {
            trajectoryId = state.trajectoryId();
            title = state.title();
            parties = state.parties();
            playbookVersion = state.playbookVersion();
            predecessorId = state.predecessorId();
            currentPhase = state.currentPhase();
            version = state.version();
            lastRecordedAt = state.lastRecordedAt();
            lastOccurredAt = state.lastOccurredAt();
            unknownEvents = state.unknownEvents();
            unknownEventTypes = new ArrayList<>(state.unknownEventTypes());
            progress = new ArrayList<>(state.progress());
            p1 = new InternalPreparationDraft(state.internalPreparation());
            p2 = new CoDesignDraft(state.coDesign());
            p3 = new NegotiationDraft(state.negotiation());
            p4 = new RunningAgreementDraft(state.runningAgreement());
            p5 = new AfterAgreementDraft(state.afterAgreement());
            conclusion = state.conclusion();
            followUps = new ArrayList<>(state.followUps());
        }

        SectionDraft section(Phase phase) {
            Phase target = phase != null ? phase : currentPhase != null ? currentPhase : Phase.INTERNAL_PREPARATION;
            return switch (target) {
                case INTERNAL_PREPARATION -> p1;
                case CO_DESIGN -> p2;
                case NEGOTIATION -> p3;
                case RUNNING_AGREEMENT -> p4;
                case AFTER_AGREEMENT -> p5;
            };
        }

        Playbook playbook() {
            return Playbooks.version(playbookVersion).orElseGet(Playbooks::current);
        }

        void answer(String questionId, String reference) {
            Playbook playbook = playbook();
            Phase phase = playbook.phaseOf(questionId).orElse(null);
            GuidingQuestion question = playbook.question(questionId).orElse(null);
            if (phase == null || question == null) {
                return;
            }
            List<AnsweredQuestion> answered = section(phase).answeredQuestions;
            for (int i = 0; i < answered.size(); i++) {
                AnsweredQuestion existing = answered.get(i);
                if (existing.questionId().equals(questionId)) {
                    List<String> by = new ArrayList<>(existing.answeredBy());
                    by.add(reference);
                    answered.set(i, new AnsweredQuestion(questionId, existing.question(), by));
                    return;
                }
            }
            answered.add(new AnsweredQuestion(questionId, question.text() == null ? null : question.text().en(),
                    List.of(reference)));
        }

        /** Orders the answered questions as the playbook does and lists the rest as open. */
        void refreshQuestions() {
            if (trajectoryId == null) {
                return;
            }
            Playbook playbook = playbook();
            for (PlaybookPhase chapter : playbook.phases()) {
                SectionDraft section = section(chapter.phase());
                Map<String, AnsweredQuestion> answered = new LinkedHashMap<>();
                section.answeredQuestions.forEach(a -> answered.put(a.questionId(), a));
                List<AnsweredQuestion> ordered = new ArrayList<>();
                List<OpenQuestion> open = new ArrayList<>();
                for (PlaybookTopic topic : chapter.topics()) {
                    for (GuidingQuestion question : topic.questions()) {
                        AnsweredQuestion answer = answered.get(question.id());
                        if (answer != null) {
                            ordered.add(answer);
                        } else {
                            open.add(new OpenQuestion(question.id(),
                                    question.text() == null ? null : question.text().en()));
                        }
                    }
                }
                section.answeredQuestions.clear();
                section.answeredQuestions.addAll(ordered);
                section.openQuestions.clear();
                section.openQuestions.addAll(open);
            }
        }

        PhaseState build() {
            refreshQuestions();
            return new PhaseState(trajectoryId, title, parties, playbookVersion, predecessorId, currentPhase,
                    version, lastRecordedAt, lastOccurredAt, unknownEvents, unknownEventTypes, progress, p1.build(),
                    p2.build(), p3.build(), p4.build(), p5.build(), conclusion, followUps);
        }
    }

    /** The lists every phase has, as changeable copies of a section's. */
    private abstract static class SectionDraft {
        final List<Decision> decisions;
        final List<TrustAssessment> trustAssessments;
        final List<Lesson> pitfalls;
        final List<Lesson> successFactors;
        final List<Note> notes;
        final List<AnsweredQuestion> answeredQuestions;
        final List<OpenQuestion> openQuestions;

        SectionDraft(PhaseSection section) {
            decisions = new ArrayList<>(section.decisions());
            trustAssessments = new ArrayList<>(section.trustAssessments());
            pitfalls = new ArrayList<>(section.pitfalls());
            successFactors = new ArrayList<>(section.successFactors());
            notes = new ArrayList<>(section.notes());
            answeredQuestions = new ArrayList<>(section.answeredQuestions());
            openQuestions = new ArrayList<>(section.openQuestions());
        }
    }

    private static final class InternalPreparationDraft extends SectionDraft {
        final List<StrategicGoal> strategicGoals;
        final List<InternalInterest> internalInterests;
        final List<Development> developments;
        final List<Stakeholder> stakeholders;
        final List<PreviousAgreementAssessment> previousAgreementAssessments;
        final List<Batna> batna;
        final List<Planning> planning;
        final List<PartnerAssessment> partnerAssessments;
        final List<TeamMember> team;
        final List<SupportAction> supportActions;

        InternalPreparationDraft(InternalPreparation section) {
            super(section);
            strategicGoals = new ArrayList<>(section.strategicGoals());
            internalInterests = new ArrayList<>(section.internalInterests());
            developments = new ArrayList<>(section.developments());
            stakeholders = new ArrayList<>(section.stakeholders());
            previousAgreementAssessments = new ArrayList<>(section.previousAgreementAssessments());
            batna = new ArrayList<>(section.batna());
            planning = new ArrayList<>(section.planning());
            partnerAssessments = new ArrayList<>(section.partnerAssessments());
            team = new ArrayList<>(section.team());
            supportActions = new ArrayList<>(section.supportActions());
        }

        InternalPreparation build() {
            return new InternalPreparation(strategicGoals, internalInterests, developments, stakeholders,
                    previousAgreementAssessments, batna, planning, partnerAssessments, team, supportActions, decisions,
                    trustAssessments, pitfalls, successFactors, notes, answeredQuestions, openQuestions);
        }
    }

    private static final class CoDesignDraft extends SectionDraft {
        final List<JointAmbition> jointAmbitions;
        final List<CounterpartyGoals> counterpartyGoals;
        final List<RelationshipAim> relationshipAims;
        final List<RelationshipAssessment> relationshipAssessments;
        final List<AgreedGoal> agreedGoals;
        final List<SharedInterest> interests;
        final List<SocietalValue> societalValues;
        final List<WinWinWinOption> winWinWinOptions;
        final List<LossSharingPrinciple> lossSharingPrinciples;
        final List<JointFact> jointFacts;
        final List<ProcessAgreement> processAgreements;
        final List<GoNoGoDecision> goNoGoDecisions;
        final List<LegalObstacle> legalObstacles;
        final List<NetworkParty> networkParties;

        CoDesignDraft(CoDesign section) {
            super(section);
            jointAmbitions = new ArrayList<>(section.jointAmbitions());
            counterpartyGoals = new ArrayList<>(section.counterpartyGoals());
            relationshipAims = new ArrayList<>(section.relationshipAims());
            relationshipAssessments = new ArrayList<>(section.relationshipAssessments());
            agreedGoals = new ArrayList<>(section.agreedGoals());
            interests = new ArrayList<>(section.interests());
            societalValues = new ArrayList<>(section.societalValues());
            winWinWinOptions = new ArrayList<>(section.winWinWinOptions());
            lossSharingPrinciples = new ArrayList<>(section.lossSharingPrinciples());
            jointFacts = new ArrayList<>(section.jointFacts());
            processAgreements = new ArrayList<>(section.processAgreements());
            goNoGoDecisions = new ArrayList<>(section.goNoGoDecisions());
            legalObstacles = new ArrayList<>(section.legalObstacles());
            networkParties = new ArrayList<>(section.networkParties());
        }

        CoDesign build() {
            return new CoDesign(jointAmbitions, counterpartyGoals, relationshipAims, relationshipAssessments,
                    agreedGoals, interests, societalValues, winWinWinOptions, lossSharingPrinciples, jointFacts,
                    processAgreements, goNoGoDecisions, legalObstacles, networkParties, decisions, trustAssessments,
                    pitfalls, successFactors, notes, answeredQuestions, openQuestions);
        }
    }

    private static final class NegotiationDraft extends SectionDraft {
        final List<Proposal> proposals;
        final List<Deadlock> deadlocks;
        final List<Indicator> indicators;
        final List<EvaluationMoment> evaluationMoments;
        final List<Deviation> deviations;
        final List<IncentiveChange> incentiveChanges;
        final List<SignedAgreement> signedAgreement;

        NegotiationDraft(Negotiation section) {
            super(section);
            proposals = new ArrayList<>(section.proposals());
            deadlocks = new ArrayList<>(section.deadlocks());
            indicators = new ArrayList<>(section.indicators());
            evaluationMoments = new ArrayList<>(section.evaluationMoments());
            deviations = new ArrayList<>(section.deviations());
            incentiveChanges = new ArrayList<>(section.incentiveChanges());
            signedAgreement = new ArrayList<>(section.signedAgreement());
        }

        Negotiation build() {
            return new Negotiation(proposals, deadlocks, indicators, evaluationMoments, deviations, incentiveChanges,
                    signedAgreement, decisions, trustAssessments, pitfalls, successFactors, notes, answeredQuestions,
                    openQuestions);
        }
    }

    private static final class RunningAgreementDraft extends SectionDraft {
        final List<Measurement> measurements;
        final List<CheckIn> checkIns;
        final List<StakeholderCommunication> stakeholderCommunications;
        final List<SuccessOrLesson> successesAndLessons;
        final List<Amendment> amendments;
        final List<InterimEvaluation> interimEvaluations;

        RunningAgreementDraft(RunningAgreement section) {
            super(section);
            measurements = new ArrayList<>(section.measurements());
            checkIns = new ArrayList<>(section.checkIns());
            stakeholderCommunications = new ArrayList<>(section.stakeholderCommunications());
            successesAndLessons = new ArrayList<>(section.successesAndLessons());
            amendments = new ArrayList<>(section.amendments());
            interimEvaluations = new ArrayList<>(section.interimEvaluations());
        }

        RunningAgreement build() {
            return new RunningAgreement(measurements, checkIns, stakeholderCommunications, successesAndLessons,
                    amendments, interimEvaluations, decisions, trustAssessments, pitfalls, successFactors, notes,
                    answeredQuestions, openQuestions);
        }
    }

    private static final class AfterAgreementDraft extends SectionDraft {
        final List<FinalEvaluation> finalEvaluations;

        AfterAgreementDraft(AfterAgreement section) {
            super(section);
            finalEvaluations = new ArrayList<>(section.finalEvaluations());
        }

        AfterAgreement build() {
            return new AfterAgreement(finalEvaluations, decisions, trustAssessments, pitfalls, successFactors, notes,
                    answeredQuestions, openQuestions);
        }
    }
}
