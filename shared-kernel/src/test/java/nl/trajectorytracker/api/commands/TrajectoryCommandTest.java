package nl.trajectorytracker.api.commands;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;

import nl.trajectorytracker.api.values.Actor;
import nl.trajectorytracker.api.values.Party;
import nl.trajectorytracker.api.values.PartyType;
import nl.trajectorytracker.api.values.TrajectoryId;

class TrajectoryCommandTest {

    private static final TrajectoryId ID = TrajectoryId.random();
    private static final Actor ACTOR = new Actor("anna@insurer.example", "Zilveren Kruis");
    private static final Instant NOW = Instant.parse("2026-03-01T09:00:00Z");

    @Test
    void everyCommandOfTheApi_isATrajectoryCommand() {
        Set<String> commands = new ClassFileImporter().withImportOption(new ImportOption.DoNotIncludeTests())
                .importPackages(TrajectoryCommand.class.getPackageName()).stream()
                .filter(JavaClass::isRecord)
                .map(JavaClass::getName)
                .collect(Collectors.toSet());
        Set<String> permitted = Set.of(TrajectoryCommand.class.getPermittedSubclasses()).stream()
                .map(Class::getName)
                .collect(Collectors.toSet());

        assertThat(commands).hasSizeGreaterThan(50).isEqualTo(permitted);
    }

    @Test
    void aCommand_namesItsTrajectoryAndTheVersionItExpects() {
        TrajectoryCommand expecting = new AddNote(ID, "A note", ACTOR, NOW, 7L);
        TrajectoryCommand anyVersion = new AddNote(ID, "A note", ACTOR, NOW);

        assertThat(expecting.trajectoryId()).isEqualTo(ID);
        assertThat(expecting.expectedVersion()).isEqualTo(7L);
        assertThat(anyVersion.expectedVersion()).isNull();
    }

    @Test
    void startingATrajectory_expectsNoVersion() {
        TrajectoryCommand start = new StartTrajectory(ID, "Towards a five-year agreement",
                List.of(new Party("Zilveren Kruis", PartyType.INSURER)), ACTOR, NOW);

        assertThat(start.trajectoryId()).isEqualTo(ID);
        assertThat(start.expectedVersion()).isNull();
    }
}
