package nl.trajectorytracker.command.trajectory;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.messaging.InterceptorChain;
import org.axonframework.modelling.command.AggregateCreationPolicy;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.AggregateLifecycle;
import org.axonframework.modelling.command.AggregateMember;
import org.axonframework.modelling.command.CommandHandlerInterceptor;
import org.axonframework.modelling.command.ConflictingAggregateVersionException;
import org.axonframework.modelling.command.CreationPolicy;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import com.fasterxml.jackson.annotation.JsonAutoDetect.Visibility;

import nl.trajectorytracker.api.commands.AcceptProposal;
import nl.trajectorytracker.api.commands.AddNote;
import nl.trajectorytracker.api.commands.AddStakeholder;
import nl.trajectorytracker.api.commands.AdvancePhase;
import nl.trajectorytracker.api.commands.AgreeGoal;
import nl.trajectorytracker.api.commands.AgreeIncentiveChange;
import nl.trajectorytracker.api.commands.AgreeLossSharingPrinciple;
import nl.trajectorytracker.api.commands.AmendContract;
import nl.trajectorytracker.api.commands.AssessCurrentRelationship;
import nl.trajectorytracker.api.commands.AssessPartnerPosition;
import nl.trajectorytracker.api.commands.AssessPreviousAgreement;
import nl.trajectorytracker.api.commands.AssessTrust;
import nl.trajectorytracker.api.commands.AssignTeamMember;
import nl.trajectorytracker.api.commands.CheckFollowUpTrajectory;
import nl.trajectorytracker.api.commands.CommunicateSuccessOrLesson;
import nl.trajectorytracker.api.commands.ConcludeTrajectory;
import nl.trajectorytracker.api.commands.CounterProposal;
import nl.trajectorytracker.api.commands.DecideGoNoGo;
import nl.trajectorytracker.api.commands.DefineBatna;
import nl.trajectorytracker.api.commands.DefineMonitoringIndicator;
import nl.trajectorytracker.api.commands.EscalateDeadlock;
import nl.trajectorytracker.api.commands.EstablishJointFact;
import nl.trajectorytracker.api.commands.FlagEvaluationOverdue;
import nl.trajectorytracker.api.commands.HoldFinalEvaluation;
import nl.trajectorytracker.api.commands.HoldInterimEvaluation;
import nl.trajectorytracker.api.commands.HoldRelationshipCheckIn;
import nl.trajectorytracker.api.commands.InvolveNetworkParty;
import nl.trajectorytracker.api.commands.MakeProcessAgreement;
import nl.trajectorytracker.api.commands.MakeProposal;
import nl.trajectorytracker.api.commands.MeasureIndicator;
import nl.trajectorytracker.api.commands.NoteRelevantDevelopment;
import nl.trajectorytracker.api.commands.RaiseLegalObstacle;
import nl.trajectorytracker.api.commands.RecordCounterpartyGoals;
import nl.trajectorytracker.api.commands.RecordDecision;
import nl.trajectorytracker.api.commands.RecordInternalInterest;
import nl.trajectorytracker.api.commands.RecordJointAmbition;
import nl.trajectorytracker.api.commands.RecordPitfall;
import nl.trajectorytracker.api.commands.RecordSocietalValue;
import nl.trajectorytracker.api.commands.RecordStandardAgreementDeviation;
import nl.trajectorytracker.api.commands.RecordSuccessFactor;
import nl.trajectorytracker.api.commands.RecordSupportBaseAction;
import nl.trajectorytracker.api.commands.RecordWinWinWinOption;
import nl.trajectorytracker.api.commands.RejectProposal;
import nl.trajectorytracker.api.commands.RemoveStakeholder;
import nl.trajectorytracker.api.commands.ResolveDeadlock;
import nl.trajectorytracker.api.commands.ResolveLegalObstacle;
import nl.trajectorytracker.api.commands.ReviseBatna;
import nl.trajectorytracker.api.commands.ReviseStrategicGoal;
import nl.trajectorytracker.api.commands.ScheduleEvaluationMoment;
import nl.trajectorytracker.api.commands.SendStakeholderUpdate;
import nl.trajectorytracker.api.commands.SetPlanning;
import nl.trajectorytracker.api.commands.SetRelationshipAim;
import nl.trajectorytracker.api.commands.SetStrategicGoal;
import nl.trajectorytracker.api.commands.ShareInterest;
import nl.trajectorytracker.api.commands.SignAgreement;
import nl.trajectorytracker.api.commands.StartFollowUpTrajectory;
import nl.trajectorytracker.api.commands.StartTrajectory;
import nl.trajectorytracker.api.commands.UpdateStakeholder;
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
import nl.trajectorytracker.api.values.Actor;
import nl.trajectorytracker.api.values.DomainException;
import nl.trajectorytracker.api.values.ErrorCode;
import nl.trajectorytracker.api.values.GateCondition;
import nl.trajectorytracker.api.values.GoNoGo;
import nl.trajectorytracker.api.values.InvalidValueException;
import nl.trajectorytracker.api.values.Party;
import nl.trajectorytracker.api.values.Phase;
import nl.trajectorytracker.api.values.TrajectoryId;

/**
 * The consistency boundary of one contracting trajectory: every step of the playbook is a command checked here
 * and recorded as an event. Each handler admits the step (party access, conclusion, phase), checks its own rule,
 * then applies the fact and answers the new version of the trajectory. Event-sourcing handlers only assign.
 * Snapshots are written by Jackson from the fields, so every field must be serializable; a field added later is
 * absent from older snapshots and left at its initial value (an unknown moment is {@code null}, and refuses nothing).
 * <p>
 * Rules are checked in the order steps are recorded, but readers fold a trajectory in the order steps happened
 * ({@code occurredAt}). So the aggregate also keeps when phases were entered (and which gate conditions each advance
 * overrode), when gate facts first happened and when the latest change happened, and refuses a moment that would
 * break a rule in that order (see {@link StepTimePolicy} and {@link PhaseGatePolicy}).
 */
@JsonAutoDetect(fieldVisibility = Visibility.ANY, getterVisibility = Visibility.NONE,
        isGetterVisibility = Visibility.NONE, setterVisibility = Visibility.NONE)
class TrajectoryAggregate {

    private record Proposal(String proposer, boolean open) {
    }

