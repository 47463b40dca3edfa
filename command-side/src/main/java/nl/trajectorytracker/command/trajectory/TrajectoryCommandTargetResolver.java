package nl.trajectorytracker.command.trajectory;

import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.modelling.command.CommandTargetResolver;
import org.axonframework.modelling.command.VersionedAggregateIdentifier;

import nl.trajectorytracker.api.commands.TrajectoryCommand;

/** The trajectory a command is for, and the version it expects, as the command itself says. */
final class TrajectoryCommandTargetResolver implements CommandTargetResolver {

    @Override
    public VersionedAggregateIdentifier resolveTarget(CommandMessage<?> command) {
        if (!(command.getPayload() instanceof TrajectoryCommand trajectoryCommand)) {
            throw new IllegalArgumentException(command.getPayloadType().getSimpleName()
                    + " is not a command to a trajectory");
        }
        return new VersionedAggregateIdentifier(trajectoryCommand.trajectoryId().value(),
                trajectoryCommand.expectedVersion());
    }
}
