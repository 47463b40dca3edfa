package nl.trajectorytracker.query.phasestate;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import nl.trajectorytracker.api.values.ContextSource;
import nl.trajectorytracker.api.values.GateCondition;
import nl.trajectorytracker.api.values.GoNoGo;
import nl.trajectorytracker.api.values.GoalKind;
import nl.trajectorytracker.api.values.Influence;
import nl.trajectorytracker.api.values.LessonKind;
import nl.trajectorytracker.api.values.Milestone;
import nl.trajectorytracker.api.values.NetworkPartyKind;
import nl.trajectorytracker.api.values.Outcome;
import nl.trajectorytracker.api.values.Party;
import nl.trajectorytracker.api.values.Phase;
import nl.trajectorytracker.api.values.QuadrupleAimDimension;
import nl.trajectorytracker.api.values.Signatory;
import nl.trajectorytracker.api.values.StakeholderScope;
import nl.trajectorytracker.api.values.Terms;
import nl.trajectorytracker.api.values.TrustScore;

/**
 * Everything recorded in each of the five phases of one trajectory, as folded from its events by
 * {@link PhaseStateFold}, in the order the steps happened. {@code version} is the highest sequence number of the
 * events applied ({@code -1} before the first), {@code lastRecordedAt} when that event was recorded and
 * {@code lastOccurredAt} the latest moment at which an applied step happened. Every item carries {@link Recorded}: the
 * event's sequence number, when the step happened and when it was recorded, its actor and whether it was a
 * correction (a step of an earlier phase recorded later; it is filed under the phase it belongs to). The times of a
 * phase's progress are when the steps happened.
 *
 * <p>A state never changes: its lists, and those of its items, are unmodifiable. The fold makes a new state for every
 * event, which keeps the items of the previous one that the event did not change.
 */