    /**
     * A value of a gate fact that can change back (a contracting question, a go/no-go decision) and when it happened;
     * {@code at} is {@code null} for the value held before the aggregate kept these moments (an older snapshot).
     */
    private record Dated<T>(Instant at, T value) {
    }

    /**
     * When the latest change of the trajectory happened: the latest {@code occurredAt} of its steps, reflections
     * excepted (a concluded trajectory still takes those). An aggregate member, so that it sees every event, also
     * the many the aggregate keeps nothing of.
     */
    @JsonAutoDetect(fieldVisibility = Visibility.ANY, getterVisibility = Visibility.NONE,
            isGetterVisibility = Visibility.NONE, setterVisibility = Visibility.NONE)
    static final class LatestChange {

        private Instant happenedAt;

        @EventSourcingHandler
        void on(TrajectoryEvent event) {
            if (ConclusionPolicy.isChange(event)
                    && (happenedAt == null || event.occurredAt().isAfter(happenedAt))) {
                happenedAt = event.occurredAt();
            }
        }
    }

    /** A scheduled evaluation moment; an evaluation held settles the earliest open one. */
    private record EvaluationMoment(LocalDate date, String purpose, boolean held, boolean flaggedOverdue) {
    }

    @AggregateIdentifier
    private TrajectoryId trajectoryId;
    private List<Party> parties;
    private Instant startedAt;
    private String playbookVersion;
    private Phase phase;
    /** When the trajectory advanced into each phase it reached; it is in its first phase from {@code startedAt}. */
    private final Map<Phase, Instant> phaseEnteredAt = new EnumMap<>(Phase.class);
    /**
     * The gate conditions each advance overrode, by the phase it entered; a phase entered but missing here (an older
     * snapshot) has unknown overrides, and a gate fact dated before its advance is not refused for it.
     */
    private final Map<Phase, List<GateCondition>> overriddenOnEntering = new EnumMap<>(Phase.class);
    private boolean concluded;
    private Instant concludedAt;
    @AggregateMember
    private final LatestChange latestChange = new LatestChange();

    private final Set<String> strategicGoals = new HashSet<>();
    private final Set<String> stakeholders = new HashSet<>();
    /** The earliest moment a strategic goal happened; likewise for the BATNA, an agreed goal and the signing. */
    private Instant strategicGoalSetAt;
    private Boolean contractingQuestion;
    /** Every assessment's contracting question; the gate takes the latest that happened by the advance. */
    private List<Dated<Boolean>> contractingQuestions = new ArrayList<>();
    private boolean batnaDefined;
    private Instant batnaDefinedAt;
    private final Set<String> agreedGoals = new HashSet<>();
    private Instant goalAgreedAt;
    private GoNoGo lastGoNoGo;
    /** Every go/no-go decision; the gate takes the latest that happened by the advance. */
    private List<Dated<GoNoGo>> goNoGoDecisions = new ArrayList<>();
    private final Map<String, Boolean> legalObstacles = new HashMap<>();
    private final Map<String, Proposal> proposals = new HashMap<>();
    private final Map<String, Boolean> deadlocks = new HashMap<>();
    private final Set<String> indicators = new HashSet<>();
    /** When each goal, stakeholder, obstacle, proposal, deadlock and indicator happened, by field and id. */
    private final Map<String, Instant> happened = new HashMap<>();
    private LocalDate agreementEnd;
    private Instant agreementSignedAt;
    private final Set<String> decisions = new HashSet<>();
    private final Set<TrajectoryId> followUps = new HashSet<>();
    private final List<EvaluationMoment> evaluationMoments = new ArrayList<>();

    TrajectoryAggregate() {
        // required by Axon to rebuild the aggregate from its events
    }

    /**
     * Access is decided before the version: an actor of another organisation learns neither that the trajectory
     * exists nor its version, whatever version it expects, and gets "not found" as for an unknown id. Only an actor
     * who may see the trajectory learns that the version it expects is not the current one. The command bus therefore
     * loads trajectories without an expected version (see the command target resolver of the application's wiring);
     * the check is here, before every handler of an existing trajectory.
     */
    @CommandHandlerInterceptor
    Object authoriseBeforeVersion(CommandMessage<?> command, InterceptorChain chain) throws Exception {
        if (trajectoryId != null) {
            Actor actor = CommandHeader.actorOf(command.getPayload());
            if (actor != null) {
                PartyAccessPolicy.requireAccess(actor, trajectoryId, parties);
            }
            Long expected = CommandHeader.expectedVersionOf(command.getPayload());
            long current = AggregateLifecycle.getVersion();
            if (expected != null && expected != current) {
                throw new ConflictingAggregateVersionException(trajectoryId.value(), expected, current);
            }
        }
        return chain.proceed();
    }

    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    long handle(StartTrajectory command) {
        if (trajectoryId != null) {
            throw new DomainException(ErrorCode.TRAJECTORY_ALREADY_EXISTS,
                    "Trajectory " + command.trajectoryId() + " already exists");
        }
        PartyAccessPolicy.requireStarterIsParty(command.actor(), command.parties());
        return record(new TrajectoryStarted(command.trajectoryId(), command.title(), command.parties(),
                command.playbookVersion(), command.predecessorId(), command.actor(), command.at()));
    }

    @CommandHandler
    long handle(AdvancePhase c) {
        PartyAccessPolicy.requireAccess(c.actor(), trajectoryId, parties);
        ConclusionPolicy.requireNotConcluded(concluded);
        PhaseGatePolicy.requireNextPhase(phase, c.to());
        requireNotBeforePhase(phase, c.at());
        List<GateCondition> overridden = PhaseGatePolicy.pass(c.to(), gateFactsAsOf(c.at()), c.at(),
                c.overrideReason());
        return record(new PhaseAdvanced(c.trajectoryId(), phase, c.to(), overridden,
                overridden.isEmpty() ? null : c.overrideReason(), c.actor(), c.at()));
    }

    @CommandHandler
    long handle(ConcludeTrajectory c) {
        PartyAccessPolicy.requireAccess(c.actor(), trajectoryId, parties);
        ConclusionPolicy.requireNotConcluded(concluded);
        StepTimePolicy.requireNotBeforeLatestChange(latestChange.happenedAt, c.at());
        ConclusionPolicy.requireOutcomeFits(c.outcome(), phase, batnaDefined, agreementEnd != null);
        return record(new TrajectoryConcluded(c.trajectoryId(), c.outcome(), c.why(), phase, c.actor(), c.at()));
    }

