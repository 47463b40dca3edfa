package nl.trajectorytracker.command.trajectory;

import static nl.trajectorytracker.command.trajectory.Refusal.invalid;
import static nl.trajectorytracker.command.trajectory.StepCatalogue.HOSPITAL;
import static nl.trajectorytracker.command.trajectory.StepCatalogue.ID;
import static nl.trajectorytracker.command.trajectory.StepCatalogue.NEGOTIATOR;
import static nl.trajectorytracker.command.trajectory.StepCatalogue.NOW;
import static nl.trajectorytracker.command.trajectory.TrajectoryFixtures.fixture;
import static nl.trajectorytracker.command.trajectory.TrajectoryFixtures.inPhase;
import static nl.trajectorytracker.command.trajectory.TrajectoryFixtures.plus;
import static nl.trajectorytracker.command.trajectory.TrajectoryFixtures.started;
import static org.hamcrest.Matchers.containsString;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;

import nl.trajectorytracker.api.commands.AddNote;
import nl.trajectorytracker.api.commands.AdvancePhase;
import nl.trajectorytracker.api.commands.ConcludeTrajectory;
import nl.trajectorytracker.api.commands.HoldInterimEvaluation;
import nl.trajectorytracker.api.commands.MakeProposal;
import nl.trajectorytracker.api.commands.RecordDecision;
import nl.trajectorytracker.api.commands.RecordJointAmbition;
import nl.trajectorytracker.api.commands.RecordPitfall;
import nl.trajectorytracker.api.commands.RemoveStakeholder;
import nl.trajectorytracker.api.commands.UpdateStakeholder;
import nl.trajectorytracker.api.events.InterimEvaluationHeld;
import nl.trajectorytracker.api.events.InternalInterestRecorded;
import nl.trajectorytracker.api.events.JointAmbitionRecorded;
import nl.trajectorytracker.api.events.NoteAdded;
import nl.trajectorytracker.api.events.PhaseAdvanced;
import nl.trajectorytracker.api.events.ProposalMade;
import nl.trajectorytracker.api.events.StakeholderAdded;
import nl.trajectorytracker.api.events.StakeholderRemoved;
import nl.trajectorytracker.api.events.StrategicGoalSet;
import nl.trajectorytracker.api.events.TrajectoryConcluded;
import nl.trajectorytracker.api.values.Influence;
import nl.trajectorytracker.api.values.InvalidValueException;
import nl.trajectorytracker.api.values.Outcome;
import nl.trajectorytracker.api.values.Phase;
import nl.trajectorytracker.api.values.StakeholderScope;

/**
 * When a step happened is the client's to say, within the trajectory's time (the rule of {@link StepTimePolicy}):
 * readers fold the steps in the order they happened, and the playbook's rules must hold in that order too.
 */
class StepTimeTest {

    private static Instant day(int n) {
        return NOW.plus(Duration.ofDays(n));
    }

    private static PhaseAdvanced advanced(Phase from, Phase to, Instant at) {
        return new PhaseAdvanced(ID, from, to, List.of(), null, NEGOTIATOR, at);
    }

    /** Started at {@link StepCatalogue#NOW}, in co-design from day 30 and in negotiation from day 60. */
    private static List<Object> negotiatingFromDay60() {
        return List.of(started(), advanced(Phase.INTERNAL_PREPARATION, Phase.CO_DESIGN, day(30)),
                advanced(Phase.CO_DESIGN, Phase.NEGOTIATION, day(60)));
    }

    @Test
    void aStep_happenedBeforeTheTrajectoryStarted_isRefused_namingOccurredAt() {
        fixture().given(started())
                .when(new AddNote(ID, "We met before we started", NEGOTIATOR, NOW.minusSeconds(1)))
                .expectException(InvalidValueException.class)
                .expectException(invalid("occurredAt"))
                .expectNoEvents();
    }

    @Test
    void aStep_atTheMomentTheTrajectoryStarted_isRecorded() {
        fixture().given(started())
                .when(new AddNote(ID, "Kick-off", NEGOTIATOR, NOW))
                .expectEvents(new NoteAdded(ID, "Kick-off", Phase.INTERNAL_PREPARATION, NEGOTIATOR, NOW));
    }

    /**
     * A note logged in negotiation about a day in co-design was filed under negotiation: readers, folding by day,
     * showed it in a phase the trajectory was not in yet. It is filed under the phase of its day.
     */
    @Test
    void aNoteLoggedLateAboutAnEarlierPhasesDay_isFiledUnderThatPhase() {
        fixture().given(negotiatingFromDay60().toArray())
                .when(new AddNote(ID, "Remembered from co-design", NEGOTIATOR, day(45)))
                .expectEvents(new NoteAdded(ID, "Remembered from co-design", Phase.CO_DESIGN, NEGOTIATOR, day(45)));
        fixture().given(negotiatingFromDay60().toArray())
                .when(new AddNote(ID, "On the day of the advance", NEGOTIATOR, day(60)))
                .expectEvents(new NoteAdded(ID, "On the day of the advance", Phase.NEGOTIATION, NEGOTIATOR, day(60)));
    }

