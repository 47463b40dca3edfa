package nl.trajectorytracker.infra.axon;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.List;

import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.modelling.command.AnnotationCommandTargetResolver;
import org.axonframework.modelling.command.CommandTargetResolver;
import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.axonframework.modelling.command.TargetAggregateVersion;
import org.junit.jupiter.api.Test;

import nl.trajectorytracker.api.commands.AddNote;
import nl.trajectorytracker.api.commands.HoldRelationshipCheckIn;
import nl.trajectorytracker.api.values.Actor;
import nl.trajectorytracker.api.values.TrajectoryId;

/** Finds the same target as Axon's resolver, command after command. */
class CachingCommandTargetResolverTest {

    record VersionAsText(@TargetAggregateIdentifier String id, @TargetAggregateVersion String version) {
    }

    record NoTarget(String id) {
    }

    static final class FieldsOnly {
        @TargetAggregateIdentifier
        private final String id = "t-1";
        @TargetAggregateVersion
        private final int version = 4;
    }

    private final CommandTargetResolver axons = AnnotationCommandTargetResolver.builder().build();
    private final CommandTargetResolver caching = new CachingCommandTargetResolver();

    @Test
    void resolvesAsAxonDoes_recordsAndFields_withAndWithoutVersion() {
        Actor anna = new Actor("anna", "Zilveren Kruis");
        TrajectoryId id = TrajectoryId.random();
        List<Object> commands = List.of(new AddNote(id, "talk", anna, Instant.EPOCH),
                new HoldRelationshipCheckIn(id, List.of("Anna"), "fine", anna, Instant.EPOCH, 7L),
                new HoldRelationshipCheckIn(id, List.of("Anna"), "fine", anna, Instant.EPOCH, null),
                new VersionAsText("t-2", "12"), new FieldsOnly());
        for (int round = 0; round < 2; round++) {
            for (Object command : commands) {
                var message = GenericCommandMessage.asCommandMessage(command);
                assertThat(caching.resolveTarget(message)).as(command.toString())
                        .isEqualTo(axons.resolveTarget(message));
            }
        }
    }

    @Test
    void aCommandWithoutTarget_orWithAVersionThatIsNoNumber_isRefused() {
        assertThatThrownBy(() -> caching.resolveTarget(GenericCommandMessage.asCommandMessage(new NoTarget("x"))))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("NoTarget");
        assertThatThrownBy(() -> caching.resolveTarget(
                GenericCommandMessage.asCommandMessage(new VersionAsText("t", "seven"))))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("not a number");
    }
}