    /**
     * Records the link to a follow-up, which is written after the follow-up itself: the link refers to a trajectory
     * that exists. Recording a link that is there already changes nothing, so that completing a follow-up whose link
     * was lost with the process may repeat itself.
     */
    @CommandHandler
    long handle(StartFollowUpTrajectory c) {
        admitReflection(c.actor(), Phase.AFTER_AGREEMENT, c.at());
        if (followUps.contains(c.followUpTrajectoryId())) {
            return AggregateLifecycle.getVersion();
        }
        return record(new FollowUpTrajectoryStarted(c.trajectoryId(), c.followUpTrajectoryId(), c.title(),
                c.actor(), c.at()));
    }

    /** Everything {@link StartFollowUpTrajectory} checks, checked before the follow-up is written; records nothing. */
    @CommandHandler
    long handle(CheckFollowUpTrajectory c) {
        admitReflection(c.actor(), Phase.AFTER_AGREEMENT, c.at());
        if (followUps.contains(c.followUpTrajectoryId())) {
            throw new DomainException(ErrorCode.DUPLICATE_REFERENCE,
                    "Follow-up " + c.followUpTrajectoryId() + " was started already");
        }
        return AggregateLifecycle.getVersion();
    }

    @CommandHandler
    long handle(SetStrategicGoal c) {
        boolean correction = admit(c.actor(), Phase.INTERNAL_PREPARATION, c.at());
        requireNew("goalId", c.goalId(), strategicGoals);
        return record(new StrategicGoalSet(
                c.trajectoryId(), c.goalId(), c.goal(), c.challenge(), correction, c.actor(), c.at()));
    }

    @CommandHandler
    long handle(ReviseStrategicGoal c) {
        boolean correction = admit(c.actor(), Phase.INTERNAL_PREPARATION, c.at());
        requireKnown("goalId", c.goalId(), strategicGoals);
        requireNotBefore("goalId", c.goalId(), c.at());
        return record(new StrategicGoalRevised(
                c.trajectoryId(), c.goalId(), c.goal(), c.why(), correction, c.actor(), c.at()));
    }

    @CommandHandler
    long handle(RecordInternalInterest c) {
        boolean correction = admit(c.actor(), Phase.INTERNAL_PREPARATION, c.at());
        return record(new InternalInterestRecorded(
                c.trajectoryId(), c.interest(), c.heldBy(), correction, c.actor(), c.at()));
    }

    @CommandHandler
    long handle(NoteRelevantDevelopment c) {
        boolean correction = admit(c.actor(), Phase.INTERNAL_PREPARATION, c.at());
        return record(new RelevantDevelopmentNoted(
                c.trajectoryId(), c.development(), c.impact(), correction, c.actor(), c.at()));
    }

    @CommandHandler
    long handle(AddStakeholder c) {
        boolean correction = admit(c.actor(), Phase.INTERNAL_PREPARATION, c.at());
        requireNew("stakeholderId", c.stakeholderId(), stakeholders);
        return record(new StakeholderAdded(
                c.trajectoryId(), c.stakeholderId(), c.name(), c.scope(), c.role(), c.interests(), c.influence(),
                        correction, c.actor(), c.at()));
    }

    @CommandHandler
    long handle(UpdateStakeholder c) {
        boolean correction = admit(c.actor(), Phase.INTERNAL_PREPARATION, c.at());
        requireKnown("stakeholderId", c.stakeholderId(), stakeholders);
        requireNotBefore("stakeholderId", c.stakeholderId(), c.at());
        return record(new StakeholderUpdated(
                c.trajectoryId(), c.stakeholderId(), c.name(), c.scope(), c.role(), c.interests(), c.influence(),
                        correction, c.actor(), c.at()));
    }

    @CommandHandler
    long handle(RemoveStakeholder c) {
        boolean correction = admit(c.actor(), Phase.INTERNAL_PREPARATION, c.at());
        requireKnown("stakeholderId", c.stakeholderId(), stakeholders);
        requireNotBefore("stakeholderId", c.stakeholderId(), c.at());
        return record(new StakeholderRemoved(
                c.trajectoryId(), c.stakeholderId(), c.why(), correction, c.actor(), c.at()));
    }

    @CommandHandler
    long handle(AssessPreviousAgreement c) {
        boolean correction = admit(c.actor(), Phase.INTERNAL_PREPARATION, c.at());
        if (trajectoryId.equals(c.previousTrajectoryId())) {
            throw new InvalidValueException("previousTrajectoryId", "must be another trajectory");
        }
        requireGatesStayPassed(c.at(), extended(contractingQuestions, contractingQuestion,
                new Dated<>(c.at(), c.contractingQuestion())), goNoGoDecisions);
        return record(new PreviousAgreementAssessed(
                c.trajectoryId(), c.agreement(), c.servesOurGoals(), c.why(), c.contractingQuestion(),
                        c.previousTrajectoryId(), correction, c.actor(), c.at()));
    }

    @CommandHandler
    long handle(DefineBatna c) {
        boolean correction = admit(c.actor(), Phase.INTERNAL_PREPARATION, c.at());
        if (batnaDefined) {
            throw new DomainException(ErrorCode.DUPLICATE_REFERENCE,
                    "The BATNA is defined already; record a revision, with why");
        }
        return record(new BatnaDefined(
                c.trajectoryId(), c.batna(), c.why(), correction, c.actor(), c.at()));
    }

    /**
     * The alternative to an agreement changes while the negotiation goes on, so a revision is a normal step in every
     * phase before the conclusion, never a correction of the internal preparation.
     */
    @CommandHandler
    long handle(ReviseBatna c) {
        admitInAnyPhase(c.actor(), c.at());
        if (!batnaDefined) {
            throw new DomainException(ErrorCode.UNKNOWN_REFERENCE, "There is no BATNA to revise yet");
        }
        return record(new BatnaRevised(
                c.trajectoryId(), c.batna(), c.why(), false, c.actor(), c.at()));
    }

    @CommandHandler
    long handle(SetPlanning c) {
        boolean correction = admit(c.actor(), Phase.INTERNAL_PREPARATION, c.at());
        return record(new PlanningSet(
                c.trajectoryId(), c.milestones(), correction, c.actor(), c.at()));
    }

