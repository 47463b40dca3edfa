package nl.trajectorytracker.command.trajectory;

import static nl.trajectorytracker.command.trajectory.StepCatalogue.ID;
import static nl.trajectorytracker.command.trajectory.StepCatalogue.NEGOTIATOR;
import static nl.trajectorytracker.command.trajectory.StepCatalogue.NOW;
import static nl.trajectorytracker.command.trajectory.StepCatalogue.PARTIES;

import java.util.ArrayList;
import java.util.List;

import org.axonframework.test.aggregate.AggregateTestFixture;

import nl.trajectorytracker.api.events.PhaseAdvanced;
import nl.trajectorytracker.api.events.TrajectoryStarted;
import nl.trajectorytracker.api.values.Phase;

/** Shared set-up of the aggregate specifications. */
final class TrajectoryFixtures {

    private TrajectoryFixtures() {
    }

    static AggregateTestFixture<TrajectoryAggregate> fixture() {
        AggregateTestFixture<TrajectoryAggregate> fixture = new AggregateTestFixture<>(TrajectoryAggregate.class);
        fixture.registerCommandTargetResolver(new TrajectoryCommandTargetResolver());
        return fixture;
    }

    static TrajectoryStarted started() {
        return new TrajectoryStarted(ID, "Towards a five-year agreement", PARTIES, "2025.1", null, NEGOTIATOR, NOW);
    }

    /** A started trajectory that advanced, gate by gate, to the given phase. */
    static List<Object> inPhase(Phase phase) {
        List<Object> events = new ArrayList<>();
        events.add(started());
        for (Phase current = Phase.INTERNAL_PREPARATION; current != phase; current = current.next()) {
            events.add(new PhaseAdvanced(ID, current, current.next(), List.of(), null, NEGOTIATOR, NOW));
        }
        return events;
    }

    static List<Object> plus(List<Object> history, Object... more) {
        List<Object> events = new ArrayList<>(history);
        events.addAll(List.of(more));
        return events;
    }
}