    @Test
    void aStep_thatHappenedBeforeTheLastOne_isRecorded_asItHappened() {
        var later = NOW.plus(Duration.ofDays(30));
        var earlier = NOW.plus(Duration.ofDays(10));
        fixture().given(inPhase(Phase.CO_DESIGN).toArray())
                .andGiven(new NoteAdded(ID, "Logged on time", Phase.CO_DESIGN, NEGOTIATOR, later))
                .when(new AddNote(ID, "Forgotten, logged late", NEGOTIATOR, earlier))
                .expectEvents(new NoteAdded(ID, "Forgotten, logged late", Phase.CO_DESIGN, NEGOTIATOR, earlier));
    }

    /**
     * An update dated before its stakeholder was added: accepted, it changed nothing in the phases (rebuilt in the
     * order steps happened, it came before the stakeholder), and was lost from the state, the report and the diff.
     */
    @Test
    void aStepOnAStakeholder_happenedBeforeTheStakeholderWasAdded_isRefused_namingOccurredAt() {
        var added = NOW.plus(Duration.ofDays(30));
        fixture().given(started())
                .andGiven(new StakeholderAdded(ID, "S1", "Patient federation", StakeholderScope.EXTERNAL, "Patients",
                        List.of(), Influence.MEDIUM, false, NEGOTIATOR, added))
                .when(new UpdateStakeholder(ID, "S1", "Patient federation", StakeholderScope.EXTERNAL, "Patients",
                        List.of("Shorter waiting times"), Influence.HIGH, NEGOTIATOR, added.minus(Duration.ofDays(1))))
                .expectException(invalid("occurredAt"))
                .expectNoEvents();
    }

    @Test
    void aStepOnAStakeholder_atOrAfterItWasAdded_isRecorded() {
        var added = NOW.plus(Duration.ofDays(30));
        fixture().given(started())
                .andGiven(new StakeholderAdded(ID, "S1", "Patient federation", StakeholderScope.EXTERNAL, "Patients",
                        List.of(), Influence.MEDIUM, false, NEGOTIATOR, added))
                .when(new RemoveStakeholder(ID, "S1", "Merged", NEGOTIATOR, added))
                .expectEvents(new StakeholderRemoved(ID, "S1", "Merged", false, NEGOTIATOR, added));
    }

    /** Folded by date, the trajectory would skip co-design and enter it again later: two phases current. */
    @Test
    void anAdvance_happenedBeforeTheCurrentPhaseWasEntered_isRefused_namingOccurredAt() {
        fixture().given(started(), advanced(Phase.INTERNAL_PREPARATION, Phase.CO_DESIGN, day(90)))
                .when(new AdvancePhase(ID, Phase.NEGOTIATION, "Dated back", NEGOTIATOR, day(60)))
                .expectException(invalid("occurredAt"))
                .expectExceptionMessage(containsString("entered phase 2 (CO_DESIGN), at " + day(90)))
                .expectNoEvents();
    }

    @Test
    void anAdvance_atTheMomentTheCurrentPhaseWasEntered_isRecorded() {
        fixture().given(started(), advanced(Phase.INTERNAL_PREPARATION, Phase.CO_DESIGN, day(90)))
                .when(new AdvancePhase(ID, Phase.NEGOTIATION, "Straight on", NEGOTIATOR, day(90)))
                .expectSuccessfulHandlerExecution();
    }

    /** Folded by date, a co-design step would happen while the trajectory was still in its internal preparation. */
    @Test
    void aStepOfAPhase_happenedBeforeTheTrajectoryEnteredThatPhase_isRefused_namingOccurredAt() {
        fixture().given(negotiatingFromDay60())
                .when(new RecordJointAmbition(ID, "The best care in the region", 5, NEGOTIATOR, day(29)))
                .expectException(invalid("occurredAt"))
                .expectExceptionMessage(containsString("entered phase 2 (CO_DESIGN), at " + day(30)))
                .expectNoEvents();
    }

    @Test
    void aDecision_answeringAQuestionOfAPhase_happenedBeforeThatPhase_isRefused_namingOccurredAt() {
        fixture().given(negotiatingFromDay60())
                .when(new RecordDecision(ID, "DEC-1", "Shared savings", "Room for prevention", List.of(), List.of(),
                        "P3.INTERIM_WINDFALLS", List.of(HOSPITAL), NEGOTIATOR, day(59)))
                .expectException(invalid("occurredAt"))
                .expectNoEvents();
    }

