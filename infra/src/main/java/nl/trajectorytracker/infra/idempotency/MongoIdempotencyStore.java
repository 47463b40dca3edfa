package nl.trajectorytracker.infra.idempotency;

import java.time.Clock;
import java.time.Duration;
import java.util.Date;
import java.util.Optional;

import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.bson.Document;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoWriteException;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;

import nl.trajectorytracker.command.rest.IdempotencyStore;
import nl.trajectorytracker.infra.eventstore.MongoEventStorageEngine;

/**
 * Outcomes of idempotent command requests, one claim and at most one outcome per principal and key ({@code _id} =
 * principal + ":" + key). Inserting the claim into {@code idempotency_keys} claims the key; MongoDB's unique
 * {@code _id} makes sure only one request wins. The outcome is inserted into {@code idempotency_outcomes} and never
 * changed; both inserts are acknowledged once journaled, so a retry after a crash finds the outcome of the command it
 * repeats. A claim that was never completed (the process died) expires after a while.
 * What makes a key's effect happen once is the commit itself: it names the key (a unique index on the commits), so
 * the outcome of a request whose process died after its commit is read from that commit ({@link #committed}).
 */
@Component
public class MongoIdempotencyStore implements IdempotencyStore {

    static final String COLLECTION = "idempotency_keys";
    static final String OUTCOMES = "idempotency_outcomes";
    static final Duration CLAIM_EXPIRY = Duration.ofMinutes(2);

    private final MongoCollection<Document> claims;
    private final MongoCollection<Document> outcomes;
    private final Clock clock;
    private final MongoEventStorageEngine commits;

    public MongoIdempotencyStore(MongoDatabase trackerDatabase, Clock clock, EventStorageEngine storage) {
        this.claims = trackerDatabase.getCollection(COLLECTION);
        this.outcomes = trackerDatabase.getCollection(OUTCOMES);
        this.clock = clock;
        this.commits = (MongoEventStorageEngine) storage;
    }

    @Override
    public Claim claim(String principal, String key, Request request) {
        String id = id(principal, key);
        if (insertedOnce(claims, new Document("_id", id)
                .append("principal", principal)
                .append("request", request.line())
                .append("fingerprint", request.fingerprint())
                .append("claimedAt", Date.from(clock.instant()))
                .append("completed", false))) {
            return new Granted();
        }
        Document outcome = outcomes.find(Filters.eq("_id", id)).first();
        if (outcome != null) {
            return new Completed(outcome(outcome));
        }
        Document existing = claims.find(Filters.eq("_id", id)).first();
        if (existing == null) {
            return claim(principal, key, request);
        }
        if (existing.getBoolean("completed", false)) {
            return new Completed(outcome(existing)); // completed by a version that kept the outcome in the claim
        }
        Date claimedAt = existing.getDate("claimedAt");
        if (claimedAt != null && claimedAt.toInstant().plus(CLAIM_EXPIRY).isBefore(clock.instant())) {
            claims.deleteOne(Filters.eq("_id", id));
            return claim(principal, key, request);
        }
        return new InProgress(existing.getString("request"), existing.getString("fingerprint"));
    }

    @Override
    public void complete(String principal, String key, Outcome outcome) {
        // the claim stays: a later claim of the key fails on it and then finds this outcome
        insertedOnce(outcomes, new Document("_id", id(principal, key))
                .append("principal", principal)
                .append("request", outcome.request())
                .append("fingerprint", outcome.fingerprint())
                .append("status", outcome.status())
                .append("trajectoryId", outcome.trajectoryId())
                .append("version", outcome.version())
                .append("location", outcome.location()));
    }

    /**
     * The commit that names the key: a trajectory's first commit was answered {@code 201} with its location (a start
     * or a follow-up), any other {@code 200}; the version is the commit's last sequence number.
     */
    @Override
    public Optional<Outcome> committed(String keyId) {
        return commits.commitOfIdempotencyKey(keyId).map(commit -> {
            String trajectory = commit.getString("agg");
            long first = ((Number) commit.get("first")).longValue();
            long last = ((Number) commit.get("last")).longValue();
            boolean created = first == 0;
            return new Outcome(null, commit.getString("idemFp"),
                    created ? HttpStatus.CREATED.value() : HttpStatus.OK.value(), trajectory, last,
                    created ? "/api/trajectories/" + trajectory : null);
        });
    }

    @Override
    public void release(String principal, String key) {
        claims.deleteOne(Filters.eq("_id", id(principal, key)));
    }

    @Override
    public void forget(String principal, String key) {
        outcomes.deleteOne(Filters.eq("_id", id(principal, key)));
        claims.deleteOne(Filters.eq("_id", id(principal, key)));
    }

    /** Inserts; answers false if a document with that id was there already. */
    private boolean insertedOnce(MongoCollection<Document> collection, Document document) {
        try {
            collection.insertOne(document);
            return true;
        } catch (MongoWriteException e) {
            if (ErrorCategory.fromErrorCode(e.getError().getCode()) != ErrorCategory.DUPLICATE_KEY) {
                throw e;
            }
            return false;
        }
    }

    private static Outcome outcome(Document stored) {
        // numbers in any numeric type: a document changed outside the service is judged against its commit, not a 500
        return new Outcome(stored.getString("request"), stored.getString("fingerprint"),
                stored.get("status") instanceof Number status ? status.intValue() : 0, stored.getString("trajectoryId"),
                stored.get("version") instanceof Number version ? version.longValue() : -1,
                stored.getString("location"));
    }

    private static String id(String principal, String key) {
        return principal + ":" + key;
    }
}
