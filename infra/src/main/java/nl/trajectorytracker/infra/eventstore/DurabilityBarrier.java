package nl.trajectorytracker.infra.eventstore;

import org.bson.Document;
import org.bson.RawBsonDocument;

import com.mongodb.client.MongoCollection;

/**
 * What makes a write survive a crash before it is acknowledged. A real MongoDB does that through its write concern
 * (a journaled majority), so there is nothing left to do. The embedded server's H2 store keeps writes in memory
 * until it is committed: there an insert is journaled, and other writes commit the store.
 */
public interface DurabilityBarrier {

    DurabilityBarrier NONE = new DurabilityBarrier() {
        @Override
        public void inserted(MongoCollection<Document> collection, Document document) {
        }

        @Override
        public void inserted(MongoCollection<?> collection, RawBsonDocument document) {
        }

        @Override
        public void awaitDurable() {
        }
    };

    /**
     * Called after {@code document} was inserted into {@code collection}, and before the insert is acknowledged. For
     * documents that are never changed afterwards only (event commits, keys): a crash may bring them back.
     */
    void inserted(MongoCollection<?> collection, RawBsonDocument document);

    /** {@link #inserted(MongoCollection, RawBsonDocument)} for a document not yet encoded. */
    default void inserted(MongoCollection<Document> collection, Document document) {
        inserted(collection, new RawBsonDocument(document, collection.getCodecRegistry().get(Document.class)));
    }

    /** Makes every write so far survive a crash: for the rare writes that are not plain inserts. */
    void awaitDurable();
}