    @CommandHandler
    long handle(AssessPartnerPosition c) {
        boolean correction = admit(c.actor(), Phase.INTERNAL_PREPARATION, c.at());
        requireParty("party", c.party());
        return record(new PartnerPositionAssessed(
                c.trajectoryId(), c.party(), c.position(), c.interests(), correction, c.actor(), c.at()));
    }

    @CommandHandler
    long handle(AssignTeamMember c) {
        boolean correction = admit(c.actor(), Phase.INTERNAL_PREPARATION, c.at());
        return record(new TeamMemberAssigned(
                c.trajectoryId(), c.name(), c.role(), c.knowledgeAndSkills(), correction, c.actor(), c.at()));
    }

    @CommandHandler
    long handle(RecordSupportBaseAction c) {
        boolean correction = admit(c.actor(), Phase.INTERNAL_PREPARATION, c.at());
        return record(new SupportBaseActionRecorded(
                c.trajectoryId(), c.action(), c.audience(), correction, c.actor(), c.at()));
    }

    @CommandHandler
    long handle(RecordJointAmbition c) {
        boolean correction = admit(c.actor(), Phase.CO_DESIGN, c.at());
        return record(new JointAmbitionRecorded(
                c.trajectoryId(), c.ambition(), c.horizonYears(), correction, c.actor(), c.at()));
    }

    @CommandHandler
    long handle(RecordCounterpartyGoals c) {
        boolean correction = admit(c.actor(), Phase.CO_DESIGN, c.at());
        requireParty("party", c.party());
        return record(new CounterpartyGoalsRecorded(
                c.trajectoryId(), c.party(), c.goals(), correction, c.actor(), c.at()));
    }

    @CommandHandler
    long handle(SetRelationshipAim c) {
        boolean correction = admit(c.actor(), Phase.CO_DESIGN, c.at());
        return record(new RelationshipAimSet(
                c.trajectoryId(), c.aim(), correction, c.actor(), c.at()));
    }

    @CommandHandler
    long handle(AssessCurrentRelationship c) {
        boolean correction = admit(c.actor(), Phase.CO_DESIGN, c.at());
        return record(new CurrentRelationshipAssessed(
                c.trajectoryId(), c.assessment(), c.trustPresent(), correction, c.actor(), c.at()));
    }

    @CommandHandler
    long handle(AgreeGoal c) {
        boolean correction = admit(c.actor(), Phase.CO_DESIGN, c.at());
        requireNew("goalId", c.goalId(), agreedGoals);
        return record(new GoalAgreed(
                c.trajectoryId(), c.goalId(), c.goal(), c.dimension(), c.kind(), c.contextSource(), correction,
                        c.actor(), c.at()));
    }

    @CommandHandler
    long handle(ShareInterest c) {
        boolean correction = admit(c.actor(), Phase.CO_DESIGN, c.at());
        requireParty("party", c.party());
        return record(new InterestShared(
                c.trajectoryId(), c.party(), c.interest(), correction, c.actor(), c.at()));
    }

    @CommandHandler
    long handle(RecordSocietalValue c) {
        boolean correction = admit(c.actor(), Phase.CO_DESIGN, c.at());
        return record(new SocietalValueRecorded(
                c.trajectoryId(), c.value(), c.landsWithNegotiatingParties(), correction, c.actor(), c.at()));
    }

    @CommandHandler
    long handle(RecordWinWinWinOption c) {
        boolean correction = admit(c.actor(), Phase.CO_DESIGN, c.at());
        return record(new WinWinWinOptionRecorded(
                c.trajectoryId(), c.option(), c.benefits(), correction, c.actor(), c.at()));
    }

    @CommandHandler
    long handle(AgreeLossSharingPrinciple c) {
        boolean correction = admit(c.actor(), Phase.CO_DESIGN, c.at());
        return record(new LossSharingPrincipleAgreed(
                c.trajectoryId(), c.principle(), correction, c.actor(), c.at()));
    }

    @CommandHandler
    long handle(EstablishJointFact c) {
        boolean correction = admit(c.actor(), Phase.CO_DESIGN, c.at());
        requireParties("acceptedBy", c.acceptedBy());
        return record(new JointFactEstablished(
                c.trajectoryId(), c.fact(), c.dataSource(), c.acceptedBy(), correction, c.actor(), c.at()));
    }

    @CommandHandler
    long handle(MakeProcessAgreement c) {
        boolean correction = admit(c.actor(), Phase.CO_DESIGN, c.at());
        return record(new ProcessAgreementMade(
                c.trajectoryId(), c.rulesOfConduct(), c.escalationLevels(), c.goNoGoMoments(), correction, c.actor(),
                        c.at()));
    }

    @CommandHandler
    long handle(DecideGoNoGo c) {
        boolean correction = admit(c.actor(), Phase.CO_DESIGN, c.at());
        requireGatesStayPassed(c.at(), contractingQuestions,
                extended(goNoGoDecisions, lastGoNoGo, new Dated<>(c.at(), c.decision())));
        return record(new GoNoGoDecided(
                c.trajectoryId(), c.moment(), c.decision(), c.why(), correction, c.actor(), c.at()));
    }

    @CommandHandler
    long handle(RaiseLegalObstacle c) {
        boolean correction = admit(c.actor(), Phase.CO_DESIGN, c.at());
        requireNew("obstacleId", c.obstacleId(), legalObstacles.keySet());
        return record(new LegalObstacleRaised(
                c.trajectoryId(), c.obstacleId(), c.obstacle(), correction, c.actor(), c.at()));
    }

    @CommandHandler
    long handle(ResolveLegalObstacle c) {
        boolean correction = admit(c.actor(), Phase.CO_DESIGN, c.at());
        requireOpen("obstacleId", c.obstacleId(), legalObstacles);
        requireNotBefore("obstacleId", c.obstacleId(), c.at());
        return record(new LegalObstacleResolved(
                c.trajectoryId(), c.obstacleId(), c.resolution(), correction, c.actor(), c.at()));
    }

    @CommandHandler
    long handle(InvolveNetworkParty c) {
        boolean correction = admit(c.actor(), Phase.CO_DESIGN, c.at());
        return record(new NetworkPartyInvolved(
                c.trajectoryId(), c.name(), c.kind(), c.need(), correction, c.actor(), c.at()));
    }

