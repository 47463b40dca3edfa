package nl.trajectorytracker.infra.audit;

import static com.mongodb.client.model.Filters.eq;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;

import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.data.mongodb.core.MongoTemplate;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Updates;

import nl.trajectorytracker.infra.RunningTracker;

/**
 * A snapshot decides what the next command may do, and the audit chain does not cover it: a database writer who
 * added a party to a trajectory's snapshot and moved its phase had the service accept (and sign, and verify OK) a
 * note by an organisation that is no party and a proposal the trajectory's phase does not allow yet. Snapshots are
 * sealed: one changed, or put in as junk, is not used, and the trajectory is loaded from its events.
 */
class SnapshotTamperingTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String PROPOSAL = """
            {"proposalId": "P1", "by": "Zilveren Kruis",
             "terms": {"model": "FEE_FOR_SERVICE", "durationMonths": 12, "description": "A year"}}""";

    @TempDir
    Path data;

    @Test
    void aSnapshotChangedInTheDatabase_isNotUsed_theTrajectoryIsLoadedFromItsEvents() throws Exception {
        String id;
        try (RunningTracker tracker = RunningTracker.start(data, "tracker.snapshot-every=5")) {
            RunningTracker.Client negotiator = tracker.negotiator();
            id = negotiator.startTrajectory("Snapshot tampering");
            for (int i = 0; i < 6; i++) {
                assertThat(negotiator.post("/api/trajectories/" + id + "/notes", "{\"text\": \"note " + i + "\"}")
                        .status()).isEqualTo(200);
            }
            MongoCollection<Document> snapshots = tracker.bean(MongoTemplate.class).getCollection("event_snapshots");
            await().atMost(Duration.ofSeconds(20)).until(() -> snapshots.find(eq("_id", id)).first() != null);
            Document snapshot = snapshots.find(eq("_id", id)).first();
            ObjectNode state = (ObjectNode) JSON.readTree(snapshot.getString("payload"));
            ArrayNode parties = (ArrayNode) state.get("parties");
            parties.addObject().put("organisationName", "Intruder").put("type", "CARE_PROVIDER");
            state.put("phase", "NEGOTIATION");
            snapshots.updateOne(eq("_id", id), Updates.set("payload", JSON.writeValueAsString(state)));
        }

        try (RunningTracker tracker = RunningTracker.start(data, "tracker.snapshot-every=5")) {
            RunningTracker.Client intruder = tracker.createNegotiator("intruder", "Intruder");
            RunningTracker.Client negotiator = tracker.createNegotiator("party", RunningTracker.DEFAULT_ORGANISATION);

            assertThat(intruder.post("/api/trajectories/" + id + "/notes", "{\"text\": \"mine now\"}").status())
                    .isEqualTo(404);
            RunningTracker.Response proposal = negotiator.post("/api/trajectories/" + id + "/proposals", PROPOSAL);
            assertThat(proposal.status()).as(proposal.body()).isEqualTo(409);
            assertThat(proposal.json().get("type").asText()).endsWith("step-not-yet-allowed");
            assertThat(negotiator.post("/api/trajectories/" + id + "/notes", "{\"text\": \"still mine\"}").status())
                    .isEqualTo(200);
            assertThat(tracker.createAuditor("auditor").get("/api/trajectories/" + id + "/verify").json()
                    .get("status").asText()).isEqualTo("OK");
        }
    }

    /** Junk in the place of a snapshot stopped every step of a trajectory that verifies OK (409 record-unreadable). */
    @Test
    void junkInThePlaceOfASnapshot_stopsNoStep() {
        try (RunningTracker tracker = RunningTracker.start(data)) {
            RunningTracker.Client negotiator = tracker.negotiator();
            String id = negotiator.startTrajectory("Junk snapshot");
            tracker.bean(MongoTemplate.class).getCollection("event_snapshots").insertOne(new Document("_id", id)
                    .append("type", "TrajectoryAggregate").append("seq", 0L).append("id", "junk")
                    .append("ts", "2026-01-01T00:00:00Z").append("ptype", "nl.Junk").append("payload", "{not json")
                    .append("meta", "{}"));
            // the aggregate is cached after its start: only a restart reads the snapshot
            tracker.close();
            try (RunningTracker again = RunningTracker.start(data)) {
                RunningTracker.Client party = again.createNegotiator("party", RunningTracker.DEFAULT_ORGANISATION);
                RunningTracker.Response note = party.post("/api/trajectories/" + id + "/notes", "{\"text\": \"x\"}");
                assertThat(note.status()).as(note.body()).isEqualTo(200);
            }
        }
    }
}
