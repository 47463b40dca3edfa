package nl.trajectorytracker.infra.projections;

import static com.mongodb.client.model.Filters.eq;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;

import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Updates;

import nl.trajectorytracker.infra.RunningTracker;
import nl.trajectorytracker.infra.mongo.EmbeddedMongo;
import nl.trajectorytracker.query.trajectoryoverview.TrajectoryOverviewProjection;

/**
 * A database administrator moves a read model's tracking token forward, past steps still to come: the read model
 * would skip them, for good and without a trace, while every trajectory verifies OK. The token is sealed: one that
 * was changed is not gone on from, and the read model is rebuilt from the start of the store.
 */
class MovedTrackingTokenTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String SEGMENT = TrajectoryOverviewProjection.NAME + "/0";

    @TempDir
    Path data;

    @Test
    void aTokenMovedForward_skipsNoStep_theReadModelIsRebuiltFromTheStore() throws Exception {
        try (RunningTracker tracker = RunningTracker.start(data);
                MongoClient administrator = MongoClients.create(
                        tracker.bean(EmbeddedMongo.class).connectionString("tracker"))) {
            RunningTracker.Client negotiator = tracker.negotiator();
            RunningTracker.Client auditor = tracker.createAuditor("audrey-auditor");
            String before = negotiator.startTrajectory("Started before the token was moved");
            auditor.getEventually("/api/trajectories/" + before, 200);

            StreamingEventProcessor overview = tracker.bean(EventProcessingConfiguration.class)
                    .eventProcessor(TrajectoryOverviewProjection.NAME, StreamingEventProcessor.class).orElseThrow();
            overview.shutDown();
            MongoCollection<Document> tokens = administrator.getDatabase("tracker").getCollection("tracking_tokens");
            long reached = JSON.readTree(tokens.find(eq("_id", SEGMENT)).first().getString("token"))
                    .get("globalIndex").asLong();
            long forged = reached + 1024L * 1000;
            tokens.updateOne(eq("_id", SEGMENT), Updates.set("token", "{\"globalIndex\":" + forged + "}"));
            overview.start();

            String after = negotiator.startTrajectory("Started after the token was moved");
            await("the step after the moved token in the overview").atMost(Duration.ofSeconds(60))
                    .pollInterval(Duration.ofMillis(200))
                    .until(() -> auditor.get("/api/trajectories/" + after).status() == 200);
            assertThat(auditor.get("/api/trajectories/" + before).status()).isEqualTo(200);
            await("a token of the service's own in place of the forged one").atMost(Duration.ofSeconds(30))
                    .until(() -> JSON.readTree(tokens.find(eq("_id", SEGMENT)).first().getString("token"))
                            .get("globalIndex").asLong() < forged);
        }
    }
}
