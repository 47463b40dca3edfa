package nl.trajectorytracker.query.phasestate;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import nl.trajectorytracker.api.events.AgreementSigned;
import nl.trajectorytracker.api.events.BatnaDefined;
import nl.trajectorytracker.api.events.BatnaRevised;
import nl.trajectorytracker.api.events.ContractAmended;
import nl.trajectorytracker.api.events.CounterpartyGoalsRecorded;
import nl.trajectorytracker.api.events.CurrentRelationshipAssessed;
import nl.trajectorytracker.api.events.DeadlockEscalated;
import nl.trajectorytracker.api.events.DeadlockResolved;
import nl.trajectorytracker.api.events.EvaluationMomentScheduled;
import nl.trajectorytracker.api.events.FinalEvaluationHeld;
import nl.trajectorytracker.api.events.FollowUpTrajectoryStarted;
import nl.trajectorytracker.api.events.GoNoGoDecided;
import nl.trajectorytracker.api.events.GoalAgreed;
import nl.trajectorytracker.api.events.IncentiveChangeAgreed;
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
import nl.trajectorytracker.api.events.PartnerPositionAssessed;
import nl.trajectorytracker.api.events.PlanningSet;
import nl.trajectorytracker.api.events.PreviousAgreementAssessed;
import nl.trajectorytracker.api.events.ProcessAgreementMade;
import nl.trajectorytracker.api.events.ProposalCountered;
import nl.trajectorytracker.api.events.ProposalMade;
import nl.trajectorytracker.api.events.RelationshipAimSet;
import nl.trajectorytracker.api.events.RelationshipCheckInHeld;
import nl.trajectorytracker.api.events.RelevantDevelopmentNoted;
import nl.trajectorytracker.api.events.SocietalValueRecorded;
import nl.trajectorytracker.api.events.StakeholderAdded;
import nl.trajectorytracker.api.events.StakeholderUpdateSent;
import nl.trajectorytracker.api.events.StakeholderUpdated;
import nl.trajectorytracker.api.events.StandardAgreementDeviationRecorded;
import nl.trajectorytracker.api.events.StrategicGoalRevised;
import nl.trajectorytracker.api.events.StrategicGoalSet;
import nl.trajectorytracker.api.events.SuccessOrLessonCommunicated;
import nl.trajectorytracker.api.events.SupportBaseActionRecorded;
import nl.trajectorytracker.api.events.TeamMemberAssigned;
import nl.trajectorytracker.api.events.TrustAssessed;
import nl.trajectorytracker.api.events.WinWinWinOptionRecorded;
import nl.trajectorytracker.api.values.GoalKind;
import nl.trajectorytracker.api.values.NetworkPartyKind;
import nl.trajectorytracker.api.values.Terms;