    @CommandHandler
    long handle(MakeProposal c) {
        boolean correction = admit(c.actor(), Phase.NEGOTIATION, c.at());
        requireParty("by", c.by());
        requireNew("proposalId", c.proposalId(), proposals.keySet());
        return record(new ProposalMade(
                c.trajectoryId(), c.proposalId(), c.by(), c.terms(), correction, c.actor(), c.at()));
    }

    @CommandHandler
    long handle(CounterProposal c) {
        boolean correction = admit(c.actor(), Phase.NEGOTIATION, c.at());
        requireParty("by", c.by());
        requireOpenProposal(c.proposalId());
        requireNotBefore("proposalId", c.proposalId(), c.at());
        requireNew("counterProposalId", c.counterProposalId(), proposals.keySet());
        return record(new ProposalCountered(
                c.trajectoryId(), c.proposalId(), c.counterProposalId(), c.by(), c.terms(), c.why(), correction,
                        c.actor(), c.at()));
    }

    @CommandHandler
    long handle(AcceptProposal c) {
        boolean correction = admit(c.actor(), Phase.NEGOTIATION, c.at());
        requireParty("by", c.by());
        ProposalPolicy.requireAnsweredByOwnParty(c.actor(), c.by());
        requireOpenProposal(c.proposalId());
        requireNotBefore("proposalId", c.proposalId(), c.at());
        ProposalPolicy.requireNotTheProposer(proposals.get(c.proposalId()).proposer(), c.by(), "accept");
        return record(new ProposalAccepted(
                c.trajectoryId(), c.proposalId(), c.by(), correction, c.actor(), c.at()));
    }

    @CommandHandler
    long handle(RejectProposal c) {
        boolean correction = admit(c.actor(), Phase.NEGOTIATION, c.at());
        requireParty("by", c.by());
        ProposalPolicy.requireAnsweredByOwnParty(c.actor(), c.by());
        requireOpenProposal(c.proposalId());
        requireNotBefore("proposalId", c.proposalId(), c.at());
        ProposalPolicy.requireNotTheProposer(proposals.get(c.proposalId()).proposer(), c.by(), "reject");
        return record(new ProposalRejected(
                c.trajectoryId(), c.proposalId(), c.by(), c.why(), correction, c.actor(), c.at()));
    }

    @CommandHandler
    long handle(EscalateDeadlock c) {
        boolean correction = admit(c.actor(), Phase.NEGOTIATION, c.at());
        requireNew("deadlockId", c.deadlockId(), deadlocks.keySet());
        return record(new DeadlockEscalated(
                c.trajectoryId(), c.deadlockId(), c.issue(), c.escalationLevel(), correction, c.actor(), c.at()));
    }

    @CommandHandler
    long handle(ResolveDeadlock c) {
        boolean correction = admit(c.actor(), Phase.NEGOTIATION, c.at());
        requireOpen("deadlockId", c.deadlockId(), deadlocks);
        requireNotBefore("deadlockId", c.deadlockId(), c.at());
        return record(new DeadlockResolved(
                c.trajectoryId(), c.deadlockId(), c.resolution(), correction, c.actor(), c.at()));
    }

    @CommandHandler
    long handle(DefineMonitoringIndicator c) {
        boolean correction = admit(c.actor(), Phase.NEGOTIATION, c.at());
        requireNew("indicatorId", c.indicatorId(), indicators);
        return record(new MonitoringIndicatorDefined(
                c.trajectoryId(), c.indicatorId(), c.name(), c.kind(), c.target(), c.owner(), c.dimension(), correction,
                        c.actor(), c.at()));
    }

    @CommandHandler
    long handle(ScheduleEvaluationMoment c) {
        boolean correction = admit(c.actor(), Phase.NEGOTIATION, c.at());
        return record(new EvaluationMomentScheduled(
                c.trajectoryId(), c.date(), c.purpose(), correction, c.actor(), c.at()));
    }

    @CommandHandler
    long handle(RecordStandardAgreementDeviation c) {
        boolean correction = admit(c.actor(), Phase.NEGOTIATION, c.at());
        return record(new StandardAgreementDeviationRecorded(
                c.trajectoryId(), c.clause(), c.deviation(), c.why(), correction, c.actor(), c.at()));
    }

    @CommandHandler
    long handle(AgreeIncentiveChange c) {
        boolean correction = admit(c.actor(), Phase.NEGOTIATION, c.at());
        return record(new IncentiveChangeAgreed(
                c.trajectoryId(), c.currentIncentive(), c.change(), c.why(), correction, c.actor(), c.at()));
    }

    @CommandHandler
    long handle(SignAgreement c) {
        boolean correction = admit(c.actor(), Phase.NEGOTIATION, c.at());
        AgreementPolicy.requireSignable(agreementEnd != null, c.signatories(), parties);
        AgreementPolicy.requireTermFitsDates(c.terms().durationMonths(), c.startDate(), c.endDate());
        return record(new AgreementSigned(
                c.trajectoryId(), c.terms(), c.signatories(), c.startDate(), c.endDate(), correction, c.actor(),
                        c.at()));
    }

    @CommandHandler
    long handle(MeasureIndicator c) {
        boolean correction = admit(c.actor(), Phase.RUNNING_AGREEMENT, c.at());
        requireKnown("indicatorId", c.indicatorId(), indicators);
        requireNotBefore("indicatorId", c.indicatorId(), c.at());
        return record(new IndicatorMeasured(
                c.trajectoryId(), c.indicatorId(), c.value(), c.measuredOn(), c.note(), correction, c.actor(), c.at()));
    }

    @CommandHandler
    long handle(HoldRelationshipCheckIn c) {
        boolean correction = admit(c.actor(), Phase.RUNNING_AGREEMENT, c.at());
        return record(new RelationshipCheckInHeld(
                c.trajectoryId(), c.participants(), c.summary(), correction, c.actor(), c.at()));
    }

    @CommandHandler
    long handle(SendStakeholderUpdate c) {
        boolean correction = admit(c.actor(), Phase.RUNNING_AGREEMENT, c.at());
        return record(new StakeholderUpdateSent(
                c.trajectoryId(), c.audience(), c.summary(), correction, c.actor(), c.at()));
    }

    @CommandHandler
    long handle(CommunicateSuccessOrLesson c) {
        boolean correction = admit(c.actor(), Phase.RUNNING_AGREEMENT, c.at());
        return record(new SuccessOrLessonCommunicated(
                c.trajectoryId(), c.kind(), c.message(), c.channel(), correction, c.actor(), c.at()));
    }

