package nl.trajectorytracker.command.trajectory;

import static nl.trajectorytracker.command.trajectory.Refusal.invalid;
import static nl.trajectorytracker.command.trajectory.StepCatalogue.ID;
import static nl.trajectorytracker.command.trajectory.StepCatalogue.NEGOTIATOR;
import static nl.trajectorytracker.command.trajectory.StepCatalogue.NOW;
import static nl.trajectorytracker.command.trajectory.TrajectoryFixtures.fixture;
import static nl.trajectorytracker.command.trajectory.TrajectoryFixtures.inPhase;
import static nl.trajectorytracker.command.trajectory.TrajectoryFixtures.started;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import nl.trajectorytracker.api.commands.AddNote;
import nl.trajectorytracker.api.events.NoteAdded;
import nl.trajectorytracker.api.values.InvalidValueException;
import nl.trajectorytracker.api.values.Phase;

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
}