/**
 * Which guiding questions of the playbook a step answers, besides decisions that name their question
 * ({@code DecisionRecorded.guidingQuestionId}). The mapping:
 *
 * <table>
 * <caption>step types and the guiding questions they answer</caption>
 * <tr><th>step</th><th>answers</th></tr>
 * <tr><td>StrategicGoalSet, StrategicGoalRevised</td><td>P1.STRATEGIC_GOALS</td></tr>
 * <tr><td>InternalInterestRecorded</td><td>P1.INTERNAL_INTERESTS</td></tr>
 * <tr><td>RelevantDevelopmentNoted</td><td>P1.RELEVANT_DEVELOPMENTS</td></tr>
 * <tr><td>StakeholderAdded, StakeholderUpdated</td><td>P1.STAKEHOLDERS</td></tr>
 * <tr><td>PreviousAgreementAssessed</td><td>P1.PREVIOUS_AGREEMENTS_SERVE_GOALS, P1.CONTRACTING_QUESTION</td></tr>
 * <tr><td>BatnaDefined, BatnaRevised</td><td>P1.BATNA</td></tr>
 * <tr><td>PlanningSet</td><td>P1.PLANNING</td></tr>
 * <tr><td>PartnerPositionAssessed</td><td>P1.PARTNER_POSITION</td></tr>
 * <tr><td>TeamMemberAssigned</td><td>P1.TEAM</td></tr>
 * <tr><td>SupportBaseActionRecorded</td><td>P1.SUPPORT_BASE</td></tr>
 * <tr><td>CounterpartyGoalsRecorded</td><td>P2.COUNTERPARTY_GOALS</td></tr>
 * <tr><td>JointAmbitionRecorded, RelationshipAimSet</td><td>P2.RELATIONSHIP_AIM</td></tr>
 * <tr><td>CurrentRelationshipAssessed, TrustAssessed</td><td>P2.CURRENT_RELATIONSHIP</td></tr>
 * <tr><td>GoalAgreed</td><td>P2.GOAL_KINDS; P2.CONTEXT_GOALS with a context source; P2.DIRECTIONAL_GOALS when
 * directional</td></tr>
 * <tr><td>InterestShared</td><td>P2.INTERESTS</td></tr>
 * <tr><td>WinWinWinOptionRecorded</td><td>P2.WIN_WIN_WIN</td></tr>
 * <tr><td>LossSharingPrincipleAgreed</td><td>P2.LOSS_SHARING</td></tr>
 * <tr><td>SocietalValueRecorded</td><td>P2.SOCIETAL_GAINS when the value does not land with the negotiating
 * parties, else P2.INTERESTS</td></tr>
 * <tr><td>JointFactEstablished</td><td>P2.DATA_NEEDED, P2.SHARED_DATA</td></tr>
 * <tr><td>ProcessAgreementMade</td><td>P2.PROCESS_AGREEMENTS; P2.RULES_OF_CONDUCT and P2.ESCALATION_GO_NO_GO when
 * given</td></tr>
 * <tr><td>GoNoGoDecided</td><td>P2.ESCALATION_GO_NO_GO</td></tr>
 * <tr><td>LegalObstacleRaised, LegalObstacleResolved</td><td>P2.LEGAL_OBSTACLES</td></tr>
 * <tr><td>NetworkPartyInvolved</td><td>P2.EXTERNAL_PARTIES; P2.OTHER_FINANCIERS and P2.FINANCIER_ALIGNMENT for an
 * insurer, care office or municipality</td></tr>
 * <tr><td>ProposalMade, ProposalCountered, AgreementSigned</td><td>P3.CONTRACT_MODELS, P3.DURATION;
 * P3.GAIN_SHARING and P3.LOSS_SHARING when the terms share gains or losses</td></tr>
 * <tr><td>AgreementSigned</td><td>also P3.CLEAR_AGREEMENTS</td></tr>
 * <tr><td>DeadlockEscalated, DeadlockResolved</td><td>P3.DEADLOCKS</td></tr>
 * <tr><td>MonitoringIndicatorDefined</td><td>P3.SMART_MONITORING, P3.MONITORING_AGREEMENTS</td></tr>
 * <tr><td>EvaluationMomentScheduled</td><td>P3.WHEN_TO_EVALUATE, P3.INTERIM_EVALUATIONS</td></tr>
 * <tr><td>StandardAgreementDeviationRecorded</td><td>P3.STANDARD_AGREEMENT</td></tr>
 * <tr><td>IncentiveChangeAgreed</td><td>P3.FUNDING_CHANGES, P3.DEVIATE_FROM_FUNDING</td></tr>
 * <tr><td>RelationshipCheckInHeld</td><td>P4.RELATIONSHIP_MAINTENANCE</td></tr>
 * <tr><td>StakeholderUpdateSent</td><td>P4.STAKEHOLDERS_ENGAGED</td></tr>
 * <tr><td>SuccessOrLessonCommunicated</td><td>P4.TELL_THE_WORLD</td></tr>
 * <tr><td>InterimEvaluationHeld, ContractAmended</td><td>P3.INTERIM_WINDFALLS when an adjustment is needed or the
 * contract is amended</td></tr>
 * <tr><td>FinalEvaluationHeld</td><td>P5.EVALUATION_FORMS; P5.WHAT_GOES_WRONG when it records lessons</td></tr>
 * <tr><td>FollowUpTrajectoryStarted</td><td>P5.STAY_SUCCESSFUL</td></tr>
 * </table>
 *
 * Questions that the trajectory's playbook version does not ask are ignored.
 */
public final class GuidingQuestionAnswers {

