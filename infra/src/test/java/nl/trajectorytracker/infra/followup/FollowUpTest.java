package nl.trajectorytracker.infra.followup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.UUID;

import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.data.mongodb.core.MongoOperations;

import io.micrometer.core.instrument.MeterRegistry;

import nl.trajectorytracker.api.events.FollowUpTrajectoryStarted;
import nl.trajectorytracker.api.events.TrajectoryStarted;
import nl.trajectorytracker.command.followup.FollowUpLinks;
import nl.trajectorytracker.infra.RunningTracker;
import nl.trajectorytracker.infra.observability.ObservabilityConfiguration;

/**
 * A follow-up touches two trajectories: through the HTTP API, every refusal comes before anything is written, and a
 * follow-up that is started is linked from its predecessor exactly once.
 */
class FollowUpTest {

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

    static final String INSURER_AND_HOSPITAL = """
            {"title": "Zilveren Kruis and Ziekenhuis Amstelland",
             "parties": [{"organisationName": "Zilveren Kruis", "type": "INSURER"},
                         {"organisationName": "Ziekenhuis Amstelland", "type": "CARE_PROVIDER"}]}
            """;
    static final String FOLLOW_UP = """
            {"title": "The next five years",
             "parties": [{"organisationName": "Zilveren Kruis", "type": "INSURER"},
                         {"organisationName": "Ziekenhuis Amstelland", "type": "CARE_PROVIDER"}]}
            """;

    /** A trajectory moved to its last phase (gates overridden), answering its id; it is at version 4. */
    static String inLastPhase(RunningTracker.Client negotiator) {
        String id = negotiator.post("/api/trajectories", INSURER_AND_HOSPITAL).json().get("id").asText();
        for (String phase : List.of("CO_DESIGN", "NEGOTIATION", "RUNNING_AGREEMENT", "AFTER_AGREEMENT")) {
            RunningTracker.Response advanced = negotiator.post("/api/trajectories/" + id + "/phase-advances",
                    "{\"to\": \"" + phase + "\", \"overrideReason\": \"Test set-up\"}");
            assertThat(advanced.status()).as(advanced.body()).isEqualTo(200);
        }
        return id;
    }

    private static long commits() {
        return tracker.bean(MongoOperations.class).getCollection("event_commits").countDocuments();
    }

    static double lag(String processor) {
        return tracker.bean(MeterRegistry.class).get(ObservabilityConfiguration.PROCESSOR_LAG)
                .tag("processor", processor).gauge().value();
    }

    private static List<Object> payloads(String trajectory) {
        return tracker.bean(EventStore.class).readEvents(trajectory).asStream()
                .map(DomainEventMessage::getPayload).map(Object.class::cast).toList();
    }

    @Test
    void aFollowUp_whosePartiesOmitTheCaller_is400NamingParties_andWritesNothing() {
        String id = inLastPhase(tracker.negotiator());
        long before = commits();

        RunningTracker.Response refused = tracker.post("/api/trajectories/" + id + "/follow-ups", """
                {"title": "Without us", "parties": [{"organisationName": "Ziekenhuis Amstelland",
                                                      "type": "CARE_PROVIDER"}]}
                """);

        assertThat(refused.status()).as(refused.body()).isEqualTo(400);
        assertThat(refused.header("Content-Type")).startsWith("application/problem+json");
        assertThat(refused.json().get("field").asText()).isEqualTo("parties");
        assertThat(commits()).isEqualTo(before);
        assertThat(payloads(id)).noneMatch(FollowUpTrajectoryStarted.class::isInstance);
    }

    /**
     * A predecessor named when starting was recorded unchecked: another organisation's trajectory, one not yet in its
     * last phase, or none at all. Only the follow-up request names one, after its checks.
     */
    @Test
    void aPlainStartNamingAPredecessor_is400NamingIt_andWritesNothing() {
        String notYetDone = tracker.post("/api/trajectories", INSURER_AND_HOSPITAL).json().get("id").asText();
        long before = commits();

        for (String predecessor : List.of(notYetDone, java.util.UUID.randomUUID().toString())) {
            RunningTracker.Response refused = tracker.post("/api/trajectories", """
                    {"title": "Unchecked", "parties": [{"organisationName": "Zilveren Kruis", "type": "INSURER"}],
                     "predecessorId": "%s"}""".formatted(predecessor));

            assertThat(refused.status()).as(refused.body()).isEqualTo(400);
            assertThat(refused.json().get("field").asText()).isEqualTo("predecessorId");
        }
        assertThat(commits()).isEqualTo(before);
    }

    @Test
    void aFollowUp_refusedByThePredecessor_writesNeitherTrajectory() {
        String early = tracker.post("/api/trajectories", INSURER_AND_HOSPITAL).json().get("id").asText();
        String last = inLastPhase(tracker.negotiator());
        RunningTracker.Client outsider = tracker.createNegotiator("outsider-" + UUID.randomUUID(), "Menzis");
        long before = commits();

        RunningTracker.Response notYet = tracker.post("/api/trajectories/" + early + "/follow-ups", FOLLOW_UP);
        RunningTracker.Response stale = tracker.post("/api/trajectories/" + last + "/follow-ups", FOLLOW_UP,
                "If-Match", "\"1\"");
        RunningTracker.Response foreign = outsider.post("/api/trajectories/" + last + "/follow-ups", """
                {"title": "Ours now", "parties": [{"organisationName": "Menzis", "type": "INSURER"}]}
                """);

        assertThat(notYet.status()).as(notYet.body()).isEqualTo(409);
        assertThat(notYet.json().get("type").asText()).isEqualTo("urn:trajectory-tracker:error:step-not-yet-allowed");
        assertThat(stale.status()).as(stale.body()).isEqualTo(412);
        assertThat(stale.header("ETag")).isEqualTo("\"4\"");
        assertThat(foreign.status()).as(foreign.body()).isEqualTo(404);
        assertThat(commits()).as("no trajectory started, no link recorded").isEqualTo(before);
    }

    @Test
    void aFollowUp_isStarted_andLinkedFromItsPredecessorOnce() {
        String id = inLastPhase(tracker.negotiator());

        RunningTracker.Response created = tracker.post("/api/trajectories/" + id + "/follow-ups", FOLLOW_UP,
                "If-Match", "\"4\"");

        assertThat(created.status()).as(created.body()).isEqualTo(201);
        String followUp = created.json().get("id").asText();
        assertThat(created.header("Location")).isEqualTo("/api/trajectories/" + followUp);
        assertThat(payloads(followUp)).singleElement().isInstanceOfSatisfying(TrajectoryStarted.class,
                started -> assertThat(started.predecessorId().value()).isEqualTo(id));
        // the follow-up links, which would complete a link lost with the process, have handled the start too
        await().atMost(Duration.ofSeconds(15)).until(() -> lag(FollowUpLinks.NAME) == 0);
        assertThat(payloads(id)).filteredOn(FollowUpTrajectoryStarted.class::isInstance).singleElement()
                .isInstanceOfSatisfying(FollowUpTrajectoryStarted.class,
                        link -> assertThat(link.followUpTrajectoryId().value()).isEqualTo(followUp));
    }
}
