package nl.trajectorytracker.infra.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;

import nl.trajectorytracker.infra.RunningTracker;

/**
 * The audit reads of a trajectory nobody tampered with: the history with each event's place in the chain, erasure
 * that leaves the chain valid, who may read what, and the access log of every audit read.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class AuditReadsTest {

    @TempDir
    static Path data;

    private static RunningTracker tracker;
    private static RunningTracker.Client auditor;

    @BeforeAll
    static void start() {
        tracker = RunningTracker.start(data);
        auditor = tracker.createAuditor("audrey-auditor");
    }

    @AfterAll
    static void stop() {
        tracker.close();
    }

    // ---------------------------------------------------------------- recording

    /** A trajectory of the given negotiator with five steps after the start, under a signed tree head. */
    private static String recordedTrajectory(RunningTracker.Client negotiator) {
        return RecordedTrajectories.recorded(tracker, negotiator);
    }

    private static String recordedTrajectory() {
        return recordedTrajectory(tracker.negotiator());
    }

    private static JsonNode verify(String id) {
        RunningTracker.Response response = auditor.get("/api/trajectories/" + id + "/verify");
        assertThat(response.status()).as(response.body()).isEqualTo(200);
        return response.json();
    }

    // ---------------------------------------------------------------- tests

    @Test
    @Order(1)
    void erasingAPerson_leavesTheChainValid() {
        RunningTracker.Client erin = tracker.createNegotiator("erin-erasable-audit", "Zilveren Kruis");
        String id = recordedTrajectory(erin);
        JsonNode before = verify(id);
        assertThat(before.get("status").asText()).as(before.toString()).isEqualTo("OK");

        RunningTracker.Response erased = tracker.asAdmin().post("/api/admin/erasures",
                "{\"person\": \"erin-erasable-audit\"}");

        assertThat(erased.status()).isEqualTo(200);
        JsonNode after = verify(id);
        assertThat(after.get("status").asText()).as(after.toString()).isEqualTo("OK");
        assertThat(after.get("headHash")).isEqualTo(before.get("headHash"));
        JsonNode history = auditor.get("/api/trajectories/" + id + "/history").json();
        assertThat(history.at("/events/0/actor/principal").asText()).isEqualTo("[erased]");
    }

    @Test
    @Order(9)
    void theHistory_showsEveryEventInOrder_withItsPlaceInTheChain_pagedBySequence() {
        String id = recordedTrajectory();

        JsonNode history = auditor.get("/api/trajectories/" + id + "/history").json();

        JsonNode events = history.get("events");
        assertThat(events).hasSize(6);
        assertThat(history.get("chain").asText()).startsWith("OK");
        String prev = "0".repeat(64);
        long position = -1;
        for (int i = 0; i < events.size(); i++) {
            JsonNode event = events.get(i);
            assertThat(event.get("sequence").asLong()).isEqualTo(i);
            assertThat(event.get("globalPosition").asLong()).isGreaterThan(position);
            assertThat(event.get("prev").asText()).isEqualTo(prev);
            assertThat(event.get("actor").get("organisation").asText()).isEqualTo("Zilveren Kruis");
            assertThat(event.get("correlationId").asText()).isNotBlank();
            assertThat(event.get("causationId").asText()).isNotBlank();
            assertThat(event.get("occurredAt").asText()).isNotBlank();
            assertThat(event.get("recordedAt").asText()).isNotBlank();
            prev = event.get("hash").asText();
            position = event.get("globalPosition").asLong();
        }
        assertThat(events.get(0).get("type").asText()).isEqualTo("TrajectoryStarted");
        assertThat(events.get(0).at("/payload/title").asText()).contains("Ziekenhuis Amstelland");
        assertThat(events.get(0).at("/actor/principal").asText()).startsWith("negotiator-");
        assertThat(events.get(4).at("/payload/batna").asText()).contains("two other hospitals");
        JsonNode page = auditor.get("/api/trajectories/" + id + "/history?fromSequence=2&limit=3").json();
        assertThat(page.get("events").findValuesAsText("sequence")).containsExactly("2", "3", "4");
        assertThat(page.get("nextFromSequence").asLong()).isEqualTo(5);
        assertThat(auditor.get("/api/trajectories/" + id + "/history?limit=1001").status()).isEqualTo(400);
    }

    @Test
    @Order(10)
    void auditReads_areForAuditorsAndTheOwnOrganisation_only() {
        String id = recordedTrajectory();
        RunningTracker.Client researcher = tracker.createResearcher("rob-researcher", List.of());
        RunningTracker.Client foreign = tracker.createNegotiator("menno", "Menzis");

        for (String read : List.of("verify", "history", "export")) {
            String path = "/api/trajectories/" + id + "/" + read;
            assertThat(auditor.get(path).status()).as(path).isEqualTo(200);
            assertThat(tracker.get(path).status()).as("own organisation " + path).isEqualTo(200);
            assertThat(foreign.get(path).status()).as("foreign " + path).isEqualTo(404);
            assertThat(researcher.get(path).status()).as("researcher " + path).isEqualTo(403);
            assertThat(tracker.asAdmin().get(path).status()).as("admin " + path).isEqualTo(403);
            assertThat(auditor.get("/api/trajectories/" + java.util.UUID.randomUUID() + "/" + read).status())
                    .isEqualTo(404);
        }
        assertThat(auditor.get("/api/admin/audit/access-log").status()).isEqualTo(403);
        assertThat(auditor.post("/api/admin/audit/checkpoints", "{}").status()).isEqualTo(403);
        assertThat(tracker.createResearcher("ruth", List.of()).get("/api/audit/tree-head").status()).isEqualTo(200);
        assertThat(tracker.anonymous().get("/api/audit/tree-head").status()).isEqualTo(401);
        assertThat(tracker.anonymous().get("/api/audit/public-key").status()).isEqualTo(401);
    }

    @Test
    @Order(11)
    void everyAuditRead_isLogged_forAdministrators() {
        String id = recordedTrajectory();
        RunningTracker.Client watcher = tracker.createAuditor("walter-watcher");

        watcher.get("/api/trajectories/" + id + "/history?limit=2");
        watcher.getEventually("/api/trajectories/" + id, 200);
        tracker.get("/api/trajectories/" + id + "/verify");

        RunningTracker.Response log = tracker.asAdmin().get("/api/admin/audit/access-log?size=200");
        assertThat(log.status()).as(log.body()).isEqualTo(200);
        List<String> lines = new ArrayList<>();
        log.json().get("entries").forEach(entry -> lines.add(entry.get("who").asText() + " "
                + entry.get("action").asText() + " " + entry.get("trajectoryId").asText() + " "
                + entry.get("status").asInt()));
        assertThat(lines).contains("walter-watcher history " + id + " 200", "walter-watcher read " + id + " 200",
                tracker.negotiator() == null ? "" : lines.stream()
                        .filter(line -> line.endsWith("verify " + id + " 200")).findFirst().orElse("missing"));
        assertThat(log.json().at("/entries/0/at").asText()).isNotBlank();
    }
}