    private static final Map<Class<?>, List<String>> FIXED = Map.ofEntries(
            Map.entry(StrategicGoalSet.class, List.of("P1.STRATEGIC_GOALS")),
            Map.entry(StrategicGoalRevised.class, List.of("P1.STRATEGIC_GOALS")),
            Map.entry(InternalInterestRecorded.class, List.of("P1.INTERNAL_INTERESTS")),
            Map.entry(RelevantDevelopmentNoted.class, List.of("P1.RELEVANT_DEVELOPMENTS")),
            Map.entry(StakeholderAdded.class, List.of("P1.STAKEHOLDERS")),
            Map.entry(StakeholderUpdated.class, List.of("P1.STAKEHOLDERS")),
            Map.entry(PreviousAgreementAssessed.class,
                    List.of("P1.PREVIOUS_AGREEMENTS_SERVE_GOALS", "P1.CONTRACTING_QUESTION")),
            Map.entry(BatnaDefined.class, List.of("P1.BATNA")),
            Map.entry(BatnaRevised.class, List.of("P1.BATNA")),
            Map.entry(PlanningSet.class, List.of("P1.PLANNING")),
            Map.entry(PartnerPositionAssessed.class, List.of("P1.PARTNER_POSITION")),
            Map.entry(TeamMemberAssigned.class, List.of("P1.TEAM")),
            Map.entry(SupportBaseActionRecorded.class, List.of("P1.SUPPORT_BASE")),
            Map.entry(CounterpartyGoalsRecorded.class, List.of("P2.COUNTERPARTY_GOALS")),
            Map.entry(JointAmbitionRecorded.class, List.of("P2.RELATIONSHIP_AIM")),
            Map.entry(RelationshipAimSet.class, List.of("P2.RELATIONSHIP_AIM")),
            Map.entry(CurrentRelationshipAssessed.class, List.of("P2.CURRENT_RELATIONSHIP")),
            Map.entry(TrustAssessed.class, List.of("P2.CURRENT_RELATIONSHIP")),
            Map.entry(InterestShared.class, List.of("P2.INTERESTS")),
            Map.entry(WinWinWinOptionRecorded.class, List.of("P2.WIN_WIN_WIN")),
            Map.entry(LossSharingPrincipleAgreed.class, List.of("P2.LOSS_SHARING")),
            Map.entry(JointFactEstablished.class, List.of("P2.DATA_NEEDED", "P2.SHARED_DATA")),
            Map.entry(GoNoGoDecided.class, List.of("P2.ESCALATION_GO_NO_GO")),
            Map.entry(LegalObstacleRaised.class, List.of("P2.LEGAL_OBSTACLES")),
            Map.entry(LegalObstacleResolved.class, List.of("P2.LEGAL_OBSTACLES")),
            Map.entry(DeadlockEscalated.class, List.of("P3.DEADLOCKS")),
            Map.entry(DeadlockResolved.class, List.of("P3.DEADLOCKS")),
            Map.entry(MonitoringIndicatorDefined.class, List.of("P3.SMART_MONITORING", "P3.MONITORING_AGREEMENTS")),
            Map.entry(EvaluationMomentScheduled.class, List.of("P3.WHEN_TO_EVALUATE", "P3.INTERIM_EVALUATIONS")),
            Map.entry(StandardAgreementDeviationRecorded.class, List.of("P3.STANDARD_AGREEMENT")),
            Map.entry(IncentiveChangeAgreed.class, List.of("P3.FUNDING_CHANGES", "P3.DEVIATE_FROM_FUNDING")),
            Map.entry(RelationshipCheckInHeld.class, List.of("P4.RELATIONSHIP_MAINTENANCE")),
            Map.entry(StakeholderUpdateSent.class, List.of("P4.STAKEHOLDERS_ENGAGED")),
            Map.entry(SuccessOrLessonCommunicated.class, List.of("P4.TELL_THE_WORLD")),
            Map.entry(ContractAmended.class, List.of("P3.INTERIM_WINDFALLS")),
            Map.entry(FollowUpTrajectoryStarted.class, List.of("P5.STAY_SUCCESSFUL")));

    private GuidingQuestionAnswers() {
    }

    /** The guiding-question ids the given step answers (before filtering by the playbook version). */
    public static List<String> answeredBy(Object event) {
        List<String> ids = new ArrayList<>(FIXED.getOrDefault(event.getClass(), List.of()));
        if (event instanceof GoalAgreed goal) {
            ids.add("P2.GOAL_KINDS");
            if (goal.contextSource() != null) {
                ids.add("P2.CONTEXT_GOALS");
            }
            if (goal.kind() == GoalKind.DIRECTIONAL) {
                ids.add("P2.DIRECTIONAL_GOALS");
            }
        } else if (event instanceof SocietalValueRecorded value) {
            ids.add(value.landsWithNegotiatingParties() ? "P2.INTERESTS" : "P2.SOCIETAL_GAINS");
        } else if (event instanceof ProcessAgreementMade agreement) {
            ids.add("P2.PROCESS_AGREEMENTS");
            if (!agreement.rulesOfConduct().isEmpty()) {
                ids.add("P2.RULES_OF_CONDUCT");
            }
            if (!agreement.escalationLevels().isEmpty() || !agreement.goNoGoMoments().isEmpty()) {
                ids.add("P2.ESCALATION_GO_NO_GO");
            }
        } else if (event instanceof NetworkPartyInvolved party) {
            ids.add("P2.EXTERNAL_PARTIES");
            if (party.kind() == NetworkPartyKind.OTHER_INSURER || party.kind() == NetworkPartyKind.CARE_OFFICE
                    || party.kind() == NetworkPartyKind.MUNICIPALITY) {
                ids.add("P2.OTHER_FINANCIERS");
                ids.add("P2.FINANCIER_ALIGNMENT");
            }
        } else if (event instanceof ProposalMade proposal) {
            terms(proposal.terms(), ids);
        } else if (event instanceof ProposalCountered counter) {
            terms(counter.terms(), ids);
        } else if (event instanceof AgreementSigned signed) {
            terms(signed.terms(), ids);
            ids.add("P3.CLEAR_AGREEMENTS");
        } else if (event instanceof InterimEvaluationHeld evaluation && evaluation.adjustmentNeeded()) {
            ids.add("P3.INTERIM_WINDFALLS");
        } else if (event instanceof FinalEvaluationHeld evaluation) {
            ids.add("P5.EVALUATION_FORMS");
            if (!evaluation.lessons().isEmpty()) {
                ids.add("P5.WHAT_GOES_WRONG");
            }
        }
        return ids;
    }

    private static void terms(Terms terms, List<String> ids) {
        ids.add("P3.CONTRACT_MODELS");
        ids.add("P3.DURATION");
        if (terms != null && terms.gainSharing() != null) {
            ids.add("P3.GAIN_SHARING");
        }
        if (terms != null && terms.lossSharing() != null) {
            ids.add("P3.LOSS_SHARING");
        }
    }
}
