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

import io.micrometer.core.instrument.MeterRegistry;

import nl.trajectorytracker.infra.RunningTracker;
import nl.trajectorytracker.infra.mongo.EmbeddedMongo;

/**
 * A read model that stops where it stands made no difference to health, which said UP. Now health says which read
 * models stalled. A commit the event stream cannot read (written behind the service's back) stopped every read model
 * for good; the stream goes on after it now, as after a missing commit, and counts it.
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

    private static String started(String title) {
        String id = tracker.post("/api/trajectories", """
                {"title": "%s",
                 "parties": [{"organisationName": "Zilveren Kruis", "type": "INSURER"},
                             {"organisationName": "Ziekenhuis Amstelland", "type": "CARE_PROVIDER"}]}
                """.formatted(title)).json().get("id").asText();
        tracker.getEventually("/api/trajectories/" + id, 200);
        return id;
    }

    @Test
    void aCommitTheStreamCannotRead_isGoneOnAfter_andAReadModelThatStallsMakesHealthDown() {
        String id = started("Zilveren Kruis and Ziekenhuis Amstelland");
        assertThat(health().at("/components/eventProcessors/status").asText()).isEqualTo("UP");

        try (MongoClient administrator = MongoClients.create(
                tracker.bean(EmbeddedMongo.class).connectionString("tracker"))) {
            MongoCollection<Document> commits = administrator.getDatabase("tracker").getCollection("event_commits");
            long head = commits.find().sort(new Document("_id", -1)).first().getLong("_id");
            commits.insertOne(new Document("_id", head + 1).append("key", id + "#99").append("agg", id)
                    .append("type", "TrajectoryAggregate").append("first", 99L).append("last", 99L)
                    .append("at", System.currentTimeMillis()).append("events", "not a list"));
            String after = started("Started after the unreadable commit");
            assertThat(tracker.bean(MeterRegistry.class).find("tracker.event_store.unreadable_events").counter()
                    .count()).isPositive();
            assertThat(after).isNotBlank();

            // a phase state the projection cannot read back fails it on every event of that trajectory: it stalls
            administrator.getDatabase("tracker").getCollection("phase_state").updateOne(new Document("_id", id),
                    new Document("$set", new Document("version", "not a number")));
        }
        tracker.post("/api/trajectories/" + id + "/strategic-goals", """
                {"goalId": "G1", "goal": "A goal the phase state cannot take", "challenge": "Its document"}
                """);

        Awaitility.await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
            JsonNode health = health();
            assertThat(health.get("status").asText()).as(health.toString()).isEqualTo("DOWN");
            assertThat(health.at("/components/eventProcessors/details/phase-state/stalled").asBoolean())
                    .as(health.toString()).isTrue();
        });
        assertThat(List.of(health().at("/components/eventProcessors/status").asText())).containsExactly("DOWN");
    }

    private static JsonNode health() {
        return tracker.asAdmin().get("/actuator/health").json();
    }
}