    @CommandHandler
    long handle(AmendContract c) {
        boolean correction = admit(c.actor(), Phase.RUNNING_AGREEMENT, c.at());
        AgreementPolicy.requireSigned(agreementEnd != null);
        return record(new ContractAmended(
                c.trajectoryId(), c.what(), c.why(), c.newTerms(), correction, c.actor(), c.at()));
    }

    @CommandHandler
    long handle(HoldInterimEvaluation c) {
        boolean correction = admitReflection(c.actor(), Phase.RUNNING_AGREEMENT, c.at());
        return record(new InterimEvaluationHeld(
                c.trajectoryId(), c.findings(), c.adjustmentNeeded(), correction, c.actor(), c.at()));
    }

    @CommandHandler
    long handle(HoldFinalEvaluation c) {
        boolean correction = admitReflection(c.actor(), Phase.AFTER_AGREEMENT, c.at());
        return record(new FinalEvaluationHeld(
                c.trajectoryId(), c.form(), c.outcomes(), c.lessons(), correction, c.actor(), c.at()));
    }

    /**
     * The system flags a scheduled evaluation moment whose date has passed without an evaluation. Flagging one that
     * is held or flagged already changes nothing, so the scheduled check may repeat itself.
     */
    @CommandHandler
    long handle(FlagEvaluationOverdue c) {
        PartyAccessPolicy.requireAccess(c.actor(), trajectoryId, parties);
        List<EvaluationMoment> onThatDate = evaluationMoments.stream()
                .filter(moment -> moment.date().equals(c.scheduledFor()))
                .toList();
        if (onThatDate.isEmpty()) {
            throw new DomainException(ErrorCode.UNKNOWN_REFERENCE,
                    "There is no evaluation moment scheduled for " + c.scheduledFor());
        }
        if (!c.scheduledFor().isBefore(LocalDate.ofInstant(c.at(), ZoneOffset.UTC))) {
            throw new DomainException(ErrorCode.STEP_NOT_YET_ALLOWED,
                    "The evaluation moment of " + c.scheduledFor() + " is not overdue yet");
        }
        return onThatDate.stream()
                .filter(moment -> !moment.held() && !moment.flaggedOverdue())
                .findFirst()
                .map(moment -> record(new EvaluationOverdue(c.trajectoryId(), moment.date(), moment.purpose(),
                        c.actor(), c.at())))
                .orElseGet(AggregateLifecycle::getVersion);
    }

    @CommandHandler
    long handle(RecordDecision c) {
        Phase filedUnder = admitInAnyPhase(c.actor(), c.at());
        requireNew("decisionId", c.decisionId(), decisions);
        requireParties("agreedBy", c.agreedBy());
        Phase questionPhase = DecisionPolicy.requireAnswerableQuestion(playbookVersion, c.guidingQuestionId(), phase);
        if (questionPhase != null) {
            requireNotBeforePhase(questionPhase, c.at());
        }
        return record(new DecisionRecorded(
                c.trajectoryId(), c.decisionId(), c.decision(), c.rationale(), c.alternativesConsidered(), c.evidence(),
                        c.guidingQuestionId(), c.agreedBy(), filedUnder, c.actor(), c.at()));
    }

    @CommandHandler
    long handle(AssessTrust c) {
        Phase filedUnder = admitInAnyPhase(c.actor(), c.at());
        requireParty("counterpart", c.counterpart());
        if (c.counterpart().equals(c.actor().organisation())) {
            throw new InvalidValueException("counterpart",
                    "trust is assessed in a counterpart, not in the own organisation");
        }
        return record(new TrustAssessed(
                c.trajectoryId(), c.counterpart(), c.personTrust(), c.organisationTrust(), c.note(), filedUnder,
                        c.actor(), c.at()));
    }

    @CommandHandler
    long handle(RecordPitfall c) {
        Phase filedUnder = admitReflectionInAnyPhase(c.actor(), c.at());
        requireReached(c.aboutPhase(), c.at());
        return record(new PitfallRecorded(
                c.trajectoryId(), c.aboutPhase(), c.pitfall(), c.tag(), filedUnder, c.actor(), c.at()));
    }

    @CommandHandler
    long handle(RecordSuccessFactor c) {
        Phase filedUnder = admitReflectionInAnyPhase(c.actor(), c.at());
        requireReached(c.aboutPhase(), c.at());
        return record(new SuccessFactorRecorded(
                c.trajectoryId(), c.aboutPhase(), c.successFactor(), c.tag(), filedUnder, c.actor(), c.at()));
    }

    @CommandHandler
    long handle(AddNote c) {
        Phase filedUnder = admitReflectionInAnyPhase(c.actor(), c.at());
        return record(new NoteAdded(
                c.trajectoryId(), c.text(), filedUnder, c.actor(), c.at()));
    }

    // --- admitting steps -------------------------------------------------------------------------------------

    /** Admits a step of the given phase, happening at {@code at}; answers whether it corrects an earlier phase. */
    private boolean admit(Actor actor, Phase stepPhase, Instant at) {
        PartyAccessPolicy.requireAccess(actor, trajectoryId, parties);
        ConclusionPolicy.requireNotConcluded(concluded);
        boolean correction = StepPolicy.admit(phase, stepPhase);
        requireNotBeforePhase(stepPhase, at);
        return correction;
    }

    /**
     * Evaluations stay possible after the conclusion, whatever phase the trajectory ended in; one whose phase was
     * never reached is allowed by the conclusion only, so it does not happen before it.
     */
    private boolean admitReflection(Actor actor, Phase stepPhase, Instant at) {
        if (!concluded) {
            return admit(actor, stepPhase, at);
        }
        PartyAccessPolicy.requireAccess(actor, trajectoryId, parties);
        if (phase.isBefore(stepPhase)) {
            StepTimePolicy.requireNotBeforeConclusion(concludedAt, at);
        } else {
            requireNotBeforePhase(stepPhase, at);
        }
        return phase.isAfter(stepPhase);
    }

    /** Admits a step of any phase, happening at {@code at}; answers the phase it is filed under (see phaseAt). */
    private Phase admitInAnyPhase(Actor actor, Instant at) {
        PartyAccessPolicy.requireAccess(actor, trajectoryId, parties);
        ConclusionPolicy.requireNotConcluded(concluded);
        return phaseAt(at);
    }