public record PhaseState(
        String trajectoryId,
        String title,
        List<Party> parties,
        String playbookVersion,
        String predecessorId,
        Phase currentPhase,
        long version,
        Instant lastRecordedAt,
        Instant lastOccurredAt,
        int unknownEvents,
        List<String> unknownEventTypes,
        List<PhaseProgress> progress,
        InternalPreparation internalPreparation,
        CoDesign coDesign,
        Negotiation negotiation,
        RunningAgreement runningAgreement,
        AfterAgreement afterAgreement,
        Conclusion conclusion,
        List<FollowUp> followUps) {

    public PhaseState {
        parties = items(parties);
        unknownEventTypes = items(unknownEventTypes);
        progress = items(progress);
        internalPreparation = internalPreparation == null ? InternalPreparation.empty() : internalPreparation;
        coDesign = coDesign == null ? CoDesign.empty() : coDesign;
        negotiation = negotiation == null ? Negotiation.empty() : negotiation;
        runningAgreement = runningAgreement == null ? RunningAgreement.empty() : runningAgreement;
        afterAgreement = afterAgreement == null ? AfterAgreement.empty() : afterAgreement;
        followUps = items(followUps);
    }

    /** The state before the first event. */
    public static PhaseState initial() {
        List<PhaseProgress> progress = new ArrayList<>();
        for (Phase phase : Phase.values()) {
            progress.add(new PhaseProgress(phase, PhaseStatus.NOT_STARTED, null, null, null));
        }
        return new PhaseState(null, null, List.of(), null, null, null, -1, null, null, 0, List.of(), progress,
                null, null, null, null, null, null, List.of());
    }

    /** The section of the given phase. */
    public PhaseSection section(Phase phase) {
        return switch (phase) {
            case INTERNAL_PREPARATION -> internalPreparation;
            case CO_DESIGN -> coDesign;
            case NEGOTIATION -> negotiation;
            case RUNNING_AGREEMENT -> runningAgreement;
            case AFTER_AGREEMENT -> afterAgreement;
        };
    }

    public PhaseProgress progressOf(Phase phase) {
        return progress.get(phase.ordinal());
    }

    /** An unmodifiable copy, or the list itself when it is one already (as a state's lists are). */
    static <T> List<T> items(List<T> list) {
        return list == null ? List.of() : List.copyOf(list);
    }

    static <T> List<T> frozen(List<T> list) {
        return list == null ? List.of() : Collections.unmodifiableList(new ArrayList<>(list));
    }

    /** Where a phase stands. */
    public enum PhaseStatus {
        NOT_STARTED,
        CURRENT,
        COMPLETED
    }

    /** What every phase records besides its own steps: decisions, trust, pitfalls, success factors, notes. */
    public interface PhaseSection {
        List<Decision> decisions();

        List<TrustAssessment> trustAssessments();

        List<Lesson> pitfalls();

        List<Lesson> successFactors();

        List<Note> notes();

        List<AnsweredQuestion> answeredQuestions();

        List<OpenQuestion> openQuestions();
    }

    /**
     * Who recorded an item, at which position of the trajectory's stream, when it happened ({@code occurredAt}, as
     * the client gave it) and when it was recorded ({@code recordedAt}, the event store's time), and whether as a
     * correction.
     */
    public record Recorded(long sequence, Instant occurredAt, Instant recordedAt, String by, String organisation,
            boolean correction) {
    }

    /** When a phase was entered and left; {@code enteredBy} is the advance, with any overridden gate. */
    public record PhaseProgress(Phase phase, PhaseStatus status, Instant enteredAt, Instant leftAt,
            PhaseAdvance enteredBy) {
    }

    public record PhaseAdvance(Phase from, Phase to, List<GateCondition> overriddenConditions, String overrideReason,
            Recorded recorded) {
        public PhaseAdvance {
            overriddenConditions = frozen(overriddenConditions);
        }
    }

    public record Decision(String decisionId, String decision, String rationale, List<String> alternativesConsidered,
            List<String> evidence, String guidingQuestionId, List<String> agreedBy, Recorded recorded) {
        public Decision {
            alternativesConsidered = frozen(alternativesConsidered);
            evidence = frozen(evidence);
            agreedBy = frozen(agreedBy);
        }
    }

    public record TrustAssessment(String counterpart, TrustScore personTrust, TrustScore organisationTrust,
            String note, Recorded recorded) {
    }

    /** A pitfall or success factor, filed under the phase it is about; {@code recordedIn} is where it was taken. */
    public record Lesson(String text, String tag, Phase recordedIn, Recorded recorded) {
    }

    public record Note(String text, Recorded recorded) {
    }

    /** A guiding question of the playbook and the steps or decisions that answer it. */
    public record AnsweredQuestion(String questionId, String question, List<String> answeredBy) {
        public AnsweredQuestion {
            answeredBy = frozen(answeredBy);
        }
    }

    public record OpenQuestion(String questionId, String question) {
    }

    // phase 1

    public record StrategicGoal(String goalId, String goal, String challenge, List<GoalRevision> revisions,
            Recorded recorded) {
        public StrategicGoal {
            revisions = frozen(revisions);
        }
    }

    public record GoalRevision(int revision, String goal, String why, Recorded recorded) {
    }

    public record InternalInterest(String interest, String heldBy, Recorded recorded) {
    }

    public record Development(String development, String impact, Recorded recorded) {
    }

    /** A stakeholder as last updated; {@code history} keeps every earlier version. */
    public record Stakeholder(String stakeholderId, String name, StakeholderScope scope, String role,
            List<String> interests, Influence influence, boolean removed, String removedWhy,
            List<Stakeholder> history, Recorded recorded) {
        public Stakeholder {
            interests = frozen(interests);
            history = frozen(history);
        }
    }

    public record PreviousAgreementAssessment(String agreement, boolean servesOurGoals, String why,
            boolean contractingQuestion, String previousTrajectoryId, Recorded recorded) {
    }

    /** One revision of the BATNA; exactly one, the last, is current. */
    public record Batna(int revision, String batna, String why, boolean current, Recorded recorded) {
    }

    public record Planning(List<Milestone> milestones, Recorded recorded) {
        public Planning {
            milestones = frozen(milestones);
        }
    }

    public record PartnerAssessment(String party, String position, List<String> interests, Recorded recorded) {
        public PartnerAssessment {
            interests = frozen(interests);
        }
    }

    public record TeamMember(String name, String role, List<String> knowledgeAndSkills, Recorded recorded) {
        public TeamMember {
            knowledgeAndSkills = frozen(knowledgeAndSkills);
        }
    }

    public record SupportAction(String action, String audience, Recorded recorded) {
    }

    // phase 2

    public record JointAmbition(String ambition, int horizonYears, Recorded recorded) {
    }

    public record CounterpartyGoals(String party, List<String> goals, Recorded recorded) {
        public CounterpartyGoals {
            goals = frozen(goals);
        }
    }

    public record RelationshipAim(String aim, Recorded recorded) {
    }

    public record RelationshipAssessment(String assessment, boolean trustPresent, Recorded recorded) {
    }

    public record AgreedGoal(String goalId, String goal, QuadrupleAimDimension dimension, GoalKind kind,
            ContextSource contextSource, Recorded recorded) {
    }

    public record SharedInterest(String party, String interest, Recorded recorded) {
    }

    public record SocietalValue(String value, boolean landsWithNegotiatingParties, Recorded recorded) {
    }

    public record WinWinWinOption(String option, List<String> benefits, Recorded recorded) {
        public WinWinWinOption {
            benefits = frozen(benefits);
        }
    }

    public record LossSharingPrinciple(String principle, Recorded recorded) {
    }

    public record JointFact(String fact, String dataSource, List<String> acceptedBy, Recorded recorded) {
        public JointFact {
            acceptedBy = frozen(acceptedBy);
        }
    }

    public record ProcessAgreement(List<String> rulesOfConduct, List<String> escalationLevels,
            List<Milestone> goNoGoMoments, Recorded recorded) {
        public ProcessAgreement {
            rulesOfConduct = frozen(rulesOfConduct);
            escalationLevels = frozen(escalationLevels);
            goNoGoMoments = frozen(goNoGoMoments);
        }
    }

    public record GoNoGoDecision(String moment, GoNoGo decision, String why, Recorded recorded) {
    }

    public record LegalObstacle(String obstacleId, String obstacle, String resolution, Recorded recorded,
            Recorded resolved) {
    }

    public record NetworkParty(String name, NetworkPartyKind kind, String need, Recorded recorded) {
    }

    // phase 3

    /** Where a proposal stands. */
    public enum ProposalStatus {
        OPEN,
        COUNTERED,
        ACCEPTED,
        REJECTED
    }

    /**
     * A proposal or counter-proposal ({@code counterTo} names the proposal it answers) and how it was answered.
     */
    public record Proposal(String proposalId, String by, Terms terms, String counterTo, String why,
            ProposalStatus status, String answeredBy, String answerWhy, String counteredWith, Recorded recorded,
            Recorded answered) {
    }

    public record Deadlock(String deadlockId, String issue, String escalationLevel, String resolution,
            Recorded recorded, Recorded resolved) {
    }

    public record Indicator(String indicatorId, String name, GoalKind kind, String target, String owner,
            QuadrupleAimDimension dimension, Recorded recorded) {
    }

    /** A scheduled evaluation; {@code overdue} is set when the system recorded that its date passed unheld. */
    public record EvaluationMoment(LocalDate date, String purpose, Recorded recorded, Recorded overdue) {
    }

    public record Deviation(String clause, String deviation, String why, Recorded recorded) {
    }

    public record IncentiveChange(String currentIncentive, String change, String why, Recorded recorded) {
    }

    public record SignedAgreement(Terms terms, List<Signatory> signatories, LocalDate startDate, LocalDate endDate,
            Recorded recorded) {
        public SignedAgreement {
            signatories = frozen(signatories);
        }
    }

    // phase 4

    public record Measurement(String indicatorId, String indicatorName, String value, LocalDate measuredOn,
            String note, Recorded recorded) {
    }

    public record CheckIn(List<String> participants, String summary, Recorded recorded) {
        public CheckIn {
            participants = frozen(participants);
        }
    }

    public record StakeholderCommunication(String audience, String summary, Recorded recorded) {
    }

    public record SuccessOrLesson(LessonKind kind, String message, String channel, Recorded recorded) {
    }

    public record Amendment(String what, String why, Terms newTerms, Recorded recorded) {
    }

    public record InterimEvaluation(String findings, boolean adjustmentNeeded, Recorded recorded) {
    }

    // phase 5

    public record FinalEvaluation(String form, List<String> outcomes, List<String> lessons, Recorded recorded) {
        public FinalEvaluation {
            outcomes = frozen(outcomes);
            lessons = frozen(lessons);
        }
    }

    public record Conclusion(Outcome outcome, String why, Phase phase, Recorded recorded) {
    }

    public record FollowUp(String followUpTrajectoryId, String title, Recorded recorded) {
    }

    /** Phase 1, internal preparation: what does my organisation want, is there a contracting question, BATNA. */
    public record InternalPreparation(
            List<StrategicGoal> strategicGoals,
            List<InternalInterest> internalInterests,
            List<Development> developments,
            List<Stakeholder> stakeholders,
            List<PreviousAgreementAssessment> previousAgreementAssessments,
            List<Batna> batna,
            List<Planning> planning,
            List<PartnerAssessment> partnerAssessments,
            List<TeamMember> team,
            List<SupportAction> supportActions,
            List<Decision> decisions,
            List<TrustAssessment> trustAssessments,
            List<Lesson> pitfalls,
            List<Lesson> successFactors,
            List<Note> notes,
            List<AnsweredQuestion> answeredQuestions,
            List<OpenQuestion> openQuestions) implements PhaseSection {

        public InternalPreparation {
            strategicGoals = items(strategicGoals);
            internalInterests = items(internalInterests);
            developments = items(developments);
            stakeholders = items(stakeholders);
            previousAgreementAssessments = items(previousAgreementAssessments);
            batna = items(batna);
            planning = items(planning);
            partnerAssessments = items(partnerAssessments);
            team = items(team);
            supportActions = items(supportActions);
            decisions = items(decisions);
            trustAssessments = items(trustAssessments);
            pitfalls = items(pitfalls);
            successFactors = items(successFactors);
            notes = items(notes);
            answeredQuestions = items(answeredQuestions);
            openQuestions = items(openQuestions);
        }

        static InternalPreparation empty() {
            return new InternalPreparation(null, null, null, null, null, null, null, null, null, null, null, null,
                    null, null, null, null, null);
        }

    }

    /** Phase 2, co-design: joint ambition, societal value, joint facts, process design, network. */
    public record CoDesign(
            List<JointAmbition> jointAmbitions,
            List<CounterpartyGoals> counterpartyGoals,
            List<RelationshipAim> relationshipAims,
            List<RelationshipAssessment> relationshipAssessments,
            List<AgreedGoal> agreedGoals,
            List<SharedInterest> interests,
            List<SocietalValue> societalValues,
            List<WinWinWinOption> winWinWinOptions,
            List<LossSharingPrinciple> lossSharingPrinciples,
            List<JointFact> jointFacts,
            List<ProcessAgreement> processAgreements,
            List<GoNoGoDecision> goNoGoDecisions,
            List<LegalObstacle> legalObstacles,
            List<NetworkParty> networkParties,
            List<Decision> decisions,
            List<TrustAssessment> trustAssessments,
            List<Lesson> pitfalls,
            List<Lesson> successFactors,
            List<Note> notes,
            List<AnsweredQuestion> answeredQuestions,
            List<OpenQuestion> openQuestions) implements PhaseSection {

        public CoDesign {
            jointAmbitions = items(jointAmbitions);
            counterpartyGoals = items(counterpartyGoals);
            relationshipAims = items(relationshipAims);
            relationshipAssessments = items(relationshipAssessments);
            agreedGoals = items(agreedGoals);
            interests = items(interests);
            societalValues = items(societalValues);
            winWinWinOptions = items(winWinWinOptions);
            lossSharingPrinciples = items(lossSharingPrinciples);
            jointFacts = items(jointFacts);
            processAgreements = items(processAgreements);
            goNoGoDecisions = items(goNoGoDecisions);
            legalObstacles = items(legalObstacles);
            networkParties = items(networkParties);
            decisions = items(decisions);
            trustAssessments = items(trustAssessments);
            pitfalls = items(pitfalls);
            successFactors = items(successFactors);
            notes = items(notes);
            answeredQuestions = items(answeredQuestions);
            openQuestions = items(openQuestions);
        }

        static CoDesign empty() {
            return new CoDesign(null, null, null, null, null, null, null, null, null, null, null, null, null, null,
                    null, null, null, null, null, null, null);
        }

    }

    /** Phase 3, negotiation: proposals, deadlocks, monitoring, deviations, incentives and the signed agreement. */
    public record Negotiation(
            List<Proposal> proposals,
            List<Deadlock> deadlocks,
            List<Indicator> indicators,
            List<EvaluationMoment> evaluationMoments,
            List<Deviation> deviations,
            List<IncentiveChange> incentiveChanges,
            List<SignedAgreement> signedAgreement,
            List<Decision> decisions,
            List<TrustAssessment> trustAssessments,
            List<Lesson> pitfalls,
            List<Lesson> successFactors,
            List<Note> notes,
            List<AnsweredQuestion> answeredQuestions,
            List<OpenQuestion> openQuestions) implements PhaseSection {

        public Negotiation {
            proposals = items(proposals);
            deadlocks = items(deadlocks);
            indicators = items(indicators);
            evaluationMoments = items(evaluationMoments);
            deviations = items(deviations);
            incentiveChanges = items(incentiveChanges);
            signedAgreement = items(signedAgreement);
            decisions = items(decisions);
            trustAssessments = items(trustAssessments);
            pitfalls = items(pitfalls);
            successFactors = items(successFactors);
            notes = items(notes);
            answeredQuestions = items(answeredQuestions);
            openQuestions = items(openQuestions);
        }

        static Negotiation empty() {
            return new Negotiation(null, null, null, null, null, null, null, null, null, null, null, null, null,
                    null);
        }

    }

    /** Phase 4, running agreement: measurements, relationship upkeep, communication, amendments, evaluations. */
    public record RunningAgreement(
            List<Measurement> measurements,
            List<CheckIn> checkIns,
            List<StakeholderCommunication> stakeholderCommunications,
            List<SuccessOrLesson> successesAndLessons,
            List<Amendment> amendments,
            List<InterimEvaluation> interimEvaluations,
            List<Decision> decisions,
            List<TrustAssessment> trustAssessments,
            List<Lesson> pitfalls,
            List<Lesson> successFactors,
            List<Note> notes,
            List<AnsweredQuestion> answeredQuestions,
            List<OpenQuestion> openQuestions) implements PhaseSection {

        public RunningAgreement {
            measurements = items(measurements);
            checkIns = items(checkIns);
            stakeholderCommunications = items(stakeholderCommunications);
            successesAndLessons = items(successesAndLessons);
            amendments = items(amendments);
            interimEvaluations = items(interimEvaluations);
            decisions = items(decisions);
            trustAssessments = items(trustAssessments);
            pitfalls = items(pitfalls);
            successFactors = items(successFactors);
            notes = items(notes);
            answeredQuestions = items(answeredQuestions);
            openQuestions = items(openQuestions);
        }

        static RunningAgreement empty() {
            return new RunningAgreement(null, null, null, null, null, null, null, null, null, null, null, null,
                    null);
        }

    }

    /** Phase 5, after the agreement: final evaluations (the conclusion and follow-ups are on the state). */
    public record AfterAgreement(
            List<FinalEvaluation> finalEvaluations,
            List<Decision> decisions,
            List<TrustAssessment> trustAssessments,
            List<Lesson> pitfalls,
            List<Lesson> successFactors,
            List<Note> notes,
            List<AnsweredQuestion> answeredQuestions,
            List<OpenQuestion> openQuestions) implements PhaseSection {

        public AfterAgreement {
            finalEvaluations = items(finalEvaluations);
            decisions = items(decisions);
            trustAssessments = items(trustAssessments);
            pitfalls = items(pitfalls);
            successFactors = items(successFactors);
            notes = items(notes);
            answeredQuestions = items(answeredQuestions);
            openQuestions = items(openQuestions);
        }

        static AfterAgreement empty() {
            return new AfterAgreement(null, null, null, null, null, null, null, null);
        }

    }
}
