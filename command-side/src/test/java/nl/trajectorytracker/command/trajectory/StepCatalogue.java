package nl.trajectorytracker.command.trajectory;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.function.BiFunction;
import java.util.function.Function;

import nl.trajectorytracker.api.commands.AcceptProposal;
import nl.trajectorytracker.api.commands.AddNote;
import nl.trajectorytracker.api.commands.AddStakeholder;
import nl.trajectorytracker.api.commands.AgreeGoal;
import nl.trajectorytracker.api.commands.AgreeIncentiveChange;
import nl.trajectorytracker.api.commands.AgreeLossSharingPrinciple;
import nl.trajectorytracker.api.commands.AmendContract;
import nl.trajectorytracker.api.commands.AssessCurrentRelationship;
import nl.trajectorytracker.api.commands.AssessPartnerPosition;
import nl.trajectorytracker.api.commands.AssessPreviousAgreement;
import nl.trajectorytracker.api.commands.AssessTrust;
import nl.trajectorytracker.api.commands.AssignTeamMember;
import nl.trajectorytracker.api.commands.CommunicateSuccessOrLesson;
import nl.trajectorytracker.api.commands.CounterProposal;
import nl.trajectorytracker.api.commands.DecideGoNoGo;
import nl.trajectorytracker.api.commands.DefineBatna;
import nl.trajectorytracker.api.commands.DefineMonitoringIndicator;
import nl.trajectorytracker.api.commands.EscalateDeadlock;
import nl.trajectorytracker.api.commands.EstablishJointFact;
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
import nl.trajectorytracker.api.events.FinalEvaluationHeld;
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
import nl.trajectorytracker.api.events.TrustAssessed;
import nl.trajectorytracker.api.events.WinWinWinOptionRecorded;
import nl.trajectorytracker.api.values.Actor;
import nl.trajectorytracker.api.values.ContextKind;
import nl.trajectorytracker.api.values.ContextSource;
import nl.trajectorytracker.api.values.ContractModel;
import nl.trajectorytracker.api.values.GoNoGo;
import nl.trajectorytracker.api.values.GoalKind;
import nl.trajectorytracker.api.values.Influence;
import nl.trajectorytracker.api.values.LessonKind;
import nl.trajectorytracker.api.values.Milestone;
import nl.trajectorytracker.api.values.NetworkPartyKind;
import nl.trajectorytracker.api.values.Party;
import nl.trajectorytracker.api.values.PartyType;
import nl.trajectorytracker.api.values.Phase;
import nl.trajectorytracker.api.values.QuadrupleAimDimension;
import nl.trajectorytracker.api.values.SharingArrangement;
import nl.trajectorytracker.api.values.Signatory;
import nl.trajectorytracker.api.values.StakeholderScope;
import nl.trajectorytracker.api.values.Terms;
import nl.trajectorytracker.api.values.TrajectoryId;
import nl.trajectorytracker.api.values.TrustScore;

/**
 * One realistic example of every playbook step: the command a negotiator sends and the event it records, with
 * the facts it needs to have been recorded before. The insurer Zilveren Kruis and the hospital Ziekenhuis
 * Amstelland move from a one-year volume contract to a five-year shared-savings agreement.
 */
final class StepCatalogue {

    static final TrajectoryId ID = new TrajectoryId("7f0c8a52-5d0e-4a6b-9c1e-2f3a4b5c6d7e");
    static final Instant NOW = Instant.parse("2026-03-01T09:00:00Z");
    static final String INSURER = "Zilveren Kruis";
    static final String HOSPITAL = "Ziekenhuis Amstelland";
    static final Actor NEGOTIATOR = new Actor("anna@insurer.example", INSURER);
    static final Actor OUTSIDER = new Actor("bob@other-insurer.example", "Menzis");
    static final List<Party> PARTIES = List.of(new Party(INSURER, PartyType.INSURER),
            new Party(HOSPITAL, PartyType.CARE_PROVIDER));
    static final Terms TERMS = new Terms(ContractModel.SHARED_SAVINGS, 60,
            new SharingArrangement(50, null, "Savings against the 2025 baseline are shared 50/50"),
            new SharingArrangement(50, 2_000_000L, "Losses are shared 50/50, capped at EUR 2 million"),
            "Five-year shared-savings agreement for orthopaedic care");

