package nl.trajectorytracker.command.trajectory;

import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.modelling.command.CommandTargetResolver;
import org.axonframework.modelling.command.VersionedAggregateIdentifier;

import nl.trajectorytracker.api.commands.TrajectoryCommand;

/**
 * The trajectory a command is for, as the command itself says, without its expected version: the trajectory checks
 * the version itself, after it decided that the actor may see it, so that an actor of another organisation learns
 * nothing from a version check (see {@code TrajectoryAggregate#authoriseBeforeVersion}).
 */
final class TrajectoryCommandTargetResolver implements CommandTargetResolver {

    @Override
    public VersionedAggregateIdentifier resolveTarget(CommandMessage<?> command) {
        if (!(command.getPayload() instanceof TrajectoryCommand trajectoryCommand)) {
            throw new IllegalArgumentException(command.getPayloadType().getSimpleName()
                    + " is not a command to a trajectory");
        }
        return new VersionedAggregateIdentifier(trajectoryCommand.trajectoryId().value(), null);
    }
}
