package nl.trajectorytracker.infra.mongo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import org.bson.Document;
import org.bson.RawBsonDocument;
import org.bson.codecs.DocumentCodec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.support.StaticListableBeanFactory;
import org.springframework.boot.health.contributor.Status;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;

import nl.trajectorytracker.infra.SmallDisk;
import nl.trajectorytracker.infra.health.MongoHealthIndicator;
import nl.trajectorytracker.infra.web.ProblemDetailsAdvice;

/**
 * When a commit of the H2 store fails for want of disk space, H2 stops the store for good. Nothing journaled may be
 * lost then: not by a later commit, not by closing the service, and a restart with room restores it all.
 */
class StoppedStoreTest {

    @RegisterExtension
    final SmallDisk disk = new SmallDisk("tracker-stopped-store-test", 16);

    @Test
    void aStoreStoppedByAFullDisk_isReportedDown_keepsTheJournal_andARestartWithRoomRestoresEveryInsert()
            throws Exception {
        Path data = disk.path().resolve("data");
        Path room = disk.path().resolve("room");
        Path filler = disk.path().resolve("filler");
        int inserts = 3_000;
        EmbeddedMongo embedded = EmbeddedMongo.start(data, 0, Duration.ofHours(1), false);
        try (MongoClient client = MongoClients.create(embedded.connectionString("tracker"))) {
            MongoCollection<Document> commits = client.getDatabase("tracker").getCollection("event_commits");
            String filler1k = "x".repeat(1_000);
            for (long i = 0; i < inserts; i++) {
                RawBsonDocument document = new RawBsonDocument(new Document("_id", i).append("filler", filler1k),
                        new DocumentCodec());
                try (InsertJournal.Reservation journal = embedded.reserveJournal("tracker", "event_commits",
                        document)) {
                    commits.withDocumentClass(RawBsonDocument.class).insertOne(document);
                    journal.append(document);
                }
            }
            // room for the journal's next generation, not for the store's commit of three megabytes
            Files.write(room, new byte[1_536 * 1024]);
            disk.fill(filler);
            Files.delete(room);

            assertThatThrownBy(embedded::commit).isInstanceOf(RuntimeException.class);
            assertThat(embedded.storeOpen()).isFalse();
            assertThatThrownBy(embedded::commit).as("a stopped store is never taken for a committed one")
                    .isInstanceOf(RuntimeException.class);

            ObjectProvider<EmbeddedMongo> provider = new StaticListableBeanFactory(Map.of("embedded", embedded))
                    .getBeanProvider(EmbeddedMongo.class);
            MongoHealthIndicator health = new MongoHealthIndicator(client.getDatabase("tracker"), provider);
            assertThat(health.health(true).getStatus()).isEqualTo(Status.DOWN);
            // whatever a request then fails with, it is told the service is unavailable, not that we erred
            var answer = new ProblemDetailsAdvice(provider).unexpected(new IllegalStateException("Map is closed"));
            assertThat(answer.getStatusCode().value()).isEqualTo(503);
            assertThat(answer.getBody().getDetail()).contains("restart");
        } finally {
            embedded.close();
        }

        Files.delete(filler);
        EmbeddedMongo restarted = EmbeddedMongo.start(data, 0);
        try (MongoClient client = MongoClients.create(restarted.connectionString("tracker"))) {
            assertThat(client.getDatabase("tracker").getCollection("event_commits").countDocuments())
                    .isEqualTo(inserts);
        } finally {
            restarted.close();
        }
    }
}
