package nl.trajectorytracker.infra.mongo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.boot.health.contributor.Status;

import com.mongodb.MongoException;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;

import nl.trajectorytracker.infra.SmallDisk;
import nl.trajectorytracker.infra.health.MongoHealthIndicator;
import nl.trajectorytracker.infra.web.ProblemDetailsAdvice;

/**
 * When a commit of the data file fails for want of disk space, H2 stops the store for good. Nothing acknowledged may
 * be lost then: not by a later commit, not by closing the service, and a restart with room restores it all. Until
 * then every command is refused as by a server shutting down, which the service answers with 503.
 */
class StoppedStoreTest {

    @RegisterExtension
    final SmallDisk disk = new SmallDisk("tracker-stopped-store-test", 16);

    @Test
    void aStoreStoppedByAFullDisk_isReportedDown_refusesWrites_andARestartWithRoomRestoresEveryWrite()
            throws Exception {
        Path data = disk.path().resolve("data");
        Path room = disk.path().resolve("room");
        Path filler = disk.path().resolve("filler");
        int inserts = 3_000;
        EmbeddedMongo embedded = EmbeddedMongo.start(data, 0, Duration.ofHours(1), false);
        try (MongoClient client = MongoClients.create(embedded.connectionString("tracker"))) {
            MongoCollection<Document> commits = client.getDatabase("tracker").getCollection("event_commits")
                    .withWriteConcern(MongoConfiguration.WRITE_CONCERN);
            String filler1k = "x".repeat(1_000);
            for (long i = 0; i < inserts; i++) {
                commits.insertOne(new Document("_id", i).append("filler", filler1k));
            }
            commits.updateOne(new Document("_id", 7L), new Document("$set", new Document("changed", true)));
            commits.deleteOne(new Document("_id", 8L));
            // room for the journal's next generation, not for the data file's commit of three megabytes
            Files.write(room, new byte[1_536 * 1024]);
            disk.fill(filler);
            Files.delete(room);

            assertThatThrownBy(embedded::checkpoint).isInstanceOf(RuntimeException.class);
            assertThat(embedded.storeOpen()).isFalse();
            assertThatThrownBy(embedded::checkpoint).as("a stopped store is never taken for a committed one")
                    .isInstanceOf(RuntimeException.class);

            MongoHealthIndicator health = new MongoHealthIndicator(client.getDatabase("tracker"));
            assertThat(health.health(true).getStatus()).isEqualTo(Status.DOWN);
            MongoException refused = org.junit.jupiter.api.Assertions.assertThrows(MongoException.class,
                    () -> commits.insertOne(new Document("_id", -1L)));
            assertThat(refused.getCode()).isEqualTo(91);
            // whatever a request then fails with, it is told the service is unavailable, not that we erred
            var answer = new ProblemDetailsAdvice().unexpected(refused);
            assertThat(answer.getStatusCode().value()).isEqualTo(503);
            assertThat(answer.getHeaders().getFirst("Retry-After")).isNotBlank();
        } finally {
            embedded.close();
        }

        Files.delete(filler);
        EmbeddedMongo restarted = EmbeddedMongo.start(data, 0);
        try (MongoClient client = MongoClients.create(restarted.connectionString("tracker"))) {
            MongoCollection<Document> commits = client.getDatabase("tracker").getCollection("event_commits");
            assertThat(commits.countDocuments()).isEqualTo(inserts - 1);
            assertThat(commits.find(new Document("_id", 7L)).first().getBoolean("changed")).isTrue();
            assertThat(commits.find(new Document("_id", 8L)).first()).isNull();
        } finally {
            restarted.close();
        }
    }
}
