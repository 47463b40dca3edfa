package nl.trajectorytracker.infra.audit.verification;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import org.junit.jupiter.api.Test;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;

/** The offline verifier runs without the server or the database: nothing of Spring, MongoDB or Axon in it. */
class VerificationArchitectureTest {

    @Test
    void theVerifier_standsAlone() {
        JavaClasses verifier = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("nl.trajectorytracker.infra.audit.verification");

        noClasses().that().resideInAPackage("nl.trajectorytracker.infra.audit.verification..")
                .should().dependOnClassesThat().resideInAnyPackage("org.springframework..", "com.mongodb..",
                        "org.bson..", "org.axonframework..", "nl.trajectorytracker.infra.eventstore..",
                        "nl.trajectorytracker.query..", "nl.trajectorytracker.command..")
                .check(verifier);
    }
}
