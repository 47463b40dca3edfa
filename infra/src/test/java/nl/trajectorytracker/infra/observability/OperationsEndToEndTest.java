package nl.trajectorytracker.infra.observability;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

import com.fasterxml.jackson.databind.JsonNode;

import nl.trajectorytracker.infra.RunningTracker;

/** What operators and integrators see: the OpenAPI description, the metrics, the info and correlation ids. */
class OperationsEndToEndTest {

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

    @Test
    void theApiDocs_areOpen_listEveryApiPath_andEveryRequestBodyHasAnExample() {
        RunningTracker.Response docs = tracker.anonymous().get("/v3/api-docs");
        assertThat(docs.status()).as(docs.body()).isEqualTo(200);
        JsonNode paths = docs.json().get("paths");

        Set<String> mapped = new TreeSet<>();
        tracker.context().getBean("requestMappingHandlerMapping", RequestMappingHandlerMapping.class)
                .getHandlerMethods().keySet()
                .forEach(info -> info.getPatternValues().stream().filter(path -> path.startsWith("/api"))
                        .forEach(mapped::add));
        assertThat(mapped).hasSizeGreaterThan(56);
        Set<String> documented = new TreeSet<>();
        paths.fieldNames().forEachRemaining(documented::add);
        assertThat(documented).containsAll(mapped);

        List<String> withoutExample = new ArrayList<>();
        int posts = 0;
        for (String path : documented) {
            JsonNode post = paths.get(path).get("post");
            if (post == null || !post.has("requestBody")) {
                continue;
            }
            posts++;
            post.at("/requestBody/content").forEach(media -> {
                if (!media.has("example")) {
                    withoutExample.add(path);
                }
            });
        }
        assertThat(posts).isGreaterThan(56);
        assertThat(withoutExample).isEmpty();
        assertThat(docs.json().at("/components/securitySchemes/bearer/scheme").asText()).isEqualTo("bearer");
        assertThat(docs.json().at("/info/title").asText()).isEqualTo("Trajectory Tracker API");
        assertThat(paths.at("/~1api~1trajectories~1{id}~1batna/post/tags/0").asText())
                .isEqualTo("Internal preparation");
        assertThat(tracker.anonymous().get("/swagger-ui/index.html").status()).isEqualTo(200);
    }

    @Test
    void prometheus_showsEventsAppended_commandLatency_andProcessorLag_toTheAdministrator() {
        RunningTracker.Response created = tracker.post("/api/trajectories", """
                {"title": "Metrics", "parties": [{"organisationName": "Zilveren Kruis", "type": "INSURER"},
                    {"organisationName": "Ziekenhuis Amstelland", "type": "CARE_PROVIDER"}]}
                """);
        assertThat(created.status()).isEqualTo(201);

        RunningTracker.Response scrape = tracker.asAdmin().get("/actuator/prometheus");
        assertThat(scrape.status()).as(scrape.body()).isEqualTo(200);
        assertThat(scrape.body())
                .contains("tracker_events_appended_total{type=\"TrajectoryStarted\"}")
                .contains("tracker_command_latency_seconds_count{command=\"StartTrajectory\",outcome=\"success\"}")
                .contains("tracker_processor_lag{processor=")
                .contains("tracker_processor_replay_progress{processor=");
        assertThat(tracker.get("/actuator/prometheus").status()).isEqualTo(403);

        JsonNode info = tracker.asAdmin().get("/actuator/info").json();
        assertThat(info.at("/app/name").asText()).isEqualTo("Trajectory Tracker");
        assertThat(info.at("/build/version").asText()).isNotBlank();
    }

    @Test
    void theCorrelationId_isAnswered_andCarriedByTheEvents() {
        RunningTracker.Response created = tracker.post("/api/trajectories", """
                {"title": "Correlated", "parties": [{"organisationName": "Zilveren Kruis", "type": "INSURER"}]}
                """, CorrelationIds.HEADER, "req-42");
        assertThat(created.status()).isEqualTo(201);
        assertThat(created.header(CorrelationIds.HEADER)).isEqualTo("req-42");
        String id = created.json().get("id").asText();

        DomainEventMessage<?> started = tracker.bean(EventStore.class).readEvents(id).next();
        assertThat(started.getMetaData().get(CorrelationIds.METADATA_KEY)).isEqualTo("req-42");

        RunningTracker.Response generated = tracker.anonymous().get("/actuator/health");
        assertThat(generated.header(CorrelationIds.HEADER)).isNotBlank();
    }
}
