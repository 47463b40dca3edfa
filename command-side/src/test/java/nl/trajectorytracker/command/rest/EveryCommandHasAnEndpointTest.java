package nl.trajectorytracker.command.rest;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;

/**
 * Every command of the message contract can be sent over HTTP: some REST adapter builds it. Commands only the
 * system sends (scheduled checks) are the exception.
 */
class EveryCommandHasAnEndpointTest {

    private static final List<String> SENT_BY_THE_SYSTEM_ONLY = List.of("FlagEvaluationOverdue");

    @Test
    void everyCommand_isBuiltByARestAdapter() {
        JavaClasses classes = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("nl.trajectorytracker.api.commands", "nl.trajectorytracker.command.rest");

        List<JavaClass> commands = classes.stream()
                .filter(JavaClass::isRecord)
                .filter(command -> !SENT_BY_THE_SYSTEM_ONLY.contains(command.getSimpleName()))
                .filter(command -> command.getPackageName().equals("nl.trajectorytracker.api.commands"))
                .toList();
        List<String> withoutEndpoint = commands.stream()
                .filter(command -> command.getConstructorCallsToSelf().stream()
                        .noneMatch(call -> call.getOriginOwner().getPackageName()
                                .equals("nl.trajectorytracker.command.rest")))
                .map(JavaClass::getSimpleName)
                .toList();

        assertThat(commands).hasSizeGreaterThan(50);
        assertThat(withoutEndpoint).isEmpty();
    }
}