    private Phase admitReflectionInAnyPhase(Actor actor, Instant at) {
        PartyAccessPolicy.requireAccess(actor, trajectoryId, parties);
        return phaseAt(at);
    }

    /**
     * The phase the trajectory was in at {@code at}, along the days: a note, decision or trust assessment logged late
     * about an earlier day is filed under the phase of that day, where readers, folding by day, place it (it was filed
     * under the phase it was recorded in). A phase whose entry moment is unknown (an older snapshot) is taken as
     * entered.
     */
    private Phase phaseAt(Instant at) {
        Phase then = phase;
        while (then != null && then.ordinal() > 0 && at != null) {
            Instant entered = phaseEnteredAt.get(then);
            if (entered == null || !entered.isAfter(at)) {
                break;
            }
            then = Phase.values()[then.ordinal() - 1];
        }
        return then;
    }

    private long record(TrajectoryEvent event) {
        StepTimePolicy.requireNotBeforeStart(startedAt, event.occurredAt());
        apply(event);
        return AggregateLifecycle.getVersion();
    }

    // --- rules shared by several steps ------------------------------------------------------------------------

    /** The gate facts as they stood at {@code at}, along the time steps happened. */
    private PhaseGatePolicy.Facts gateFactsAsOf(Instant at) {
        return gateFactsAsOf(at, contractingQuestions, goNoGoDecisions);
    }

    /** The gate facts as they would have stood at {@code at} with these histories of the facts that change back. */
    private PhaseGatePolicy.Facts gateFactsAsOf(Instant at, List<Dated<Boolean>> questions,
            List<Dated<GoNoGo>> decisions) {
        boolean signed = agreementEnd != null && PhaseGatePolicy.happenedBy(agreementSignedAt, at);
        return new PhaseGatePolicy.Facts(
                !strategicGoals.isEmpty() && PhaseGatePolicy.happenedBy(strategicGoalSetAt, at),
                questions.isEmpty() ? contractingQuestion : latestAsOf(questions, at),
                batnaDefined && PhaseGatePolicy.happenedBy(batnaDefinedAt, at),
                !agreedGoals.isEmpty() && PhaseGatePolicy.happenedBy(goalAgreedAt, at),
                decisions.isEmpty() ? lastGoNoGo : latestAsOf(decisions, at),
                signed, signed ? agreementEnd : null);
    }

    /**
     * A step happening at {@code at} that would leave these histories of the facts that change back must not close
     * the gate of an advance it is dated before (see {@link PhaseGatePolicy#requireStaysPassed}).
     */
    private void requireGatesStayPassed(Instant at, List<Dated<Boolean>> questionsAfter,
            List<Dated<GoNoGo>> decisionsAfter) {
        phaseEnteredAt.forEach((entered, enteredAt) -> PhaseGatePolicy.requireStaysPassed(entered, enteredAt,
                overriddenOnEntering.get(entered), gateFactsAsOf(enteredAt),
                gateFactsAsOf(enteredAt, questionsAfter, decisionsAfter), at));
    }

    /**
     * The history with {@code next} added last. A value held before the aggregate kept the history (an older
     * snapshot) comes first, of unknown moment.
     */
    private static <T> List<Dated<T>> extended(List<Dated<T>> history, T heldBefore, Dated<T> next) {
        List<Dated<T>> extended = new ArrayList<>(history);
        if (extended.isEmpty() && heldBefore != null) {
            extended.add(new Dated<>(null, heldBefore));
        }
        extended.add(next);
        return extended;
    }

    /**
     * The value that happened last by {@code at} (of one moment, the one recorded last), or {@code null} if none had
     * happened yet. A value of unknown moment, which can only be the first, counts as the earliest.
     */
    private static <T> T latestAsOf(List<Dated<T>> history, Instant at) {
        Dated<T> latest = null;
        for (Dated<T> entry : history) {
            if (PhaseGatePolicy.happenedBy(entry.at(), at)
                    && (latest == null || PhaseGatePolicy.happenedBy(latest.at(), entry.at()))) {
                latest = entry;
            }
        }
        return latest == null ? null : latest.value();
    }

    /**
     * The earliest moment of a fact that may happen again (another goal): {@code at} if it is earlier than what is
     * known. A fact that held already at an unknown moment (an older snapshot) stays unknown.
     */
    private static Instant earliest(Instant since, boolean heldAlready, Instant at) {
        if (heldAlready && since == null) {
            return null;
        }
        return since == null || at.isBefore(since) ? at : since;
    }

    private void requireParty(String field, String organisation) {
        if (!PartyAccessPolicy.isParty(organisation, parties)) {
            throw new InvalidValueException(field, organisation + " is not a party of this trajectory");
        }
    }

    private void requireParties(String field, Collection<String> organisations) {
        organisations.forEach(organisation -> requireParty(field, organisation));
    }

    private void requireReached(Phase about, Instant at) {
        if (phase.isBefore(about)) {
            throw new DomainException(ErrorCode.STEP_NOT_YET_ALLOWED,
                    "The trajectory has not reached " + about + " yet");
        }
        requireNotBeforePhase(about, at);
    }

    private static void requireNew(String field, String id, Collection<String> known) {
        if (known.contains(id)) {
            throw new DomainException(ErrorCode.DUPLICATE_REFERENCE, field + " " + id + " is recorded already");
        }
    }

    private static void requireKnown(String field, String id, Collection<String> known) {
        if (!known.contains(id)) {
            throw new DomainException(ErrorCode.UNKNOWN_REFERENCE, "There is no " + field + " " + id);
        }
    }

    private void requireNotBeforePhase(Phase entered, Instant at) {
        StepTimePolicy.requireNotBeforePhase(entered, phaseEnteredAt.get(entered), at);
    }

    private void requireNotBefore(String field, String id, Instant at) {
        StepTimePolicy.requireNotBefore(field, id, happened.get(field + " " + id), at);
    }

    private static void requireOpen(String field, String id, Map<String, Boolean> openById) {
        if (!Boolean.TRUE.equals(openById.get(id))) {
            throw new DomainException(ErrorCode.UNKNOWN_REFERENCE, "There is no open " + field + " " + id);
        }
    }

