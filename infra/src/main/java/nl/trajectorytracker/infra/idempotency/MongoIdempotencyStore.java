package nl.trajectorytracker.infra.idempotency;

import java.time.Clock;
import java.time.Duration;
import java.util.Date;

import org.bson.Document;
import org.springframework.stereotype.Component;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoWriteException;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;

import nl.trajectorytracker.command.rest.IdempotencyStore;
import nl.trajectorytracker.infra.eventstore.DurabilityBarrier;

/**
 * Outcomes of idempotent command requests in the {@code idempotency_keys} collection, one document per principal
 * and key ({@code _id} = principal + ":" + key). Inserting the document claims the key; MongoDB's unique {@code _id}
 * makes sure only one request wins. A claim that was never completed (the process died) expires after a while.
 */
@Component
public class MongoIdempotencyStore implements IdempotencyStore {

    static final String COLLECTION = "idempotency_keys";
    static final Duration CLAIM_EXPIRY = Duration.ofMinutes(2);

    private final MongoCollection<Document> outcomes;
    private final Clock clock;
    private final DurabilityBarrier durability;

    public MongoIdempotencyStore(MongoDatabase trackerDatabase, Clock clock, DurabilityBarrier durability) {
        this.outcomes = trackerDatabase.getCollection(COLLECTION);
        this.clock = clock;
        this.durability = durability;
    }

    @Override
    public Claim claim(String principal, String key, String request) {
        String id = id(principal, key);
        try {
            outcomes.insertOne(new Document("_id", id)
                    .append("principal", principal)
                    .append("request", request)
                    .append("claimedAt", Date.from(clock.instant()))
                    .append("completed", false));
            return new Granted();
        } catch (MongoWriteException e) {
            if (ErrorCategory.fromErrorCode(e.getError().getCode()) != ErrorCategory.DUPLICATE_KEY) {
                throw e;
            }
        }
        Document existing = outcomes.find(Filters.eq("_id", id)).first();
        if (existing == null) {
            return claim(principal, key, request);
        }
        if (existing.getBoolean("completed", false)) {
            return new Completed(new Outcome(existing.getString("request"), existing.getInteger("status"),
                    existing.getString("trajectoryId"), existing.getLong("version"), existing.getString("location")));
        }
        Date claimedAt = existing.getDate("claimedAt");
        if (claimedAt != null && claimedAt.toInstant().plus(CLAIM_EXPIRY).isBefore(clock.instant())) {
            outcomes.deleteOne(Filters.eq("_id", id));
            return claim(principal, key, request);
        }
        return new InProgress(existing.getString("request"));
    }

    @Override
    public void complete(String principal, String key, Outcome outcome) {
        outcomes.replaceOne(Filters.eq("_id", id(principal, key)), new Document("_id", id(principal, key))
                .append("principal", principal)
                .append("request", outcome.request())
                .append("completed", true)
                .append("status", outcome.status())
                .append("trajectoryId", outcome.trajectoryId())
                .append("version", outcome.version())
                .append("location", outcome.location()));
        // a retry after a crash must find the outcome, not run the command again
        durability.awaitDurable();
    }

    @Override
    public void release(String principal, String key) {
        outcomes.deleteOne(Filters.eq("_id", id(principal, key)));
    }

    private static String id(String principal, String key) {
        return principal + ":" + key;
    }
}
