package nl.trajectorytracker.api.commands;

import nl.trajectorytracker.api.values.Actor;
import nl.trajectorytracker.api.values.TrajectoryId;

/**
 * A command to one trajectory: which one, who sends it, and the version the client expects it to be at ({@code null}:
 * whatever version is current), so that the command side finds them without reflection. Every command is one.
 */
public sealed interface TrajectoryCommand permits
        AcceptProposal, AddNote, AddStakeholder, AdvancePhase, AgreeGoal, AgreeIncentiveChange,
        AgreeLossSharingPrinciple, AmendContract, AssessCurrentRelationship, AssessPartnerPosition,
        AssessPreviousAgreement, AssessTrust, AssignTeamMember, CheckFollowUpTrajectory, CommunicateSuccessOrLesson, ConcludeTrajectory,
        CounterProposal, DecideGoNoGo, DefineBatna, DefineMonitoringIndicator, EscalateDeadlock, EstablishJointFact,
        FlagEvaluationOverdue, HoldFinalEvaluation, HoldInterimEvaluation, HoldRelationshipCheckIn, InvolveNetworkParty,
        MakeProcessAgreement, MakeProposal, MeasureIndicator, NoteRelevantDevelopment, RaiseLegalObstacle,
        RecordCounterpartyGoals, RecordDecision, RecordInternalInterest, RecordJointAmbition, RecordPitfall,
        RecordSocietalValue, RecordStandardAgreementDeviation, RecordSuccessFactor, RecordSupportBaseAction,
        RecordWinWinWinOption, RejectProposal, RemoveStakeholder, ResolveDeadlock, ResolveLegalObstacle, ReviseBatna,
        ReviseStrategicGoal, ScheduleEvaluationMoment, SendStakeholderUpdate, SetPlanning, SetRelationshipAim,
        SetStrategicGoal, ShareInterest, SignAgreement, StartFollowUpTrajectory, StartTrajectory, UpdateStakeholder {

    TrajectoryId trajectoryId();

    Actor actor();

    /** The version the trajectory must be at for the command to apply; {@code null} for any version. */
    default Long expectedVersion() {
        return null;
    }
}
