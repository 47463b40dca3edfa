package nl.trajectorytracker.infra;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.UUID;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;

/** Drives the real HTTP API against the embedded MongoDB. */
class TrajectoryApiEndToEndTest {

    @TempDir
    static Path data;

    private static RunningTracker tracker;

    @BeforeAll
    static void start() {
        tracker = RunningTracker.start(data);
    }

    @AfterAll
    static void stop() {
        tracker.close();
    }

    private static final String HOSPITAL_AND_INSURER = """
            {"title": "Ziekenhuis Amstelland and Zilveren Kruis: towards five years",
             "parties": [{"organisationName": "Zilveren Kruis", "type": "INSURER"},
                         {"organisationName": "Ziekenhuis Amstelland", "type": "CARE_PROVIDER"}]}
            """;

    @Test
    void aStartedTrajectory_canBeFetchedAndIsListed() {
        RunningTracker.Response created = tracker.post("/api/trajectories", HOSPITAL_AND_INSURER);

        assertThat(created.status()).isEqualTo(201);
        String location = created.header("Location");
        String id = created.json().get("id").asText();
        assertThat(location).isEqualTo("/api/trajectories/" + id);

        RunningTracker.Response fetched = tracker.getEventually(location, 200);
        assertThat(fetched.status()).isEqualTo(200);
        JsonNode trajectory = fetched.json();
        assertThat(trajectory.get("title").asText())
                .isEqualTo("Ziekenhuis Amstelland and Zilveren Kruis: towards five years");
        assertThat(trajectory.get("parties")).hasSize(2);
        assertThat(trajectory.get("parties").get(1).get("type").asText()).isEqualTo("CARE_PROVIDER");
        assertThat(trajectory.get("phase").asText()).isEqualTo("INTERNAL_PREPARATION");

        JsonNode page = tracker.get("/api/trajectories?page=0&size=50").json();
        assertThat(page.get("items").findValuesAsText("id")).contains(id);
        assertThat(page.get("size").asInt()).isEqualTo(50);
    }

    @Test
    void anUnknownEnumValue_isA400NamingTheField() {
        RunningTracker.Response response = tracker.post("/api/trajectories", """
                {"title": "x", "parties": [{"organisationName": "Bank", "type": "BANK"}]}
                """);

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.header("Content-Type")).startsWith("application/problem+json");
        assertThat(response.json().get("field").asText()).isEqualTo("parties[0].type");
        assertThat(response.json().get("type").asText()).isEqualTo("urn:trajectory-tracker:error:invalid-value");
    }

    @Test
    void aMissingField_isA400NamingTheField() {
        RunningTracker.Response noTitle = tracker.post("/api/trajectories", """
                {"parties": [{"organisationName": "Zilveren Kruis", "type": "INSURER"}]}
                """);
        RunningTracker.Response noName = tracker.post("/api/trajectories", """
                {"title": "x", "parties": [{"type": "INSURER"}]}
                """);

        assertThat(noTitle.status()).isEqualTo(400);
        assertThat(noTitle.json().get("field").asText()).isEqualTo("title");
        assertThat(noName.status()).isEqualTo(400);
        assertThat(noName.json().get("field").asText()).isEqualTo("parties[0].organisationName");
    }

    @Test
    void malformedJson_isA400() {
        RunningTracker.Response response = tracker.post("/api/trajectories", "{\"title\": ");

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.json().get("status").asInt()).isEqualTo(400);
    }

    @Test
    void anUnknownTrajectory_isA404() {
        RunningTracker.Response unknown = tracker.get("/api/trajectories/" + UUID.randomUUID());
        RunningTracker.Response malformed = tracker.get("/api/trajectories/not-an-id");

        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.json().get("type").asText()).isEqualTo("urn:trajectory-tracker:error:trajectory-not-found");
        assertThat(malformed.status()).isEqualTo(404);
    }

    @Test
    void health_reportsMongoAndTheEventProcessors() {
        JsonNode health = tracker.asAdmin().get("/actuator/health").json();

        assertThat(health.get("status").asText()).isEqualTo("UP");
        assertThat(health.at("/components/mongo/status").asText()).isEqualTo("UP");
        assertThat(health.at("/components/eventProcessors/status").asText()).isEqualTo("UP");
        assertThat(health.at("/components/eventProcessors/details/trajectory-overview/running").asBoolean())
                .isTrue();
    }

    @Test
    void health_showsOnlyTheStatus_toAnonymousCallers() {
        RunningTracker.Response health = tracker.anonymous().get("/actuator/health");

        assertThat(health.status()).isEqualTo(200);
        assertThat(health.json().get("status").asText()).isEqualTo("UP");
        assertThat(health.json().has("components")).isFalse();
    }

    @Test
    void aPageLargerThanTheCap_isA400() {
        RunningTracker.Response response = tracker.get("/api/trajectories?size=201");

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.json().get("field").asText()).isEqualTo("size");
    }
}
