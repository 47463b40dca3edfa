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
        public Insert beforeInsert(MongoCollection<?> collection, RawBsonDocument document) {
            return Insert.NOTHING_TO_DO;
        }

        @Override
        public void awaitDurable() {
        }
    };

    /** What is left to do for one insert once it returned, and before it is acknowledged. */
    interface Insert extends AutoCloseable {

        Insert NOTHING_TO_DO = new Insert() {
            @Override
            public void inserted(RawBsonDocument document) {
            }

            @Override
            public void close() {
            }
        };

        /** Makes the inserted document survive a crash (a retry may have changed its values, not its size). */
        void inserted(RawBsonDocument document);

        /** Releases what {@link #beforeInsert} set aside, if the insert was never made durable through it. */
        @Override
        void close();
    }

    /**
     * Called before {@code document} is inserted into {@code collection}: sets aside what making it durable needs, so
     * that a barrier that cannot take it (a full disk) refuses the write before anything is written. For documents
     * that are never changed afterwards only (event commits): a crash may bring them back.
     *
     * @throws RuntimeException when the insert could not be made durable; nothing is written then
     */
    Insert beforeInsert(MongoCollection<?> collection, RawBsonDocument document);

    /**
     * Inserts {@code document} and makes it survive a crash before returning: {@link #beforeInsert}, the insert,
     * then {@link Insert#inserted}. For documents that are never changed afterwards only.
     */
    default void insert(MongoCollection<Document> collection, Document document) {
        RawBsonDocument encoded = new RawBsonDocument(document, collection.getCodecRegistry().get(Document.class));
        try (Insert durable = beforeInsert(collection, encoded)) {
            collection.withDocumentClass(RawBsonDocument.class).insertOne(encoded);
            durable.inserted(encoded);
        }
    }

    /** Makes every write so far survive a crash: for the rare writes that are not plain inserts. */
    void awaitDurable();
}