    /**
     * A step of the playbook.
     *
     * @param phase      the phase it belongs to, {@code null} for steps of any phase
     * @param reflection whether it stays possible after the trajectory is concluded
     * @param given      what must be recorded before it
     * @param command    the command, sent by the given actor
     * @param event      the event, given the correction flag (phase steps) or the current phase (any-phase steps)
     */
    record Step(String name, Phase phase, boolean reflection, List<Object> given, Function<Actor, Object> command,
            BiFunction<Object, Actor, Object> event) {

        @Override
        public String toString() {
            return name;
        }
    }

    static final List<Step> STEPS = List.of(
        new Step("SetStrategicGoal", Phase.INTERNAL_PREPARATION, false,
                List.of(),
                actor -> new SetStrategicGoal(ID, "G1",
                        "Move from yearly volume deals to a multi-year agreement on value for patients",
                        "Waiting lists for orthopaedics grow while premiums must stay affordable",
                        actor, NOW),
                (context, actor) -> new StrategicGoalSet(ID, "G1",
                        "Move from yearly volume deals to a multi-year agreement on value for patients",
                        "Waiting lists for orthopaedics grow while premiums must stay affordable",
                        (Boolean) context, actor, NOW)),
        new Step("ReviseStrategicGoal", Phase.INTERNAL_PREPARATION, false,
                List.of(new StrategicGoalSet(ID, "G1",
                                "Move from yearly volume deals to a multi-year agreement on value for patients",
                                "Waiting lists for orthopaedics grow while premiums must stay affordable",
                                false, NEGOTIATOR, NOW)),
                actor -> new ReviseStrategicGoal(ID, "G1",
                        "A five-year regional agreement on appropriate orthopaedic care",
                        "The board asked for a horizon that matches the IZA", actor,
                        NOW),
                (context, actor) -> new StrategicGoalRevised(ID, "G1",
                        "A five-year regional agreement on appropriate orthopaedic care",
                        "The board asked for a horizon that matches the IZA",
                        (Boolean) context, actor, NOW)),
        new Step("RecordInternalInterest", Phase.INTERNAL_PREPARATION, false,
                List.of(),
                actor -> new RecordInternalInterest(ID,
                        "Predictable costs for the orthopaedic purchasing budget",
                        "Finance department", actor, NOW),
                (context, actor) -> new InternalInterestRecorded(ID,
                        "Predictable costs for the orthopaedic purchasing budget",
                        "Finance department", (Boolean) context, actor, NOW)),
        new Step("NoteRelevantDevelopment", Phase.INTERNAL_PREPARATION, false,
                List.of(),
                actor -> new NoteRelevantDevelopment(ID,
                        "The IZA asks for appropriate care and regional cooperation",
                        "Supports a multi-year regional agreement", actor, NOW),
                (context, actor) -> new RelevantDevelopmentNoted(ID,
                        "The IZA asks for appropriate care and regional cooperation",
                        "Supports a multi-year regional agreement", (Boolean) context,
                        actor, NOW)),
        new Step("AddStakeholder", Phase.INTERNAL_PREPARATION, false,
                List.of(),
                actor -> new AddStakeholder(ID, "S1", "Regional patient federation", StakeholderScope.EXTERNAL,
                        "Represents the patients on the waiting lists",
                        List.of("Shorter waiting times", "Care close to home"),
                        Influence.MEDIUM, actor, NOW),
                (context, actor) -> new StakeholderAdded(ID, "S1", "Regional patient federation",
                        StakeholderScope.EXTERNAL,
                        "Represents the patients on the waiting lists",
                        List.of("Shorter waiting times", "Care close to home"),
                        Influence.MEDIUM, (Boolean) context, actor, NOW)),
        new Step("UpdateStakeholder", Phase.INTERNAL_PREPARATION, false,
                List.of(new StakeholderAdded(ID, "S1", "Regional patient federation",
                                StakeholderScope.EXTERNAL,
                                "Represents the patients on the waiting lists",
                                List.of("Shorter waiting times", "Care close to home"),
                                Influence.MEDIUM, false, NEGOTIATOR, NOW)),
                actor -> new UpdateStakeholder(ID, "S1", "Regional patient federation",
                        StakeholderScope.EXTERNAL,
                        "Co-designs the patient outcome indicators",
                        List.of("Shorter waiting times", "Shared decision making"),
                        Influence.HIGH, actor, NOW),
                (context, actor) -> new StakeholderUpdated(ID, "S1", "Regional patient federation",
                        StakeholderScope.EXTERNAL,
                        "Co-designs the patient outcome indicators",
                        List.of("Shorter waiting times", "Shared decision making"),
                        Influence.HIGH, (Boolean) context, actor, NOW)),
        new Step("RemoveStakeholder", Phase.INTERNAL_PREPARATION, false,
                List.of(new StakeholderAdded(ID, "S1", "Regional patient federation",
                                StakeholderScope.EXTERNAL,
                                "Represents the patients on the waiting lists",
                                List.of("Shorter waiting times", "Care close to home"),
                                Influence.MEDIUM, false, NEGOTIATOR, NOW)),
                actor -> new RemoveStakeholder(ID, "S1", "Merged into the regional care network", actor, NOW),
                (context, actor) -> new StakeholderRemoved(ID, "S1", "Merged into the regional care network",
                        (Boolean) context, actor, NOW)),
        new Step("AssessPreviousAgreement", Phase.INTERNAL_PREPARATION, false,
                List.of(),
                actor -> new AssessPreviousAgreement(ID, "One-year volume contract 2025 for hospital care",
                        false,
                        "Yearly price and volume haggling leaves no room for prevention or substitution",
                        true, null, actor, NOW),
                (context, actor) -> new PreviousAgreementAssessed(ID, "One-year volume contract 2025 for hospital care",
                        false,
                        "Yearly price and volume haggling leaves no room for prevention or substitution",
                        true, null, (Boolean) context, actor, NOW)),
        new Step("DefineBatna", Phase.INTERNAL_PREPARATION, false,
                List.of(),
                actor -> new DefineBatna(ID,
                        "Contract the orthopaedic volume with two other hospitals in the region",
                        "Both have capacity and comparable outcomes", actor, NOW),
                (context, actor) -> new BatnaDefined(ID,
                        "Contract the orthopaedic volume with two other hospitals in the region",
                        "Both have capacity and comparable outcomes",
                        (Boolean) context, actor, NOW)),
        new Step("ReviseBatna", Phase.INTERNAL_PREPARATION, false,
                List.of(new BatnaDefined(ID,
                                "Contract the orthopaedic volume with two other hospitals in the region",
                                "Both have capacity and comparable outcomes",
                                false, NEGOTIATOR, NOW)),
                actor -> new ReviseBatna(ID, "A one-year volume contract at last year's prices",
                        "One of the alternative hospitals no longer has capacity",
                        actor, NOW),
                (context, actor) -> new BatnaRevised(ID, "A one-year volume contract at last year's prices",
                        "One of the alternative hospitals no longer has capacity",
                        (Boolean) context, actor, NOW)),
        new Step("SetPlanning", Phase.INTERNAL_PREPARATION, false,
                List.of(),
                actor -> new SetPlanning(ID,
                        List.of(new Milestone("Internal mandate", LocalDate.parse("2025-09-01")),
                                new Milestone("Agreement signed", LocalDate.parse("2025-12-15"))),
                        actor, NOW),
                (context, actor) -> new PlanningSet(ID,
                        List.of(new Milestone("Internal mandate", LocalDate.parse("2025-09-01")),
                                new Milestone("Agreement signed", LocalDate.parse("2025-12-15"))),
                        (Boolean) context, actor, NOW)),
        new Step("AssessPartnerPosition", Phase.INTERNAL_PREPARATION, false,
                List.of(),
                actor -> new AssessPartnerPosition(ID, "Ziekenhuis Amstelland",
                        "Wants financial certainty for investing in day care",
                        List.of("Multi-year certainty", "Room to substitute care to the GP"),
                        actor, NOW),
                (context, actor) -> new PartnerPositionAssessed(ID, "Ziekenhuis Amstelland",
                        "Wants financial certainty for investing in day care",
                        List.of("Multi-year certainty", "Room to substitute care to the GP"),
                        (Boolean) context, actor, NOW)),
        new Step("AssignTeamMember", Phase.INTERNAL_PREPARATION, false,
                List.of(),
                actor -> new AssignTeamMember(ID, "Anna de Vries", "Lead negotiator",
                        List.of("Hospital care purchasing", "Interest-based negotiation"),
                        actor, NOW),
                (context, actor) -> new TeamMemberAssigned(ID, "Anna de Vries", "Lead negotiator",
                        List.of("Hospital care purchasing", "Interest-based negotiation"),
                        (Boolean) context, actor, NOW)),
        new Step("RecordSupportBaseAction", Phase.INTERNAL_PREPARATION, false,
                List.of(),
                actor -> new RecordSupportBaseAction(ID, "Presented the five-year ambition to the board",
                        "Board of directors", actor, NOW),
                (context, actor) -> new SupportBaseActionRecorded(ID, "Presented the five-year ambition to the board",
                        "Board of directors", (Boolean) context, actor, NOW)),
        new Step("RecordJointAmbition", Phase.CO_DESIGN, false,
                List.of(),
                actor -> new RecordJointAmbition(ID,
                        "The best orthopaedic care in the region at a sustainable cost",
                        5, actor, NOW),
                (context, actor) -> new JointAmbitionRecorded(ID,
                        "The best orthopaedic care in the region at a sustainable cost",
                        5, (Boolean) context, actor, NOW)),
        new Step("RecordCounterpartyGoals", Phase.CO_DESIGN, false,
                List.of(),
                actor -> new RecordCounterpartyGoals(ID, "Ziekenhuis Amstelland",
                        List.of("Invest in a day-care centre", "Reduce staff turnover"),
                        actor, NOW),
                (context, actor) -> new CounterpartyGoalsRecorded(ID, "Ziekenhuis Amstelland",
                        List.of("Invest in a day-care centre", "Reduce staff turnover"),
                        (Boolean) context, actor, NOW)),
        new Step("SetRelationshipAim", Phase.CO_DESIGN, false,
                List.of(),
                actor -> new SetRelationshipAim(ID,
                        "Partners who solve problems together instead of fighting over price",
                        actor, NOW),
                (context, actor) -> new RelationshipAimSet(ID,
                        "Partners who solve problems together instead of fighting over price",
                        (Boolean) context, actor, NOW)),
        new Step("AssessCurrentRelationship", Phase.CO_DESIGN, false,
                List.of(),
                actor -> new AssessCurrentRelationship(ID,
                        "Correct but transactional; little trust in each other's figures",
                        false, actor, NOW),
                (context, actor) -> new CurrentRelationshipAssessed(ID,
                        "Correct but transactional; little trust in each other's figures",
                        false, (Boolean) context, actor, NOW)),
        new Step("AgreeGoal", Phase.CO_DESIGN, false,
                List.of(),
                actor -> new AgreeGoal(ID, "Q1", "Waiting time for a hip replacement below the Treeknorm",
                        QuadrupleAimDimension.QUALITY_OF_CARE, GoalKind.SMART,
                        new ContextSource(ContextKind.NATIONAL_AGREEMENT, "IZA: appropriate care"),
                        actor, NOW),
                (context, actor) -> new GoalAgreed(ID, "Q1", "Waiting time for a hip replacement below the Treeknorm",
                        QuadrupleAimDimension.QUALITY_OF_CARE, GoalKind.SMART,
                        new ContextSource(ContextKind.NATIONAL_AGREEMENT, "IZA: appropriate care"),
                        (Boolean) context, actor, NOW)),
        new Step("ShareInterest", Phase.CO_DESIGN, false,
                List.of(),
                actor -> new ShareInterest(ID, "Ziekenhuis Amstelland", "Keep the orthopaedic team complete",
                        actor, NOW),
                (context, actor) -> new InterestShared(
                        ID, "Ziekenhuis Amstelland", "Keep the orthopaedic team complete",
                        (Boolean) context, actor, NOW)),
        new Step("RecordSocietalValue", Phase.CO_DESIGN, false,
                List.of(),
                actor -> new RecordSocietalValue(ID, "Fewer sick days of patients waiting for surgery", false,
                        actor, NOW),
                (context, actor) -> new SocietalValueRecorded(ID, "Fewer sick days of patients waiting for surgery",
                        false, (Boolean) context, actor, NOW)),
        new Step("RecordWinWinWinOption", Phase.CO_DESIGN, false,
                List.of(),
                actor -> new RecordWinWinWinOption(ID, "Substitute follow-up visits to the GP",
                        List.of("Patient: care close to home", "Hospital: capacity for surgery", "Insurer: lower cost"),
                        actor, NOW),
                (context, actor) -> new WinWinWinOptionRecorded(ID, "Substitute follow-up visits to the GP",
                        List.of("Patient: care close to home", "Hospital: capacity for surgery", "Insurer: lower cost"),
                        (Boolean) context, actor, NOW)),
        new Step("AgreeLossSharingPrinciple", Phase.CO_DESIGN, false,
                List.of(),
                actor -> new AgreeLossSharingPrinciple(ID,
                        "Losses are shared in the same ratio as savings, up to a cap",
                        actor, NOW),
                (context, actor) -> new LossSharingPrincipleAgreed(ID,
                        "Losses are shared in the same ratio as savings, up to a cap",
                        (Boolean) context, actor, NOW)),
        new Step("EstablishJointFact", Phase.CO_DESIGN, false,
                List.of(),
                actor -> new EstablishJointFact(ID, "In 2025 the hospital performed 1,240 hip replacements",
                        "Vektis declaration data 2025",
                        List.of("Zilveren Kruis", "Ziekenhuis Amstelland"), actor,
                        NOW),
                (context, actor) -> new JointFactEstablished(
                        ID, "In 2025 the hospital performed 1,240 hip replacements",
                        "Vektis declaration data 2025",
                        List.of("Zilveren Kruis", "Ziekenhuis Amstelland"),
                        (Boolean) context, actor, NOW)),
        new Step("MakeProcessAgreement", Phase.CO_DESIGN, false,
                List.of(),
                actor -> new MakeProcessAgreement(ID,
                        List.of("No surprises: figures are shared before meetings",
                                "We speak about interests, not positions"),
                        List.of("Negotiators", "Directors of purchasing and finance", "Boards"),
                        List.of(new Milestone("Internal mandate", LocalDate.parse("2025-09-01")),
                                new Milestone("Agreement signed", LocalDate.parse("2025-12-15"))),
                        actor, NOW),
                (context, actor) -> new ProcessAgreementMade(ID,
                        List.of("No surprises: figures are shared before meetings",
                                "We speak about interests, not positions"),
                        List.of("Negotiators", "Directors of purchasing and finance", "Boards"),
                        List.of(new Milestone("Internal mandate", LocalDate.parse("2025-09-01")),
                                new Milestone("Agreement signed", LocalDate.parse("2025-12-15"))),
                        (Boolean) context, actor, NOW)),
        new Step("DecideGoNoGo", Phase.CO_DESIGN, false,
                List.of(),
                actor -> new DecideGoNoGo(ID, "End of co-design", GoNoGo.GO,
                        "The joint facts support a shared-savings model", actor, NOW),
                (context, actor) -> new GoNoGoDecided(ID, "End of co-design", GoNoGo.GO,
                        "The joint facts support a shared-savings model",
                        (Boolean) context, actor, NOW)),
        new Step("RaiseLegalObstacle", Phase.CO_DESIGN, false,
                List.of(),
                actor -> new RaiseLegalObstacle(ID, "L1",
                        "Competition law limits sharing price information with other insurers",
                        actor, NOW),
                (context, actor) -> new LegalObstacleRaised(ID, "L1",
                        "Competition law limits sharing price information with other insurers",
                        (Boolean) context, actor, NOW)),
        new Step("ResolveLegalObstacle", Phase.CO_DESIGN, false,
                List.of(new LegalObstacleRaised(ID, "L1",
                                "Competition law limits sharing price information with other insurers",
                                false, NEGOTIATOR, NOW)),
                actor -> new ResolveLegalObstacle(ID, "L1",
                        "Only aggregated data is shared, through an independent party",
                        actor, NOW),
                (context, actor) -> new LegalObstacleResolved(ID, "L1",
                        "Only aggregated data is shared, through an independent party",
                        (Boolean) context, actor, NOW)),
        new Step("InvolveNetworkParty", Phase.CO_DESIGN, false,
                List.of(),
                actor -> new InvolveNetworkParty(ID, "Gemeente Amstelveen", NetworkPartyKind.MUNICIPALITY,
                        "Home support after day surgery", actor, NOW),
                (context, actor) -> new NetworkPartyInvolved(ID, "Gemeente Amstelveen", NetworkPartyKind.MUNICIPALITY,
                        "Home support after day surgery", (Boolean) context, actor,
                        NOW)),
        new Step("MakeProposal", Phase.NEGOTIATION, false,
                List.of(),
                actor -> new MakeProposal(ID, "P1", "Zilveren Kruis", TERMS, actor, NOW),
                (context, actor) -> new ProposalMade(ID, "P1", "Zilveren Kruis", TERMS, (Boolean) context, actor, NOW)),
        new Step("CounterProposal", Phase.NEGOTIATION, false,
                List.of(new ProposalMade(ID, "P1", "Zilveren Kruis", TERMS, false, NEGOTIATOR, NOW)),
                actor -> new CounterProposal(ID, "P1", "P2", "Ziekenhuis Amstelland", TERMS,
                        "Five years are needed to earn back the investment in day care",
                        actor, NOW),
                (context, actor) -> new ProposalCountered(ID, "P1", "P2", "Ziekenhuis Amstelland", TERMS,
                        "Five years are needed to earn back the investment in day care",
                        (Boolean) context, actor, NOW)),
        new Step("AcceptProposal", Phase.NEGOTIATION, false,
                List.of(new ProposalMade(ID, "P1", "Ziekenhuis Amstelland", TERMS, false, NEGOTIATOR, NOW)),
                actor -> new AcceptProposal(ID, "P1", "Zilveren Kruis", actor, NOW),
                (context, actor) -> new ProposalAccepted(
                        ID, "P1", "Zilveren Kruis", (Boolean) context, actor, NOW)),
        new Step("RejectProposal", Phase.NEGOTIATION, false,
                List.of(new ProposalMade(ID, "P1", "Ziekenhuis Amstelland", TERMS, false, NEGOTIATOR, NOW)),
                actor -> new RejectProposal(ID, "P1", "Zilveren Kruis",
                        "One year is too short to earn back the investment", actor,
                        NOW),
                (context, actor) -> new ProposalRejected(ID, "P1", "Zilveren Kruis",
                        "One year is too short to earn back the investment",
                        (Boolean) context, actor, NOW)),
        new Step("EscalateDeadlock", Phase.NEGOTIATION, false,
                List.of(),
                actor -> new EscalateDeadlock(ID, "D1", "The cap on shared losses",
                        "Directors of purchasing and finance", actor, NOW),
                (context, actor) -> new DeadlockEscalated(ID, "D1", "The cap on shared losses",
                        "Directors of purchasing and finance", (Boolean) context,
                        actor, NOW)),
        new Step("ResolveDeadlock", Phase.NEGOTIATION, false,
                List.of(new DeadlockEscalated(ID, "D1", "The cap on shared losses",
                                "Directors of purchasing and finance", false,
                                NEGOTIATOR, NOW)),
                actor -> new ResolveDeadlock(ID, "D1", "Losses are capped at two percent of the budget", actor,
                        NOW),
                (context, actor) -> new DeadlockResolved(ID, "D1", "Losses are capped at two percent of the budget",
                        (Boolean) context, actor, NOW)),
        new Step("DefineMonitoringIndicator", Phase.NEGOTIATION, false,
                List.of(),
                actor -> new DefineMonitoringIndicator(ID, "I1", "Waiting time for a hip replacement in weeks",
                        GoalKind.SMART, "At most 5 weeks by the end of 2027",
                        "Hospital quality department",
                        QuadrupleAimDimension.QUALITY_OF_CARE, actor, NOW),
                (context, actor) -> new MonitoringIndicatorDefined(ID, "I1",
                        "Waiting time for a hip replacement in weeks", GoalKind.SMART,
                        "At most 5 weeks by the end of 2027",
                        "Hospital quality department",
                        QuadrupleAimDimension.QUALITY_OF_CARE, (Boolean) context,
                        actor, NOW)),
        new Step("ScheduleEvaluationMoment", Phase.NEGOTIATION, false,
                List.of(),
                actor -> new ScheduleEvaluationMoment(ID, LocalDate.parse("2027-06-30"),
                        "Interim evaluation of savings and waiting times", actor, NOW),
                (context, actor) -> new EvaluationMomentScheduled(ID, LocalDate.parse("2027-06-30"),
                        "Interim evaluation of savings and waiting times",
                        (Boolean) context, actor, NOW)),
        new Step("RecordStandardAgreementDeviation", Phase.NEGOTIATION, false,
                List.of(),
                actor -> new RecordStandardAgreementDeviation(ID, "Article 4: yearly production ceiling",
                        "Replaced by a five-year budget with shared savings",
                        "A yearly ceiling rewards volume, not value", actor, NOW),
                (context, actor) -> new StandardAgreementDeviationRecorded(ID, "Article 4: yearly production ceiling",
                        "Replaced by a five-year budget with shared savings",
                        "A yearly ceiling rewards volume, not value",
                        (Boolean) context, actor, NOW)),
        new Step("AgreeIncentiveChange", Phase.NEGOTIATION, false,
                List.of(),
                actor -> new AgreeIncentiveChange(ID, "Every extra follow-up visit is paid",
                        "Follow-up visits substituted to the GP share in the savings",
                        "Money should follow appropriate care", actor, NOW),
                (context, actor) -> new IncentiveChangeAgreed(ID, "Every extra follow-up visit is paid",
                        "Follow-up visits substituted to the GP share in the savings",
                        "Money should follow appropriate care", (Boolean) context,
                        actor, NOW)),
        new Step("SignAgreement", Phase.NEGOTIATION, false,
                List.of(),
                actor -> new SignAgreement(ID, TERMS,
                        List.of(new Signatory("Anna de Vries", "Zilveren Kruis", "Director of purchasing"),
                                new Signatory("Pieter Jansen", "Ziekenhuis Amstelland", "Chair of the board")),
                        LocalDate.parse("2026-01-01"), LocalDate.parse("2030-12-31"),
                        actor, NOW),
                (context, actor) -> new AgreementSigned(ID, TERMS,
                        List.of(new Signatory("Anna de Vries", "Zilveren Kruis", "Director of purchasing"),
                                new Signatory("Pieter Jansen", "Ziekenhuis Amstelland", "Chair of the board")),
                        LocalDate.parse("2026-01-01"), LocalDate.parse("2030-12-31"),
                        (Boolean) context, actor, NOW)),
        new Step("MeasureIndicator", Phase.RUNNING_AGREEMENT, false,
                List.of(new MonitoringIndicatorDefined(ID, "I1",
                                "Waiting time for a hip replacement in weeks",
                                GoalKind.SMART,
                                "At most 5 weeks by the end of 2027",
                                "Hospital quality department",
                                QuadrupleAimDimension.QUALITY_OF_CARE, false,
                                NEGOTIATOR, NOW)),
                actor -> new MeasureIndicator(ID, "I1", "6 weeks", LocalDate.parse("2026-12-31"),
                        "Down from 11 weeks", actor, NOW),
                (context, actor) -> new IndicatorMeasured(ID, "I1", "6 weeks", LocalDate.parse("2026-12-31"),
                        "Down from 11 weeks", (Boolean) context, actor, NOW)),
        new Step("HoldRelationshipCheckIn", Phase.RUNNING_AGREEMENT, false,
                List.of(),
                actor -> new HoldRelationshipCheckIn(ID, List.of("Anna de Vries", "Pieter Jansen"),
                        "Quarterly coffee: both feel heard, the data exchange must speed up",
                        actor, NOW),
                (context, actor) -> new RelationshipCheckInHeld(ID, List.of("Anna de Vries", "Pieter Jansen"),
                        "Quarterly coffee: both feel heard, the data exchange must speed up",
                        (Boolean) context, actor, NOW)),
        new Step("SendStakeholderUpdate", Phase.RUNNING_AGREEMENT, false,
                List.of(),
                actor -> new SendStakeholderUpdate(ID, "Regional patient federation",
                        "Waiting times are falling; day care opened in March", actor,
                        NOW),
                (context, actor) -> new StakeholderUpdateSent(ID, "Regional patient federation",
                        "Waiting times are falling; day care opened in March",
                        (Boolean) context, actor, NOW)),
        new Step("CommunicateSuccessOrLesson", Phase.RUNNING_AGREEMENT, false,
                List.of(),
                actor -> new CommunicateSuccessOrLesson(ID, LessonKind.SUCCESS,
                        "Waiting time for a hip replacement halved in one year",
                        "Joint press release", actor, NOW),
                (context, actor) -> new SuccessOrLessonCommunicated(ID, LessonKind.SUCCESS,
                        "Waiting time for a hip replacement halved in one year",
                        "Joint press release", (Boolean) context, actor, NOW)),
        new Step("AmendContract", Phase.RUNNING_AGREEMENT, false,
                List.of(new AgreementSigned(ID, TERMS,
                                List.of(new Signatory("Anna de Vries", "Zilveren Kruis", "Director of purchasing"),
                                        new Signatory("Pieter Jansen", "Ziekenhuis Amstelland", "Chair of the board")),
                                LocalDate.parse("2026-01-01"),
                                LocalDate.parse("2030-12-31"), false,
                                NEGOTIATOR, NOW)),
                actor -> new AmendContract(ID, "Knee replacements added to the shared-savings scope",
                        "The approach works for hips and the teams asked for it",
                        TERMS, actor, NOW),
                (context, actor) -> new ContractAmended(ID, "Knee replacements added to the shared-savings scope",
                        "The approach works for hips and the teams asked for it",
                        TERMS, (Boolean) context, actor, NOW)),
        new Step("HoldInterimEvaluation", Phase.RUNNING_AGREEMENT, true,
                List.of(),
                actor -> new HoldInterimEvaluation(ID, "Savings on track, staff satisfaction improved", false,
                        actor, NOW),
                (context, actor) -> new InterimEvaluationHeld(
                        ID, "Savings on track, staff satisfaction improved", false,
                        (Boolean) context, actor, NOW)),
        new Step("HoldFinalEvaluation", Phase.AFTER_AGREEMENT, true,
                List.of(),
                actor -> new HoldFinalEvaluation(ID, "Joint reflection session with an external facilitator",
                        List.of("Waiting time 4 weeks", "Savings of 3.1 million euro shared 50/50"),
                        List.of("Agree on the data source before the first proposal"),
                        actor, NOW),
                (context, actor) -> new FinalEvaluationHeld(ID, "Joint reflection session with an external facilitator",
                        List.of("Waiting time 4 weeks", "Savings of 3.1 million euro shared 50/50"),
                        List.of("Agree on the data source before the first proposal"),
                        (Boolean) context, actor, NOW)),
        new Step("RecordDecision", null, false,
                List.of(),
                actor -> new RecordDecision(ID, "DEC-1", "We aim for a five-year shared-savings agreement",
                        "A one-year contract leaves no room to earn back investments in prevention",
                        List.of("Another one-year volume contract", "Bundled payment for hip replacements"),
                        List.of("Vektis declaration data 2021-2025"),
                        "P1.PREVIOUS_AGREEMENTS_SERVE_GOALS",
                        List.of("Zilveren Kruis"), actor, NOW),
                (context, actor) -> new DecisionRecorded(ID, "DEC-1", "We aim for a five-year shared-savings agreement",
                        "A one-year contract leaves no room to earn back investments in prevention",
                        List.of("Another one-year volume contract", "Bundled payment for hip replacements"),
                        List.of("Vektis declaration data 2021-2025"),
                        "P1.PREVIOUS_AGREEMENTS_SERVE_GOALS",
                        List.of("Zilveren Kruis"), (Phase) context, actor, NOW)),
        new Step("AssessTrust", null, false,
                List.of(),
                actor -> new AssessTrust(ID, "Ziekenhuis Amstelland", new TrustScore(4), new TrustScore(2),
                        "I trust my counterpart; her board still thinks in yearly budgets",
                        actor, NOW),
                (context, actor) -> new TrustAssessed(ID, "Ziekenhuis Amstelland", new TrustScore(4), new TrustScore(2),
                        "I trust my counterpart; her board still thinks in yearly budgets",
                        (Phase) context, actor, NOW)),
        new Step("RecordPitfall", null, true,
                List.of(),
                actor -> new RecordPitfall(ID, Phase.INTERNAL_PREPARATION,
                        "Underestimating how long internal alignment on the BATNA takes",
                        "planning", actor, NOW),
                (context, actor) -> new PitfallRecorded(ID, Phase.INTERNAL_PREPARATION,
                        "Underestimating how long internal alignment on the BATNA takes",
                        "planning", (Phase) context, actor, NOW)),
        new Step("RecordSuccessFactor", null, true,
                List.of(),
                actor -> new RecordSuccessFactor(ID, Phase.INTERNAL_PREPARATION,
                        "A board that backs the multi-year ambition early",
                        "support-base", actor, NOW),
                (context, actor) -> new SuccessFactorRecorded(ID, Phase.INTERNAL_PREPARATION,
                        "A board that backs the multi-year ambition early",
                        "support-base", (Phase) context, actor, NOW)),
        new Step("AddNote", null, true,
                List.of(),
                actor -> new AddNote(ID,
                        "Pieter mentioned the hospital is recruiting two orthopaedic surgeons",
                        actor, NOW),
                (context, actor) -> new NoteAdded(ID,
                        "Pieter mentioned the hospital is recruiting two orthopaedic surgeons",
                        (Phase) context, actor, NOW)));

    private StepCatalogue() {
    }
}
