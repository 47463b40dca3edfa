package nl.trajectorytracker.infra.projections;

import static com.mongodb.client.model.Filters.eq;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.bson.Document;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Updates;

import io.micrometer.core.instrument.MeterRegistry;

import nl.trajectorytracker.api.values.PersonalData;
import nl.trajectorytracker.infra.RunningTracker;
import nl.trajectorytracker.infra.mongo.EmbeddedMongo;
import nl.trajectorytracker.query.trajectoryoverview.TrajectoryOverviewProjection;

/**
 * A database administrator changes what the read models stand on. A stored event rewritten into one the application
 * cannot read: the audit finds it (the trajectory verifies BROKEN) and its history shows it as stored; the read models
 * skip it, where they once waited for it for good: every trajectory's read models stopped, and every rebuild failed,
 * the one that takes an erased person's name out of the read models too. A read model's document rewritten into one
 * the service cannot read: the others still answer, where one such document failed every list page.
 */
class ReadModelsUnderTamperingTest {

    private static final Duration READ_MODELS = Duration.ofSeconds(30);

    @TempDir
    static Path data;

    private static RunningTracker tracker;
    private static RunningTracker.Client negotiator;
    private static RunningTracker.Client auditor;
    private static MongoClient administrator;

    @BeforeAll
    static void start() {
        tracker = RunningTracker.start(data);
        negotiator = tracker.negotiator();
        auditor = tracker.createAuditor("audrey-auditor");
        administrator = MongoClients.create(tracker.bean(EmbeddedMongo.class).connectionString("tracker"));
    }

    @AfterAll
    static void stop() {
        administrator.close();
        tracker.close();
    }

    /** A trajectory with two notes (sequences 1 and 2) after its start. */
    private static String trajectoryWithNotes(RunningTracker.Client by) {
        String id = by.startTrajectory("Zilveren Kruis and Ziekenhuis Amstelland");
        for (String text : new String[] {"First meeting held", "Second meeting held"}) {
            RunningTracker.Response note = by.post("/api/trajectories/" + id + "/notes", "{\"text\": \"" + text
                    + "\"}");
            assertThat(note.status()).as(note.body()).isEqualTo(200);
        }
        return id;
    }

    /** Rewrites the payload of the event at this sequence so that its trajectory id is no UUID. */
    private static void makeUnreadable(String id, long sequence) {
        MongoCollection<Document> commits = administrator.getDatabase("tracker").getCollection("event_commits");
        Document commit = commits.find(eq("key", id + "#" + sequence)).first();
        String payload = commit.getList("events", Document.class).get(0).getString("payload");
        assertThat(payload).contains(id);
        commits.updateOne(eq("key", id + "#" + sequence),
                new Document("$set", new Document("events.0.payload", payload.replace(id, "REWRITTEN"))));
    }

    private static StreamingEventProcessor overviewProcessor() {
        return tracker.bean(EventProcessingConfiguration.class)
                .eventProcessor(TrajectoryOverviewProjection.NAME, StreamingEventProcessor.class).orElseThrow();
    }

    private static double skipped() {
        return tracker.bean(MeterRegistry.class).find(UnreadableEvents.SKIPPED).counters().stream()
                .mapToDouble(counter -> counter.count()).sum();
    }

    private static String startedBy(String id) {
        RunningTracker.Response overview = auditor.get("/api/trajectories/" + id);
        return overview.status() == 200 ? overview.json().get("startedBy").asText() : null;
    }

    /**
     * The read models keep their own copy of a trajectory's parties: an organisation added to the overview's document
     * in the database was shown the trajectory's summary (title, parties, conclusion). Who may reach a trajectory is
     * decided by its first stored event, which the audit chain covers.
     */
    @Test
    void anOrganisationAddedToTheReadModelsParties_reachesNothing() {
        String id = trajectoryWithNotes(negotiator);
        RunningTracker.Client intruder = tracker.createNegotiator("ivo-intruder", "Intruder Zorg");
        negotiator.getEventually("/api/trajectories/" + id + "/decisions", 200);
        Document party = new Document("organisationName", "Intruder Zorg").append("type", "CARE_PROVIDER");
        MongoDatabase database = administrator.getDatabase("tracker");
        for (String collection : List.of("trajectory_overview", "decision_history", "monitoring",
                "stakeholder_network")) {
            database.getCollection(collection).updateOne(eq("_id", id), Updates.push("parties", party));
        }

        for (String path : List.of("", "/decisions", "/monitoring", "/stakeholders", "/trust", "/phases", "/history",
                "/verify")) {
            assertThat(intruder.get("/api/trajectories/" + id + path).status()).as(path).isEqualTo(404);
        }
        assertThat(intruder.post("/api/trajectories/" + id + "/notes", "{\"text\": \"mine now\"}").status())
                .isEqualTo(404);
        assertThat(negotiator.get("/api/trajectories/" + id).status()).isEqualTo(200);

        // the party's next step has the overview write the changed parties back as its own: the lists still ask the
        // record who the parties are
        assertThat(negotiator.post("/api/trajectories/" + id + "/notes", "{\"text\": \"Third meeting held\"}")
                .status()).isEqualTo(200);
        await().atMost(READ_MODELS).until(() -> {
            for (JsonNode item : negotiator.get("/api/trajectories?page=0&size=200").json().get("items")) {
                if (item.get("id").asText().equals(id) && item.get("version").asLong() == 3) {
                    return true;
                }
            }
            return false;
        });
        JsonNode listed = intruder.get("/api/trajectories?page=0&size=200").json();
        assertThat(listed.get("items").findValuesAsText("id")).doesNotContain(id);
    }

