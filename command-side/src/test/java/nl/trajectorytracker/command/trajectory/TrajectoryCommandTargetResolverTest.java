package nl.trajectorytracker.command.trajectory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;

import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.modelling.command.VersionedAggregateIdentifier;
import org.junit.jupiter.api.Test;

import nl.trajectorytracker.api.commands.AddNote;
import nl.trajectorytracker.api.values.Actor;
import nl.trajectorytracker.api.values.TrajectoryId;

class TrajectoryCommandTargetResolverTest {

    private static final TrajectoryId ID = TrajectoryId.random();
    private static final Actor ACTOR = new Actor("anna@insurer.example", "Zilveren Kruis");
    private static final Instant NOW = Instant.parse("2026-03-01T09:00:00Z");

    private final TrajectoryCommandTargetResolver resolver = new TrajectoryCommandTargetResolver();

    @Test
    void theTarget_isTheCommandsTrajectory_andLeavesTheVersionToTheTrajectory_whichChecksItAfterAuthorisation() {
        VersionedAggregateIdentifier target = resolver.resolveTarget(
                GenericCommandMessage.asCommandMessage(new AddNote(ID, "A note", ACTOR, NOW, 4L)));

        assertThat(target.getIdentifier()).isEqualTo(ID.value());
        assertThat(target.getVersion()).isNull();
    }

    @Test
    void aMessageThatIsNoTrajectoryCommand_isRefused() {
        assertThatThrownBy(() -> resolver.resolveTarget(GenericCommandMessage.asCommandMessage("hello")))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
