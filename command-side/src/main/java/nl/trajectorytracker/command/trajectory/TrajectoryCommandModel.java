package nl.trajectorytracker.command.trajectory;

import org.axonframework.config.AggregateConfigurer;
import org.axonframework.eventsourcing.AggregateFactory;
import org.axonframework.eventsourcing.GenericAggregateFactory;

/**
 * Exposes the package-private trajectory aggregate to the application's wiring, so that the aggregate
 * itself stays free of framework stereotypes.
 */
public final class TrajectoryCommandModel {

    private TrajectoryCommandModel() {
    }

    private static final AggregateFactory<TrajectoryAggregate> FACTORY =
            new GenericAggregateFactory<>(TrajectoryAggregate.class);

    /**
     * The aggregate's configuration; uses {@link #aggregateFactory()} so loading and snapshotting agree, and finds a
     * command's trajectory through {@link nl.trajectorytracker.api.commands.TrajectoryCommand}.
     */
    public static AggregateConfigurer<?> aggregate() {
        return AggregateConfigurer.defaultConfiguration(TrajectoryAggregate.class)
                .configureAggregateFactory(c -> FACTORY)
                .configureCommandTargetResolver(c -> new TrajectoryCommandTargetResolver());
    }

    /**
     * The factory that creates empty trajectories to replay events into. The snapshotter needs it too, and it
     * only finds factories that are published as beans, so the wiring publishes this one.
     */
    public static AggregateFactory<?> aggregateFactory() {
        return FACTORY;
    }


    public static Class<?> aggregateType() {
        return TrajectoryAggregate.class;
    }
}
