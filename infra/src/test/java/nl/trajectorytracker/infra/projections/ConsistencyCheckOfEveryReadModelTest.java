package nl.trajectorytracker.infra.projections;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.bson.Document;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.data.mongodb.core.MongoOperations;

import com.fasterxml.jackson.databind.JsonNode;

import nl.trajectorytracker.infra.RunningTracker;
import nl.trajectorytracker.query.phasestate.PhaseStateProjection;
import nl.trajectorytracker.query.research.ResearchProjection;

/**
 * Every read model the administration lists can be checked against a fresh rebuild, the phase state (whose long
 * lists are kept in buckets with ids of their own) and research included.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ConsistencyCheckOfEveryReadModelTest {

    @TempDir
    static Path data;

    private static RunningTracker tracker;

    @BeforeAll
    static void start() {
        tracker = RunningTracker.start(data);
        String id = tracker.post("/api/trajectories", """
                {"title": "Zilveren Kruis and Ziekenhuis Amstelland",
                 "parties": [{"organisationName": "Zilveren Kruis", "type": "INSURER"},
                             {"organisationName": "Ziekenhuis Amstelland", "type": "CARE_PROVIDER"}]}
                """).json().get("id").asText();
        for (int i = 0; i < 70; i++) {
            assertThat(tracker.post("/api/trajectories/" + id + "/notes", "{\"text\": \"Note " + i + "\"}").status())
                    .isEqualTo(200);
        }
        tracker.post("/api/trajectories/" + id + "/trust-assessments", """
                {"counterpart": "Ziekenhuis Amstelland", "personTrust": 4, "organisationTrust": 3}""");
    }

    @AfterAll
    static void stop() {
        tracker.close();
    }

    @Test
    @Order(1)
    void everyListedReadModel_isConsistentWithAFreshRebuild() {
        MongoOperations mongo = tracker.bean(MongoOperations.class);
        // the phase state keeps every note as its own item: all 70 there means the read model caught up
        await().atMost(Duration.ofSeconds(30)).until(() -> mongo.getCollection("phase_state_items")
                .countDocuments() >= 70);
        List<String> names = new ArrayList<>();
        tracker.asAdmin().get("/api/admin/projections").json().forEach(processor -> names.add(
                processor.get("name").asText()));

        assertThat(names).contains(PhaseStateProjection.NAME, ResearchProjection.NAME);
        for (String name : names) {
            JsonNode report = tracker.consistencyReport(name);
            assertThat(report.get("consistent").asBoolean()).as(name + ": " + report).isTrue();
            assertThat(report.get("eventsReplayed").asLong()).isEqualTo(72);
        }
        assertThat(mongo.getCollectionNames()).noneMatch(collection -> collection.startsWith("consistency_check_"));
    }

    @Test
    @Order(2)
    void aChanged_aDeleted_andAPlantedDocument_areFound() {
        MongoOperations mongo = tracker.bean(MongoOperations.class);
        await().atMost(Duration.ofSeconds(30)).until(() -> mongo.getCollection("phase_state").countDocuments() == 1);
        String id = mongo.getCollection("phase_state").find().first().getString("_id");
        mongo.getCollection("phase_state").updateOne(new Document("_id", id),
                new Document("$set", new Document("version", 1)));
        String deleted = mongo.getCollection("phase_state_items").find().first().getString("_id");
        mongo.getCollection("phase_state_items").deleteOne(new Document("_id", deleted));
        mongo.getCollection("phase_state_items").insertOne(new Document("_id", "planted"));

        JsonNode report = tracker.consistencyReport(PhaseStateProjection.NAME);

        assertThat(report.get("consistent").asBoolean()).isFalse();
        assertThat(report.at("/collections/0/changed/0").asText()).isEqualTo(id);
        assertThat(report.at("/collections/1/collection").asText()).isEqualTo("phase_state_items");
        assertThat(report.at("/collections/1/missing/0").asText()).isEqualTo(deleted);
        assertThat(report.at("/collections/1/extra/0").asText()).isEqualTo("planted");
        assertThat(report.at("/collections/1/liveDocuments").asInt())
                .isEqualTo(report.at("/collections/1/rebuiltDocuments").asInt());
    }
}
