package nl.trajectorytracker.infra.health;

import org.bson.Document;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.boot.health.contributor.Health;
import org.springframework.stereotype.Component;

import com.mongodb.client.MongoDatabase;

import nl.trajectorytracker.infra.mongo.EmbeddedMongo;

/**
 * Reports whether MongoDB answers. Uses {@code ping}, which both a real MongoDB and the embedded server know
 * (Spring Boot's own indicator sends {@code hello}, which the embedded server does not).
 */
@Component("mongoHealthIndicator")
public class MongoHealthIndicator extends AbstractHealthIndicator {

    private final MongoDatabase database;
    private final EmbeddedMongo embedded;

    public MongoHealthIndicator(MongoDatabase trackerDatabase, ObjectProvider<EmbeddedMongo> embedded) {
        super("MongoDB health check failed");
        this.database = trackerDatabase;
        this.embedded = embedded.getIfAvailable();
    }

    @Override
    protected void doHealthCheck(Health.Builder builder) {
        builder.withDetail("database", database.getName())
                .withDetail("server", embedded != null ? "embedded (mongo-java-server, H2 file)" : "external");
        if (embedded != null) {
            embedded.commitFailure().ifPresent(failure -> builder.withDetail("lastCommitFailure", failure));
            if (!embedded.storeOpen()) {
                // the embedded server still answers a ping then, from memory
                builder.down().withDetail("store", "stopped after a failed write to its file (is the disk full?); "
                        + "acknowledged commands are kept in the journal: restart once there is room");
                return;
            }
        }
        Document answer = database.runCommand(new Document("ping", 1));
        builder.up().withDetail("ping", answer.get("ok"));
    }
}
