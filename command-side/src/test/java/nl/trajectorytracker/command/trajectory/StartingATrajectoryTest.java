package nl.trajectorytracker.command.trajectory;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.List;

import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import nl.trajectorytracker.api.commands.StartTrajectory;
import nl.trajectorytracker.api.events.TrajectoryStarted;
import nl.trajectorytracker.api.values.Actor;
import nl.trajectorytracker.api.values.DomainException;
import nl.trajectorytracker.api.values.ErrorCode;
import nl.trajectorytracker.api.values.InvalidValueException;
import nl.trajectorytracker.api.values.Party;
import nl.trajectorytracker.api.values.PartyType;
import nl.trajectorytracker.api.values.TrajectoryId;

class StartingATrajectoryTest {

    private static final TrajectoryId ID = new TrajectoryId("7f0c8a52-5d0e-4a6b-9c1e-2f3a4b5c6d7e");
    private static final Instant NOW = Instant.parse("2026-03-01T09:00:00Z");
    private static final Actor NEGOTIATOR = new Actor("anna@insurer.example", "Zilveren Kruis");
    private static final List<Party> PARTIES = List.of(new Party("Zilveren Kruis", PartyType.INSURER),
            new Party("Ziekenhuis Amstelland", PartyType.CARE_PROVIDER));

    private AggregateTestFixture<TrajectoryAggregate> fixture;

    @BeforeEach
    void setUp() {
        fixture = TrajectoryFixtures.fixture();
    }

    @Test
    void starting_recordsTheTitlePartiesActorAndTime() {
        fixture.givenNoPriorActivity()
                .when(new StartTrajectory(ID, "Towards a five-year agreement", PARTIES, NEGOTIATOR, NOW))
                .expectSuccessfulHandlerExecution()
                .expectEvents(new TrajectoryStarted(ID, "Towards a five-year agreement", PARTIES, NEGOTIATOR, NOW));
    }

    @Test
    void starting_isRefused_whenTheTrajectoryExistsAlready() {
        fixture.given(new TrajectoryStarted(ID, "First", PARTIES, NEGOTIATOR, NOW))
                .when(new StartTrajectory(ID, "Second", PARTIES, NEGOTIATOR, NOW))
                .expectException(DomainException.class)
                .expectExceptionMessage("Trajectory " + ID + " already exists")
                .expectNoEvents();
    }

    @Test
    void aStartCommand_cannotBeBuilt_withoutTitleOrParties() {
        assertThatThrownBy(() -> new StartTrajectory(ID, "  ", PARTIES, NEGOTIATOR, NOW))
                .isInstanceOfSatisfying(InvalidValueException.class, e -> {
                    org.assertj.core.api.Assertions.assertThat(e.field()).isEqualTo("title");
                    org.assertj.core.api.Assertions.assertThat(e.code()).isEqualTo(ErrorCode.INVALID_VALUE);
                });
        assertThatThrownBy(() -> new StartTrajectory(ID, "A title", List.of(), NEGOTIATOR, NOW))
                .isInstanceOfSatisfying(InvalidValueException.class,
                        e -> org.assertj.core.api.Assertions.assertThat(e.field()).isEqualTo("parties"));
        assertThatThrownBy(() -> new Party("Ziekenhuis", null))
                .isInstanceOfSatisfying(InvalidValueException.class,
                        e -> org.assertj.core.api.Assertions.assertThat(e.field()).isEqualTo("type"));
    }
}