    @Test
    void aLiveReadModel_skipsAnEventAlteredBeyondReading_andGoesOnWithTheOthers() {
        StreamingEventProcessor overview = overviewProcessor();
        overview.shutDown();
        String altered;
        try {
            altered = trajectoryWithNotes(negotiator);
            makeUnreadable(altered, 1);
        } finally {
            overview.start();
        }
        String later = negotiator.startTrajectory("Started after the altered event");

        await("the overview goes on after the altered event").atMost(READ_MODELS)
                .until(() -> auditor.get("/api/trajectories/" + later).status() == 200);
        assertThat(skipped()).isPositive();
        JsonNode verification = auditor.get("/api/trajectories/" + altered + "/verify").json();
        assertThat(verification.get("status").asText()).isEqualTo("BROKEN");
        RunningTracker.Response history = auditor.get("/api/trajectories/" + altered + "/history");
        assertThat(history.status()).as(history.body()).isEqualTo(200);
        assertThat(history.body()).as("the history shows the event as stored").contains("REWRITTEN");
        JsonNode health = tracker.asAdmin().get("/actuator/health").json();
        assertThat(health.at("/components/eventProcessors/status").asText()).as(health.toString()).isEqualTo("UP");
    }

    @Test
    void theRebuildAfterAnErasure_finishesDespiteAnAlteredEvent_andTheNameIsGone() {
        String erin = "erin-" + java.util.UUID.randomUUID();
        RunningTracker.Client erinsClient = tracker.createNegotiator(erin, RunningTracker.DEFAULT_ORGANISATION);
        String erinsTrajectory = erinsClient.startTrajectory("Erin's trajectory");
        makeUnreadable(trajectoryWithNotes(negotiator), 2);
        await().atMost(READ_MODELS).until(() -> erin.equals(startedBy(erinsTrajectory)));

        RunningTracker.Response erased = tracker.asAdmin().post("/api/admin/erasures", "{\"person\": \"" + erin
                + "\"}");

        assertThat(erased.status()).as(erased.body()).isEqualTo(200);
        JsonNode rebuilds = await("every rebuild ends").atMost(Duration.ofSeconds(60)).until(
                () -> tracker.asAdmin().get("/api/admin/projections").json(),
                all -> all.findValues("state").stream().noneMatch(state -> state.asText().equals("QUEUED")
                        || state.asText().equals("REBUILDING")));
        assertThat(rebuilds.findValues("state")).as(rebuilds.toString()).isNotEmpty()
                .allMatch(state -> state.asText().equals("FINISHED"));
        assertThat(startedBy(erinsTrajectory)).isEqualTo(PersonalData.ERASED);
    }

