package nl.trajectorytracker.infra.audit;

import static com.mongodb.client.model.Filters.and;
import static com.mongodb.client.model.Filters.eq;
import static com.mongodb.client.model.Filters.lt;

import java.util.Optional;

import org.bson.Document;
import org.springframework.stereotype.Component;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoWriteException;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.ReplaceOptions;

import nl.trajectorytracker.infra.audit.verification.Checkpoint;

/**
 * Signed checkpoints: the latest per trajectory in {@code audit_checkpoints} ({@code _id} = trajectory id), every
 * one ever signed in {@code audit_checkpoint_history} (insert-only), and signed digests over all trajectories' heads
 * in {@code audit_head_digests} (insert-only). The latest only ever moves forward.
 */
@Component
public class CheckpointStore {

    private final MongoCollection<Document> latest;
    private final MongoCollection<Document> history;
    private final MongoCollection<Document> digests;

    public CheckpointStore(MongoDatabase trackerDatabase) {
        this.latest = trackerDatabase.getCollection("audit_checkpoints");
        this.history = trackerDatabase.getCollection("audit_checkpoint_history");
        this.digests = trackerDatabase.getCollection("audit_head_digests");
    }

    public Optional<Checkpoint> latest(String trajectoryId) {
        return Optional.ofNullable(latest.find(eq("_id", trajectoryId)).first()).map(CheckpointStore::checkpoint);
    }

    /** Stores a checkpoint; the latest is replaced only by one with a higher sequence. */
    public boolean store(Checkpoint checkpoint) {
        history.insertOne(document(checkpoint).append("trajectoryId", checkpoint.trajectoryId()));
        try {
            latest.replaceOne(and(eq("_id", checkpoint.trajectoryId()), lt("lastSequence", checkpoint.lastSequence())),
                    document(checkpoint).append("_id", checkpoint.trajectoryId()), new ReplaceOptions().upsert(true));
            return true;
        } catch (MongoWriteException e) {
            if (e.getError().getCategory() == ErrorCategory.DUPLICATE_KEY) {
                return false; // a checkpoint as new or newer is stored already
            }
            throw e;
        }
    }

    public void storeDigest(Document digest) {
        digests.insertOne(digest);
    }

    private static Document document(Checkpoint checkpoint) {
        return new Document("lastSequence", checkpoint.lastSequence())
                .append("lastHash", checkpoint.lastHash())
                .append("signedAt", checkpoint.signedAt())
                .append("signature", checkpoint.signature());
    }

    private static Checkpoint checkpoint(Document document) {
        return new Checkpoint(document.getString("_id"), document.getLong("lastSequence"),
                document.getString("lastHash"), document.getString("signedAt"), document.getString("signature"));
    }
}
