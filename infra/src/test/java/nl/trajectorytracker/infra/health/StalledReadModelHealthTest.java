package nl.trajectorytracker.infra.health;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import org.awaitility.Awaitility;
import org.bson.Document;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;

import nl.trajectorytracker.infra.RunningTracker;
import nl.trajectorytracker.infra.mongo.EmbeddedMongo;

/**
 * A commit the event stream cannot read (written behind the service's back) stops every read model where it stands:
 * the stream never skips a commit it cannot read. Health said UP meanwhile; now it says which read models stalled.
 */
class StalledReadModelHealthTest {

    @TempDir
    static Path data;

    private static RunningTracker tracker;

    @BeforeAll
    static void start() {
        tracker = RunningTracker.start(data, "tracker.health.processor-stalled-after=PT2S");
    }

    @AfterAll
    static void stop() {
        tracker.close();
    }

    @Test
    void aCommitTheStreamCannotRead_makesHealthDown_namingTheStalledReadModels() {
        String id = tracker.post("/api/trajectories", """
                {"title": "Zilveren Kruis and Ziekenhuis Amstelland",
                 "parties": [{"organisationName": "Zilveren Kruis", "type": "INSURER"},
                             {"organisationName": "Ziekenhuis Amstelland", "type": "CARE_PROVIDER"}]}
                """).json().get("id").asText();
        tracker.getEventually("/api/trajectories/" + id, 200);
        assertThat(health().get("status").asText()).isEqualTo("UP");

        try (MongoClient administrator = MongoClients.create(
                tracker.bean(EmbeddedMongo.class).connectionString("tracker"))) {
            MongoCollection<Document> commits = administrator.getDatabase("tracker").getCollection("event_commits");
            long head = commits.find().sort(new Document("_id", -1)).first().getLong("_id");
            commits.insertOne(new Document("_id", head + 1).append("key", id + "#99").append("agg", id)
                    .append("type", "TrajectoryAggregate").append("first", 99L).append("last", 99L)
                    .append("at", System.currentTimeMillis()).append("events", "not a list"));
        }
        tracker.post("/api/trajectories/" + id + "/notes", "{\"text\": \"An honest note after it\"}");

        Awaitility.await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
            JsonNode health = health();
            assertThat(health.get("status").asText()).as(health.toString()).isEqualTo("DOWN");
            assertThat(health.at("/components/eventProcessors/details/trajectory-overview/stalled").asBoolean())
                    .as(health.toString()).isTrue();
        });
        assertThat(List.of(health().at("/components/eventProcessors/status").asText())).containsExactly("DOWN");
    }

    private static JsonNode health() {
        return tracker.asAdmin().get("/actuator/health").json();
    }
}