    @Test
    void aReadModelDocumentAlteredBeyondReading_failsNoOneElsesPage_andARebuildWritesItAnew() {
        String damaged = negotiator.startTrajectory("Its summary and state are damaged");
        String intact = negotiator.startTrajectory("Its summary and state are intact");
        await().atMost(READ_MODELS).until(() -> auditor.get("/api/trajectories/" + intact + "/phases").status() == 200
                && auditor.get("/api/trajectories/" + damaged + "/phases").status() == 200);
        var database = administrator.getDatabase("tracker");
        database.getCollection("trajectory_overview").updateOne(eq("_id", damaged), new Document("$set",
                new Document("parties", java.util.List.of(new Document("organisationName", "Zilveren Kruis")
                        .append("type", "NO_SUCH_TYPE")))));
        database.getCollection("phase_state").updateOne(eq("_id", damaged), new Document("$set",
                new Document("version", "not a number")));

        RunningTracker.Response list = auditor.get("/api/trajectories?size=100");
        RunningTracker.Response phases = auditor.get("/api/trajectories/" + damaged + "/phases");

        assertThat(list.status()).as(list.body()).isEqualTo(200);
        assertThat(list.body()).contains(intact).doesNotContain(damaged);
        assertThat(auditor.get("/api/trajectories/" + damaged).status()).isEqualTo(404);
        assertThat(phases.status()).as(phases.body()).isEqualTo(200);
        assertThat(phases.json().get("source").asText()).as("read from the events").isEqualTo("event-store");

        RunningTracker.Response rebuild = tracker.asAdmin().post("/api/admin/projections/rebuild", "{}");
        assertThat(rebuild.status()).as(rebuild.body()).isIn(200, 202);
        await("the rebuilt overview lists it again").atMost(Duration.ofSeconds(60))
                .until(() -> auditor.get("/api/trajectories?size=100").body().contains(damaged));
        await().atMost(READ_MODELS).until(() -> "read-model".equals(auditor.get("/api/trajectories/" + damaged
                + "/phases").json().get("source").asText()));
    }

    /**
     * One document each: the overview's revision rewritten into junk answered every list page 500 and stopped the
     * overview's projection for good; the research revision, every research view; a decision history, its page.
     */
    @Test
    void aRevisionOrDecisionHistoryAlteredBeyondReading_breaksNoPage_andStopsNoReadModel() {
        String before = negotiator.startTrajectory("Listed before the revision was damaged");
        await().atMost(READ_MODELS).until(() -> auditor.get("/api/trajectories/" + before + "/decisions").status()
                == 200 && auditor.get("/api/trajectories?size=100").body().contains(before));
        var database = administrator.getDatabase("tracker");
        database.getCollection("trajectory_overview_revision").updateOne(eq("_id", "overview"), new Document("$set",
                new Document("checksum", 12345).append("recent", java.util.List.of(new Document("a", 1)))));
        database.getCollection("decision_history").updateOne(eq("_id", before), new Document("$set",
                new Document("entries", "x")));

        RunningTracker.Response list = auditor.get("/api/trajectories?size=100");
        assertThat(list.status()).as(list.body()).isEqualTo(200);
        assertThat(list.body()).contains(before);
        RunningTracker.Response decisions = auditor.get("/api/trajectories/" + before + "/decisions");
        assertThat(decisions.status()).as(decisions.body()).isEqualTo(409);
        assertThat(decisions.json().get("type").asText()).endsWith("record-unreadable");

        String after = negotiator.startTrajectory("Listed after the revision was damaged");
        await("the overview goes on").atMost(READ_MODELS)
                .until(() -> auditor.get("/api/trajectories?size=100").body().contains(after));
        assertThat(overviewProcessor().isError()).isFalse();
    }

    /**
     * Loaded from its events (as after a restart; here with the cached trajectories dropped), a trajectory with an
     * event altered beyond reading cannot decide a step, which answered 500: its own negotiator learns that the record
     * cannot be read, anyone else only what a missing trajectory tells.
     */
    @Test
    void aStepOnARecordAlteredBeyondReading_isRefusedAsUnreadable_andToOthersAsMissing() {
        String altered = negotiator.startTrajectory("Its strategic goal is altered");
        RunningTracker.Response goal = negotiator.post("/api/trajectories/" + altered + "/strategic-goals",
                "{\"goalId\": \"G1\", \"goal\": \"A multi-year agreement on value for patients\","
                        + " \"challenge\": \"Waiting lists grow while premiums must stay affordable\"}");
        assertThat(goal.status()).as(goal.body()).isEqualTo(200);
        makeUnreadable(altered, 1); // a goal: the trajectory needs it to decide later steps
        tracker.bean(org.axonframework.common.caching.Cache.class).removeAll();
        RunningTracker.Client other = tracker.createNegotiator("other-" + java.util.UUID.randomUUID(), "Menzis");
        String note = "{\"text\": \"A step on the altered trajectory\"}";

        RunningTracker.Response own = negotiator.post("/api/trajectories/" + altered + "/notes", note);
        RunningTracker.Response foreign = other.post("/api/trajectories/" + altered + "/notes", note);
        RunningTracker.Response missing = other.post("/api/trajectories/" + java.util.UUID.randomUUID() + "/notes",
                note);

        assertThat(own.status()).as(own.body()).isEqualTo(409);
        assertThat(own.json().get("type").asText()).endsWith(":record-unreadable");
        assertThat(foreign.status()).as(foreign.body()).isEqualTo(404);
        assertThat(foreign.json().get("type")).isEqualTo(missing.json().get("type"));
        assertThat(foreign.json().get("code")).isEqualTo(missing.json().get("code"));
    }
}