    @Test
    void aReflectionAboutAPhase_happenedBeforeThatPhase_isRefused_namingOccurredAt() {
        fixture().given(negotiatingFromDay60())
                .when(new RecordPitfall(ID, Phase.NEGOTIATION, "Too many proposals", "process", NEGOTIATOR, day(59)))
                .expectException(invalid("occurredAt"))
                .expectNoEvents();
    }

    /** An interim evaluation of a trajectory stopped in its preparation is allowed by the conclusion only. */
    @Test
    void aReflection_allowedOnlyByTheConclusion_happenedBeforeIt_isRefused_namingOccurredAt() {
        fixture().given(started(), new TrajectoryConcluded(ID, Outcome.ABANDONED, "Stopped",
                        Phase.INTERNAL_PREPARATION, NEGOTIATOR, day(30)))
                .when(new HoldInterimEvaluation(ID, "Why we stopped", false, NEGOTIATOR, day(29)))
                .expectException(invalid("occurredAt"))
                .expectNoEvents();
    }

    /** Folded by date, the concluded trajectory would still gain a goal, which a conclusion forbids. */
    @Test
    void aConclusion_happenedBeforeTheLatestStep_isRefused_namingOccurredAt() {
        fixture().given(started(), new StrategicGoalSet(ID, "G1", "A five-year agreement", null, false, NEGOTIATOR,
                        day(60)))
                .when(new ConcludeTrajectory(ID, Outcome.ABANDONED, "Stopped", NEGOTIATOR, day(30)))
                .expectException(invalid("occurredAt"))
                .expectExceptionMessage(containsString("which happened at " + day(60)))
                .expectNoEvents();
    }

    /** The latest step counts whether or not the aggregate keeps anything of it. */
    @Test
    void aConclusion_happenedBeforeAStepTheAggregateKeepsNothingOf_isRefused_namingOccurredAt() {
        fixture().given(started(), new InternalInterestRecorded(ID, "Predictable costs", "Finance", false,
                        NEGOTIATOR, day(60)))
                .when(new ConcludeTrajectory(ID, Outcome.ABANDONED, "Stopped", NEGOTIATOR, day(30)))
                .expectException(invalid("occurredAt"))
                .expectNoEvents();
    }

    /** A concluded trajectory still takes notes, so a note dated after the conclusion contradicts nothing. */
    @Test
    void aConclusion_happenedBeforeTheLatestNote_isRecorded() {
        fixture().given(started(), new NoteAdded(ID, "Lessons, written up later", Phase.INTERNAL_PREPARATION,
                        NEGOTIATOR, day(60)))
                .when(new ConcludeTrajectory(ID, Outcome.ABANDONED, "Stopped", NEGOTIATOR, day(30)))
                .expectEvents(new TrajectoryConcluded(ID, Outcome.ABANDONED, "Stopped", Phase.INTERNAL_PREPARATION,
                        NEGOTIATOR, day(30)));
    }

    /**
     * History logged late and out of order stays welcome, as long as every step happened in a phase that allowed
     * it: a co-design step dated within co-design, recorded during the negotiation, is a correction of co-design.
     */
    @Test
    void stepsLoggedLate_aboutEarlierMomentsWithinTheirPhase_areRecorded() {
        fixture().given(plus(negotiatingFromDay60(),
                        new ProposalMade(ID, "P1", HOSPITAL, StepCatalogue.TERMS, false, NEGOTIATOR, day(80))))
                .when(new RecordJointAmbition(ID, "The best care in the region", 5, NEGOTIATOR, day(30)))
                .expectEvents(new JointAmbitionRecorded(ID, "The best care in the region", 5, true, NEGOTIATOR,
                        day(30)));
        fixture().given(plus(negotiatingFromDay60(),
                        new ProposalMade(ID, "P1", HOSPITAL, StepCatalogue.TERMS, false, NEGOTIATOR, day(80))))
                .when(new MakeProposal(ID, "P2", HOSPITAL, StepCatalogue.TERMS, NEGOTIATOR, day(70)))
                .expectEvents(new ProposalMade(ID, "P2", HOSPITAL, StepCatalogue.TERMS, false, NEGOTIATOR, day(70)));
    }

    @Test
    void aReflection_allowedOnlyByTheConclusion_atOrAfterIt_isRecorded() {
        fixture().given(started(), new TrajectoryConcluded(ID, Outcome.ABANDONED, "Stopped",
                        Phase.INTERNAL_PREPARATION, NEGOTIATOR, day(30)))
                .when(new HoldInterimEvaluation(ID, "Why we stopped", false, NEGOTIATOR, day(30)))
                .expectEvents(new InterimEvaluationHeld(ID, "Why we stopped", false, false, NEGOTIATOR, day(30)));
    }
}
