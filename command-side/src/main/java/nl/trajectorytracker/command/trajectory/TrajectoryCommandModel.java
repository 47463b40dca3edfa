package nl.trajectorytracker.command.trajectory;

import org.axonframework.config.AggregateConfigurer;
import org.axonframework.eventsourcing.AggregateFactory;
import org.axonframework.eventsourcing.GenericAggregateFactory;
import org.axonframework.modelling.command.CommandTargetResolver;
import org.axonframework.modelling.command.VersionedAggregateIdentifier;

/**
 * Exposes the package-private trajectory aggregate to the application's wiring, so that the aggregate
 * itself stays free of framework stereotypes.
 */
public final class TrajectoryCommandModel {

    private TrajectoryCommandModel() {
    }

    private static final AggregateFactory<TrajectoryAggregate> FACTORY =
            new GenericAggregateFactory<>(TrajectoryAggregate.class);

    /** The aggregate's configuration; uses {@link #aggregateFactory()} so loading and snapshotting agree. */
    public static AggregateConfigurer<?> aggregate() {
        return AggregateConfigurer.defaultConfiguration(TrajectoryAggregate.class)
                .configureAggregateFactory(c -> FACTORY);
    }

    /**
     * The factory that creates empty trajectories to replay events into. The snapshotter needs it too, and it
     * only finds factories that are published as beans, so the wiring publishes this one.
     */
    public static AggregateFactory<?> aggregateFactory() {
        return FACTORY;
    }

    /**
     * The target of a command as {@code resolver} finds it, without the expected version: the trajectory checks the
     * version itself, after it decided that the actor may see it, so that an actor of another organisation learns
     * nothing from a version check (see {@code TrajectoryAggregate#authoriseBeforeVersion}).
     */
    public static CommandTargetResolver withoutExpectedVersion(CommandTargetResolver resolver) {
        return command -> new VersionedAggregateIdentifier(resolver.resolveTarget(command).getIdentifierValue(),
                null);
    }

    public static Class<?> aggregateType() {
        return TrajectoryAggregate.class;
    }
}
