package nl.trajectorytracker.command.trajectory;

import static nl.trajectorytracker.command.trajectory.StepCatalogue.ID;
import static nl.trajectorytracker.command.trajectory.StepCatalogue.NEGOTIATOR;
import static nl.trajectorytracker.command.trajectory.StepCatalogue.NOW;
import static nl.trajectorytracker.command.trajectory.StepCatalogue.PARTIES;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.importer.ClassFileImporter;

import nl.trajectorytracker.api.events.EvaluationOverdue;
import nl.trajectorytracker.api.events.FollowUpTrajectoryStarted;
import nl.trajectorytracker.api.events.PhaseAdvanced;
import nl.trajectorytracker.api.events.TrajectoryConcluded;
import nl.trajectorytracker.api.events.TrajectoryStarted;
import nl.trajectorytracker.api.values.GateCondition;
import nl.trajectorytracker.api.values.Outcome;
import nl.trajectorytracker.api.values.Phase;
import nl.trajectorytracker.api.values.TrajectoryId;

/**
 * Pins the stored JSON of every event type. Events live forever in the event store: a change of shape must be a
 * deliberate, versioned change (new revision, upcaster), never an accident. When an event changes or a new one is
 * added, the test writes what it received to {@code target/received-events/} and fails; review it, then copy it to
 * {@code src/test/resources/approved-events/}.
 */
class EventJsonApprovalTest {

    /** Configured as the application's Axon serializer ({@code AxonConfiguration.messageObjectMapper()}). */
    private static final ObjectMapper MAPPER = new ObjectMapper()
            .registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);

    static Map<String, Object> samples() {
        Map<String, Object> samples = new LinkedHashMap<>();
        samples.put("TrajectoryStarted", new TrajectoryStarted(ID, "Towards a five-year agreement", PARTIES,
                "2025.1", new TrajectoryId("0b9f3c4e-1111-4a6b-9c1e-2f3a4b5c6d7e"), NEGOTIATOR, NOW));
        samples.put("PhaseAdvanced", new PhaseAdvanced(ID, Phase.CO_DESIGN, Phase.NEGOTIATION,
                List.of(GateCondition.GOAL_AGREED), "The board wants an offer on the table this month", NEGOTIATOR,
                NOW));
        samples.put("TrajectoryConcluded", new TrajectoryConcluded(ID, Outcome.AGREEMENT_FULFILLED,
                "Five years delivered", Phase.AFTER_AGREEMENT, NEGOTIATOR, NOW));
        samples.put("FollowUpTrajectoryStarted", new FollowUpTrajectoryStarted(ID,
                new TrajectoryId("0b9f3c4e-1111-4a6b-9c1e-2f3a4b5c6d7e"), "The next five years", NEGOTIATOR, NOW));
        samples.put("EvaluationOverdue", new EvaluationOverdue(ID, java.time.LocalDate.parse("2027-06-30"),
                "Half-year review of the indicators", nl.trajectorytracker.api.values.Actor.system(), NOW));
        for (StepCatalogue.Step step : StepCatalogue.STEPS) {
            Object context = step.phase() == null ? Phase.NEGOTIATION : (Object) Boolean.TRUE;
            Object event = step.event().apply(context, NEGOTIATOR);
            samples.put(event.getClass().getSimpleName(), event);
        }
        return samples;
    }

    static Stream<Arguments> events() {
        return samples().entrySet().stream().map(entry -> Arguments.of(entry.getKey(), entry.getValue()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("events")
    void theJsonOfAnEvent_isAsApproved(String name, Object event) throws IOException {
        JsonNode received = MAPPER.readTree(MAPPER.writeValueAsString(event));
        JsonNode approved = approved(name);
        if (approved == null || !approved.equals(received)) {
            Path file = Path.of("target", "received-events", name + ".json");
            Files.createDirectories(file.getParent());
            Files.writeString(file, MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(received) + "\n");
        }
        assertThat(approved).as("approved JSON of %s (received: target/received-events/%s.json)", name, name)
                .isNotNull();
        assertThat(received).as("JSON of %s", name).isEqualTo(approved);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("events")
    void theApprovedJsonOfAnEvent_readsBackToTheSameEvent(String name, Object event) throws IOException {
        JsonNode approved = approved(name);
        assertThat(approved).as("approved JSON of %s", name).isNotNull();

        assertThat(MAPPER.treeToValue(approved, event.getClass())).isEqualTo(event);
    }

    @Test
    void everyEventType_hasAnApprovedSample() {
        List<String> eventTypes = new ClassFileImporter().importPackages("nl.trajectorytracker.api.events").stream()
                .filter(JavaClass::isRecord)
                .filter(JavaClass::isTopLevelClass)
                .map(JavaClass::getSimpleName)
                .toList();

        assertThat(eventTypes).hasSizeGreaterThan(50);
        assertThat(samples().keySet()).containsExactlyInAnyOrderElementsOf(eventTypes);
    }

    private static JsonNode approved(String name) throws IOException {
        try (InputStream in = EventJsonApprovalTest.class.getResourceAsStream("/approved-events/" + name + ".json")) {
            return in == null ? null : MAPPER.readTree(in);
        }
    }
}