    private void requireOpenProposal(String proposalId) {
        Proposal proposal = proposals.get(proposalId);
        if (proposal == null) {
            throw new DomainException(ErrorCode.UNKNOWN_REFERENCE, "There is no proposal " + proposalId);
        }
        if (!proposal.open()) {
            throw new DomainException(ErrorCode.PROPOSAL_NOT_OPEN,
                    "Proposal " + proposalId + " was answered already");
        }
    }

    // --- event sourcing: assign only --------------------------------------------------------------------------

    @EventSourcingHandler
    void on(TrajectoryStarted event) {
        trajectoryId = event.trajectoryId();
        parties = event.parties();
        startedAt = event.occurredAt();
        playbookVersion = event.playbookVersion();
        phase = Phase.INTERNAL_PREPARATION;
    }

    @EventSourcingHandler
    void on(PhaseAdvanced event) {
        phase = event.to();
        phaseEnteredAt.put(event.to(), event.occurredAt());
        overriddenOnEntering.put(event.to(), event.overriddenConditions());
    }

    @EventSourcingHandler
    void on(TrajectoryConcluded event) {
        concluded = true;
        concludedAt = event.occurredAt();
    }

    @EventSourcingHandler
    void on(StrategicGoalSet event) {
        strategicGoalSetAt = earliest(strategicGoalSetAt, !strategicGoals.isEmpty(), event.occurredAt());
        strategicGoals.add(event.goalId());
        happened.put("goalId " + event.goalId(), event.occurredAt());
    }

    @EventSourcingHandler
    void on(StakeholderAdded event) {
        stakeholders.add(event.stakeholderId());
        happened.put("stakeholderId " + event.stakeholderId(), event.occurredAt());
    }

    @EventSourcingHandler
    void on(StakeholderRemoved event) {
        stakeholders.remove(event.stakeholderId());
    }

    @EventSourcingHandler
    void on(PreviousAgreementAssessed event) {
        contractingQuestions = extended(contractingQuestions, contractingQuestion,
                new Dated<>(event.occurredAt(), event.contractingQuestion()));
        contractingQuestion = event.contractingQuestion();
    }

    @EventSourcingHandler
    void on(BatnaDefined event) {
        batnaDefinedAt = earliest(batnaDefinedAt, batnaDefined, event.occurredAt());
        batnaDefined = true;
    }

    @EventSourcingHandler
    void on(GoalAgreed event) {
        goalAgreedAt = earliest(goalAgreedAt, !agreedGoals.isEmpty(), event.occurredAt());
        agreedGoals.add(event.goalId());
    }

    @EventSourcingHandler
    void on(GoNoGoDecided event) {
        goNoGoDecisions = extended(goNoGoDecisions, lastGoNoGo, new Dated<>(event.occurredAt(), event.decision()));
        lastGoNoGo = event.decision();
    }

    @EventSourcingHandler
    void on(LegalObstacleRaised event) {
        legalObstacles.put(event.obstacleId(), true);
        happened.put("obstacleId " + event.obstacleId(), event.occurredAt());
    }

    @EventSourcingHandler
    void on(LegalObstacleResolved event) {
        legalObstacles.put(event.obstacleId(), false);
    }

    @EventSourcingHandler
    void on(ProposalMade event) {
        proposals.put(event.proposalId(), new Proposal(event.by(), true));
        happened.put("proposalId " + event.proposalId(), event.occurredAt());
    }

    @EventSourcingHandler
    void on(ProposalCountered event) {
        proposals.put(event.proposalId(), new Proposal(proposals.get(event.proposalId()).proposer(), false));
        proposals.put(event.counterProposalId(), new Proposal(event.by(), true));
        happened.put("proposalId " + event.counterProposalId(), event.occurredAt());
    }

    @EventSourcingHandler
    void on(ProposalAccepted event) {
        proposals.put(event.proposalId(), new Proposal(proposals.get(event.proposalId()).proposer(), false));
    }

    @EventSourcingHandler
    void on(ProposalRejected event) {
        proposals.put(event.proposalId(), new Proposal(proposals.get(event.proposalId()).proposer(), false));
    }

    @EventSourcingHandler
    void on(DeadlockEscalated event) {
        deadlocks.put(event.deadlockId(), true);
        happened.put("deadlockId " + event.deadlockId(), event.occurredAt());
    }

    @EventSourcingHandler
    void on(DeadlockResolved event) {
        deadlocks.put(event.deadlockId(), false);
    }

    @EventSourcingHandler
    void on(MonitoringIndicatorDefined event) {
        indicators.add(event.indicatorId());
        happened.put("indicatorId " + event.indicatorId(), event.occurredAt());
    }

    @EventSourcingHandler
    void on(AgreementSigned event) {
        agreementSignedAt = earliest(agreementSignedAt, agreementEnd != null, event.occurredAt());
        agreementEnd = event.endDate();
    }

    @EventSourcingHandler
    void on(EvaluationMomentScheduled event) {
        evaluationMoments.add(new EvaluationMoment(event.date(), event.purpose(), false, false));
        evaluationMoments.sort(java.util.Comparator.comparing(EvaluationMoment::date));
    }

    @EventSourcingHandler
    void on(InterimEvaluationHeld event) {
        settleEarliestOpenEvaluationMoment();
    }

    @EventSourcingHandler
    void on(FinalEvaluationHeld event) {
        settleEarliestOpenEvaluationMoment();
    }

    @EventSourcingHandler
    void on(EvaluationOverdue event) {
        for (int i = 0; i < evaluationMoments.size(); i++) {
            EvaluationMoment moment = evaluationMoments.get(i);
            if (moment.date().equals(event.scheduledFor()) && !moment.held() && !moment.flaggedOverdue()) {
                evaluationMoments.set(i, new EvaluationMoment(moment.date(), moment.purpose(), false, true));
                return;
            }
        }
    }

    private void settleEarliestOpenEvaluationMoment() {
        for (int i = 0; i < evaluationMoments.size(); i++) {
            EvaluationMoment moment = evaluationMoments.get(i);
            if (!moment.held()) {
                evaluationMoments.set(i, new EvaluationMoment(moment.date(), moment.purpose(), true,
                        moment.flaggedOverdue()));
                return;
            }
        }
    }

    @EventSourcingHandler
    void on(DecisionRecorded event) {
        decisions.add(event.decisionId());
    }

    @EventSourcingHandler
    void on(FollowUpTrajectoryStarted event) {
        followUps.add(event.followUpTrajectoryId());
    }
}
