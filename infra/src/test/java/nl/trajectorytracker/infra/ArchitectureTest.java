package nl.trajectorytracker.infra;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import java.time.Instant;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.JavaModifier;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;

/** The architecture rules of the house style, checked on every build. */
class ArchitectureTest {

    private static JavaClasses production;

    @BeforeAll
    static void importProductionClasses() {
        production = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("nl.trajectorytracker");
    }

    static java.util.stream.Stream<ArchRule> rules() {
        return java.util.stream.Stream.of(theSharedKernelIsFreeOfSpring, theCommandSideDoesNotKnowTheQuerySide,
                theQuerySideDoesNotKnowTheCommandSide, domainCodeNeverReadsTheClock, aggregatesAreFreeOfSpring,
                aggregatesArePackagePrivate, eventsArePastTenseRecordsWithARevision, queriesAskToFindOrCount,
                onlySecurityReadsTheAuthenticatedPrincipal, auditSeesTheEventStoreOnlyThroughItsHooks,
                theEventStoreKnowsNothingOfAudit);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rules")
    void theCodeFollows(ArchRule rule) {
        rule.check(production);
    }

    static final ArchRule theSharedKernelIsFreeOfSpring = noClasses()
            .that().resideInAPackage("nl.trajectorytracker.api..")
            .should().dependOnClassesThat().resideInAPackage("org.springframework..");

    static final ArchRule theCommandSideDoesNotKnowTheQuerySide = noClasses()
            .that().resideInAPackage("nl.trajectorytracker.command..")
            .should().dependOnClassesThat().resideInAPackage("nl.trajectorytracker.query..");

    static final ArchRule theQuerySideDoesNotKnowTheCommandSide = noClasses()
            .that().resideInAPackage("nl.trajectorytracker.query..")
            .should().dependOnClassesThat().resideInAPackage("nl.trajectorytracker.command..");

    static final ArchRule domainCodeNeverReadsTheClock = noClasses()
            .that().resideInAnyPackage("nl.trajectorytracker.api..", "nl.trajectorytracker.command.trajectory..")
            .should().callMethod(Instant.class, "now")
            .orShould().callMethod(java.time.LocalDate.class, "now")
            .orShould().callMethod(System.class, "currentTimeMillis");

    static final ArchRule aggregatesAreFreeOfSpring = noClasses()
            .that().resideInAPackage("nl.trajectorytracker.command.trajectory..")
            .should().dependOnClassesThat().resideInAPackage("org.springframework..");

    static final ArchRule aggregatesArePackagePrivate = classes()
            .that().resideInAPackage("nl.trajectorytracker.command.trajectory..")
            .and().haveSimpleNameEndingWith("Aggregate")
            .should().notHaveModifier(JavaModifier.PUBLIC);

    static final ArchRule eventsArePastTenseRecordsWithARevision = classes()
            .that().resideInAPackage("nl.trajectorytracker.api.events..")
            .and().areNotInterfaces()
            .and().areTopLevelClasses()
            .should().beRecords()
            .andShould().beAnnotatedWith(org.axonframework.serialization.Revision.class)
            .andShould().haveSimpleNameNotEndingWith("Event");

    static final ArchRule queriesAskToFindOrCount = classes()
            .that().resideInAPackage("nl.trajectorytracker.api.queries..")
            .and().areTopLevelClasses()
            .should().haveSimpleNameStartingWith("Find")
            .orShould().haveSimpleNameStartingWith("Count");

    /** Adapters get the actor and read scope through ActorResolver/ReadScopeResolver, never on their own. */
    static final ArchRule onlySecurityReadsTheAuthenticatedPrincipal = noClasses()
            .that().resideOutsideOfPackage("nl.trajectorytracker.infra.security..")
            .should().dependOnClassesThat()
            .belongToAnyOf(org.springframework.security.core.context.SecurityContextHolder.class)
            .orShould().callMethod(jakarta.servlet.http.HttpServletRequest.class, "getUserPrincipal");

    static final ArchRule auditSeesTheEventStoreOnlyThroughItsHooks = noClasses()
            .that().resideInAPackage("nl.trajectorytracker.infra.audit..")
            .should().dependOnClassesThat()
            .belongToAnyOf(nl.trajectorytracker.infra.eventstore.MongoEventStorageEngine.class);

    static final ArchRule theEventStoreKnowsNothingOfAudit = noClasses()
            .that().resideInAPackage("nl.trajectorytracker.infra.eventstore..")
            .should().dependOnClassesThat().resideInAPackage("nl.trajectorytracker.infra.audit..");
}
