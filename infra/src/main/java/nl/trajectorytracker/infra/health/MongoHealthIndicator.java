package nl.trajectorytracker.infra.health;

import org.bson.Document;
import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.boot.health.contributor.Health;
import org.springframework.stereotype.Component;

import com.mongodb.client.MongoDatabase;

/**
 * Reports whether MongoDB answers. Uses {@code ping}, which both a real MongoDB and the embedded server know
 * (Spring Boot's own indicator sends {@code hello}, which the embedded server does not); a server that cannot take
 * writes (the embedded server after a failed write to its file) refuses it, and is reported down.
 */
@Component("mongoHealthIndicator")
public class MongoHealthIndicator extends AbstractHealthIndicator {

    private final MongoDatabase database;

    public MongoHealthIndicator(MongoDatabase trackerDatabase) {
        super("MongoDB health check failed");
        this.database = trackerDatabase;
    }

    @Override
    protected void doHealthCheck(Health.Builder builder) {
        builder.withDetail("database", database.getName());
        Document answer = database.runCommand(new Document("ping", 1));
        builder.up().withDetail("ping", answer.get("ok"));
    }
}
