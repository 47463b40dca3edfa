package nl.trajectorytracker.command.trajectory;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.CreationPolicy;
import org.axonframework.modelling.command.AggregateCreationPolicy;

import nl.trajectorytracker.api.commands.StartTrajectory;
import nl.trajectorytracker.api.events.TrajectoryStarted;
import nl.trajectorytracker.api.values.DomainException;
import nl.trajectorytracker.api.values.ErrorCode;
import nl.trajectorytracker.api.values.TrajectoryId;

/** The consistency boundary of one contracting trajectory. Checks rules, then applies facts. */
class TrajectoryAggregate {

    @AggregateIdentifier
    private TrajectoryId trajectoryId;

    TrajectoryAggregate() {
        // required by Axon to rebuild the aggregate from its events
    }

    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    void handle(StartTrajectory command) {
        if (trajectoryId != null) {
            throw new DomainException(ErrorCode.TRAJECTORY_ALREADY_EXISTS,
                    "Trajectory " + command.trajectoryId() + " already exists");
        }
        apply(new TrajectoryStarted(command.trajectoryId(), command.title(), command.parties(), command.actor(),
                command.at()));
    }

    @EventSourcingHandler
    void on(TrajectoryStarted event) {
        this.trajectoryId = event.trajectoryId();
    }
}
