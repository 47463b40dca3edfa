package nl.trajectorytracker.command.trajectory;

import org.axonframework.config.AggregateConfigurer;

/**
 * Exposes the package-private trajectory aggregate to the application's wiring, so that the aggregate
 * itself stays free of framework stereotypes.
 */
public final class TrajectoryCommandModel {

    private TrajectoryCommandModel() {
    }

    public static AggregateConfigurer<?> aggregate() {
        return AggregateConfigurer.defaultConfiguration(TrajectoryAggregate.class);
    }

    public static Class<?> aggregateType() {
        return TrajectoryAggregate.class;
    }
}
