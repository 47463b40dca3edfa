package nl.trajectorytracker.infra.idempotency;

import java.util.Optional;

import org.bson.Document;
import org.springframework.stereotype.Component;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoWriteException;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;

import nl.trajectorytracker.command.rest.IdempotencyStore;

/**
 * Outcomes of idempotent command requests in the {@code idempotency_keys} collection, one document per
 * principal and key ({@code _id} = principal + ":" + key). The first outcome stored wins.
 */
@Component
public class MongoIdempotencyStore implements IdempotencyStore {

    static final String COLLECTION = "idempotency_keys";

    private final MongoCollection<Document> outcomes;

    public MongoIdempotencyStore(MongoDatabase trackerDatabase) {
        this.outcomes = trackerDatabase.getCollection(COLLECTION);
    }

    @Override
    public Optional<Outcome> find(String principal, String key) {
        Document document = outcomes.find(Filters.eq("_id", id(principal, key))).first();
        if (document == null) {
            return Optional.empty();
        }
        return Optional.of(new Outcome(document.getString("request"), document.getInteger("status"),
                document.getString("trajectoryId"), document.getLong("version"), document.getString("location")));
    }

    @Override
    public void save(String principal, String key, Outcome outcome) {
        try {
            outcomes.insertOne(new Document("_id", id(principal, key))
                    .append("principal", principal)
                    .append("request", outcome.request())
                    .append("status", outcome.status())
                    .append("trajectoryId", outcome.trajectoryId())
                    .append("version", outcome.version())
                    .append("location", outcome.location()));
        } catch (MongoWriteException e) {
            if (ErrorCategory.fromErrorCode(e.getError().getCode()) != ErrorCategory.DUPLICATE_KEY) {
                throw e;
            }
        }
    }

    private static String id(String principal, String key) {
        return principal + ":" + key;
    }
}
