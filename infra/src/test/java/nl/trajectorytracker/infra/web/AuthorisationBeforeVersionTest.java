package nl.trajectorytracker.infra.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.data.mongodb.core.MongoOperations;

import com.fasterxml.jackson.databind.JsonNode;

import nl.trajectorytracker.infra.RunningTracker;

/**
 * Through the HTTP API: access is decided before the version. A negotiator of another organisation gets the same
 * 404 for a trajectory that exists as for one that does not, whatever {@code If-Match} or {@code Idempotency-Key} it
 * sends, and nothing is written; a party's negotiator with a stale {@code If-Match} gets 412 with the current
 * version as {@code ETag} and {@code current_version}.
 */
class AuthorisationBeforeVersionTest {

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

    private static final String INSURER_AND_HOSPITAL = """
            {"title": "Zilveren Kruis and Ziekenhuis Amstelland",
             "parties": [{"organisationName": "Zilveren Kruis", "type": "INSURER"},
                         {"organisationName": "Ziekenhuis Amstelland", "type": "CARE_PROVIDER"}]}
            """;

    private static String trajectoryAtVersion2() {
        String id = tracker.post("/api/trajectories", INSURER_AND_HOSPITAL).json().get("id").asText();
        assertThat(tracker.post("/api/trajectories/" + id + "/notes", "{\"text\": \"one\"}").status()).isEqualTo(200);
        assertThat(tracker.post("/api/trajectories/" + id + "/notes", "{\"text\": \"two\"}").status()).isEqualTo(200);
        return id;
    }

    private static long commits() {
        return tracker.bean(MongoOperations.class).getCollection("event_commits").countDocuments();
    }

    @Test
    void aForeignTrajectory_answersExactlyAsAnUnknownOne_whateverTheHeaders() {
        String id = trajectoryAtVersion2();
        String unknown = UUID.randomUUID().toString();
        RunningTracker.Client outsider = tracker.createNegotiator("outsider-" + UUID.randomUUID(), "Menzis");
        List<String[]> headerSets = List.of(new String[0], new String[] {"If-Match", "\"999\""},
                new String[] {"If-Match", "\"2\""}, new String[] {"If-Match", "\"1\""},
                new String[] {"If-Match", "\"0\""}, new String[] {"If-Match", "*"},
                new String[] {"If-Match", "W/\"2\""}, new String[] {"Idempotency-Key", "probe-" + UUID.randomUUID()},
                new String[] {"If-Match", "\"3\"", "Idempotency-Key", "probe-" + UUID.randomUUID()});
        long before = commits();

        List<String> answers = new ArrayList<>();
        for (String[] headers : headerSets) {
            for (String target : List.of(id, unknown)) {
                for (String step : List.of("notes", "follow-ups")) {
                    String body = step.equals("notes") ? "{\"text\": \"probe\"}" : """
                            {"title": "Probe", "parties": [{"organisationName": "Menzis", "type": "INSURER"}]}
                            """;
                    RunningTracker.Response response = outsider.post("/api/trajectories/" + target + "/" + step,
                            body, headers);
                    assertThat(response.status()).as("%s %s %s", step, String.join(" ", headers), response.body())
                            .isEqualTo(404);
                    assertThat(response.header("Content-Type")).startsWith("application/problem+json");
                    assertThat(response.header("ETag")).isNull();
                    JsonNode problem = response.json();
                    assertThat(problem.has("current_version")).isFalse();
                    answers.add(problem.get("type").asText() + " " + problem.get("title").asText() + " "
                            + problem.get("detail").asText().replace(target, "<id>"));
                }
            }
        }

        assertThat(answers).containsOnly("urn:trajectory-tracker:error:trajectory-not-found Not Found "
                + "No trajectory with id <id>");
        assertThat(commits()).as("nothing was written").isEqualTo(before);
    }

    @Test
    void aParty_withAStaleVersion_isToldTheCurrentOne_asETagAndCurrentVersion() {
        String id = trajectoryAtVersion2();

        for (String stale : List.of("\"999\"", "\"3\"", "\"1\"", "\"0\"")) {
            RunningTracker.Response response = tracker.post("/api/trajectories/" + id + "/notes",
                    "{\"text\": \"stale\"}", "If-Match", stale);

            assertThat(response.status()).as(stale + ": " + response.body()).isEqualTo(412);
            assertThat(response.header("Content-Type")).startsWith("application/problem+json");
            assertThat(response.header("ETag")).isEqualTo("\"2\"");
            assertThat(response.json().get("current_version").asLong()).isEqualTo(2);
            assertThat(response.json().get("type").asText()).isEqualTo("urn:trajectory-tracker:error:stale-version");
        }
        RunningTracker.Response current = tracker.post("/api/trajectories/" + id + "/notes",
                "{\"text\": \"current\"}", "If-Match", "\"2\"");
        assertThat(current.status()).isEqualTo(200);
        assertThat(current.header("ETag")).isEqualTo("\"3\"");
    }
}
