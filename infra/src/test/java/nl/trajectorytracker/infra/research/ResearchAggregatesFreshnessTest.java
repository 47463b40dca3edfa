package nl.trajectorytracker.infra.research;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;

import org.bson.Document;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.data.mongodb.core.MongoOperations;

import com.fasterxml.jackson.databind.JsonNode;

import nl.trajectorytracker.infra.RunningTracker;
import nl.trajectorytracker.query.research.ResearchRevision;

/**
 * Aggregates are served again from what was released while the research read model is unchanged, and reflect new
 * events as soon as the projection has applied them: the revision the projection stores in MongoDB tells.
 */
class ResearchAggregatesFreshnessTest {

    @TempDir
    static Path data;

    private static RunningTracker tracker;
    private static String study;
    private static RunningTracker.Client researcher;
    private static int started;

    @BeforeAll
    static void seed() {
        tracker = RunningTracker.start(data);
        for (int i = 0; i < 4; i++) {
            start();
        }
        RunningTracker.Response created = tracker.asAdmin().post("/api/admin/studies",
                "{\"name\": \"Freshness\", \"purpose\": \"Aggregates follow the events\", \"k\": 2}");
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        study = created.json().get("id").asText();
        researcher = tracker.createResearcher("fresh-researcher", List.of(study));
        ResearchEndToEndTest.awaitResearchCaughtUp(tracker);
    }

    @AfterAll
    static void stop() {
        tracker.close();
    }

    private static void start() {
        int i = started++;
        RunningTracker.Client negotiator = tracker.createNegotiator("negotiator-" + i, "Insurer " + i);
        RunningTracker.Response created = negotiator.post("/api/trajectories", """
                {"title": "Trajectory %d", "parties": [{"organisationName": "Insurer %d", "type": "INSURER"},
                                                      {"organisationName": "Provider %d", "type": "CARE_PROVIDER"}]}
                """.formatted(i, i, i));
        assertThat(created.status()).as(created.body()).isEqualTo(201);
    }

    private static JsonNode ongoing() {
        RunningTracker.Response answer = researcher.get("/api/research/studies/" + study + "/aggregates/outcomes");
        assertThat(answer.status()).as(answer.body()).isEqualTo(200);
        for (JsonNode row : answer.json().get("rows")) {
            if (row.get("outcome").asText().equals("ONGOING")) {
                return row;
            }
        }
        throw new AssertionError("no ONGOING row in " + answer.body());
    }

    private static String revision() {
        Document stored = tracker.bean(MongoOperations.class).findById("revision", Document.class,
                ResearchRevision.COLLECTION);
        return stored == null ? null : stored.getString("value");
    }

    @Test
    void anAggregate_reflectsNewEvents_onceTheProjectionHasAppliedThem() {
        assertThat(ongoing().get("trajectories").asInt()).isEqualTo(4);
        assertThat(ongoing().get("trajectories").asInt()).as("asked again, unchanged").isEqualTo(4);
        String before = revision();
        assertThat(before).isNotNull();

        // two more (k = 2), so that the overlap control lets the grown group be released
        start();
        start();
        ResearchEndToEndTest.awaitResearchCaughtUp(tracker);

        assertThat(revision()).as("the projection stored a new revision").isNotEqualTo(before);
        assertThat(ongoing().get("trajectories").asInt()).isEqualTo(6);
        assertThat(tracker.asAdmin().get("/api/admin/studies/" + study + "/exports").json())
                .as("every answer is recorded, served again or not").hasSize(3);
    }
}
