package nl.trajectorytracker.command.trajectory;

import static nl.trajectorytracker.command.trajectory.Refusal.invalid;
import static nl.trajectorytracker.command.trajectory.StepCatalogue.ID;
import static nl.trajectorytracker.command.trajectory.StepCatalogue.NEGOTIATOR;
import static nl.trajectorytracker.command.trajectory.StepCatalogue.NOW;
import static nl.trajectorytracker.command.trajectory.TrajectoryFixtures.fixture;
import static nl.trajectorytracker.command.trajectory.TrajectoryFixtures.inPhase;
import static nl.trajectorytracker.command.trajectory.TrajectoryFixtures.started;

import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;

import nl.trajectorytracker.api.commands.AddNote;
import nl.trajectorytracker.api.commands.RemoveStakeholder;
import nl.trajectorytracker.api.commands.UpdateStakeholder;
import nl.trajectorytracker.api.events.NoteAdded;
import nl.trajectorytracker.api.events.StakeholderAdded;
import nl.trajectorytracker.api.events.StakeholderRemoved;
import nl.trajectorytracker.api.values.Influence;
import nl.trajectorytracker.api.values.InvalidValueException;
import nl.trajectorytracker.api.values.Phase;
import nl.trajectorytracker.api.values.StakeholderScope;

/** When a step happened is the client's to say, within the trajectory's time (the rule of {@link StepTimePolicy}). */
class StepTimeTest {

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
}
