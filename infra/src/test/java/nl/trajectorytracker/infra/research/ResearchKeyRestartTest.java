package nl.trajectorytracker.infra.research;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.data.mongodb.core.MongoTemplate;

import com.fasterxml.jackson.databind.JsonNode;

import nl.trajectorytracker.infra.RunningTracker;
import nl.trajectorytracker.query.research.Study;

/**
 * The research key lives in the data directory, owner-only, never in MongoDB: after a restart the same key opens the
 * sealed study secrets, so pseudonyms stay the same; a study stored with its secret in plain text (before secrets
 * were sealed) is sealed at the next start and keeps its pseudonyms.
 */
class ResearchKeyRestartTest {

    @TempDir
    Path data;

    @Test
    void pseudonymsSurviveARestart_andAPlainSecretIsSealedAtStart() throws Exception {
        String plainSecret = Base64.getEncoder().encodeToString(new byte[32]);
        List<String> before;
        String study;
        try (RunningTracker tracker = RunningTracker.start(data)) {
            for (int i = 0; i < 3; i++) {
                RunningTracker.Client negotiator = tracker.createNegotiator("n" + i, "Insurer " + i);
                assertThat(negotiator.post("/api/trajectories", """
                        {"title": "T%d", "parties": [{"organisationName": "Insurer %d", "type": "INSURER"},
                                                    {"organisationName": "Provider %d", "type": "CARE_PROVIDER"}],
                         "occurredAt": "2024-04-0%dT09:00:00Z"}
                        """.formatted(i, i, i, i + 1)).status()).isEqualTo(201); // released: 2024 has ended
            }
            study = tracker.asAdmin().post("/api/admin/studies", "{\"name\": \"s\", \"purpose\": \"p\", \"k\": 2}")
                    .json().get("id").asText();
            MongoTemplate mongo = tracker.bean(MongoTemplate.class);
            // a study as an earlier version stored it: its secret in plain text
            mongo.save(new Document("_id", "legacy").append("name", "legacy").append("purpose", "p").append("k", 2)
                    .append("eventTypes", List.of()).append("fields", List.of()).append("secret", plainSecret)
                    .append("createdBy", "admin"), Study.COLLECTION);
            ResearchEndToEndTest.awaitResearchCaughtUp(tracker);
            RunningTracker.Client researcher = tracker.createResearcher("r", List.of(study, "legacy"));
            before = pseudonyms(researcher, study);
            assertThat(before).hasSize(3);
            Document stored = mongo.findById(study, Document.class, Study.COLLECTION);
            assertThat(stored).containsKey("sealedSecret").doesNotContainKey("secret");
        }
        assertThat(Files.getPosixFilePermissions(data.resolve("research-key")))
                .isEqualTo(PosixFilePermissions.fromString("rw-------"));

        try (RunningTracker tracker = RunningTracker.start(data)) {
            ResearchEndToEndTest.awaitResearchCaughtUp(tracker);
            RunningTracker.Client researcher = tracker.createResearcher("r2", List.of(study, "legacy"));
            assertThat(pseudonyms(researcher, study)).isEqualTo(before);
            Document legacy = tracker.bean(MongoTemplate.class).findById("legacy", Document.class, Study.COLLECTION);
            assertThat(legacy).containsKey("sealedSecret").doesNotContainKey("secret");
            assertThat(legacy.getString("sealedSecret")).doesNotContain(plainSecret);
            assertThat(pseudonyms(researcher, "legacy")).hasSize(3).doesNotContainAnyElementsOf(before);
        }
    }

    private static List<String> pseudonyms(RunningTracker.Client researcher, String study) {
        JsonNode histories = researcher.get("/api/research/studies/" + study + "/histories").json();
        List<String> pseudonyms = new ArrayList<>();
        histories.get("rows").forEach(row -> pseudonyms.add(row.get("trajectory").asText()));
        pseudonyms.sort(null);
        return pseudonyms;
    }
}
