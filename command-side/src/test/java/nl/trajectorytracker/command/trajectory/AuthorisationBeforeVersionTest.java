package nl.trajectorytracker.command.trajectory;

import static nl.trajectorytracker.command.trajectory.StepCatalogue.ID;
import static nl.trajectorytracker.command.trajectory.StepCatalogue.NEGOTIATOR;
import static nl.trajectorytracker.command.trajectory.StepCatalogue.NOW;
import static nl.trajectorytracker.command.trajectory.StepCatalogue.OUTSIDER;
import static nl.trajectorytracker.command.trajectory.TrajectoryFixtures.fixture;
import static nl.trajectorytracker.command.trajectory.TrajectoryFixtures.inPhase;
import static nl.trajectorytracker.command.trajectory.TrajectoryFixtures.plus;

import java.util.List;

import org.axonframework.modelling.command.ConflictingAggregateVersionException;
import org.hamcrest.Description;
import org.hamcrest.Matcher;
import org.hamcrest.TypeSafeMatcher;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import nl.trajectorytracker.api.commands.AddNote;
import nl.trajectorytracker.api.events.NoteAdded;
import nl.trajectorytracker.api.values.ErrorCode;
import nl.trajectorytracker.api.values.Phase;

/**
 * Who may see a trajectory is decided before its version: an actor of another organisation gets "not found" whatever
 * version it expects, and only a party's actor learns that its expected version is stale, and what the current one
 * is.
 */
class AuthorisationBeforeVersionTest {

    /** A trajectory at version 2. */
    private static final List<Object> HISTORY = plus(inPhase(Phase.INTERNAL_PREPARATION),
            new NoteAdded(ID, "First", Phase.INTERNAL_PREPARATION, NEGOTIATOR, NOW),
            new NoteAdded(ID, "Second", Phase.INTERNAL_PREPARATION, NEGOTIATOR, NOW));

    @ParameterizedTest(name = "expecting version {0}")
    @ValueSource(longs = {0, 1, 2, 3, 999})
    void anActorOfAnotherOrganisation_isToldNotFound_whateverVersionItExpects(long expected) {
        fixture().given(HISTORY)
                .when(new AddNote(ID, "Probe", OUTSIDER, NOW, expected))
                .expectException(Refusal.refusedWith(ErrorCode.TRAJECTORY_NOT_FOUND))
                .expectExceptionMessage("No trajectory with id " + ID)
                .expectNoEvents();
    }

    @ParameterizedTest(name = "expecting version {0}")
    @ValueSource(longs = {0, 1, 3, 999})
    void aParty_expectingAnotherVersion_isToldTheCurrentOne(long expected) {
        fixture().given(HISTORY)
                .when(new AddNote(ID, "Stale", NEGOTIATOR, NOW, expected))
                .expectException(staleAt(expected, 2))
                .expectNoEvents();
    }

    @ParameterizedTest(name = "expecting version {0}")
    @ValueSource(longs = {2})
    void aParty_expectingTheCurrentVersion_recordsTheStep(long expected) {
        fixture().given(HISTORY)
                .when(new AddNote(ID, "Current", NEGOTIATOR, NOW, expected))
                .expectEvents(new NoteAdded(ID, "Current", Phase.INTERNAL_PREPARATION, NEGOTIATOR, NOW))
                .expectResultMessagePayload(3L);
    }

    private static Matcher<ConflictingAggregateVersionException> staleAt(long expected, long actual) {
        return new TypeSafeMatcher<>() {
            @Override
            protected boolean matchesSafely(ConflictingAggregateVersionException e) {
                return e.getExpectedVersion() == expected && e.getActualVersion() == actual;
            }

            @Override
            public void describeTo(Description description) {
                description.appendText("a stale version " + expected + " against the current " + actual);
            }
        };
    }
}
