package nl.trajectorytracker.infra.eventstore;

import static com.mongodb.client.model.Filters.eq;

import java.util.stream.Stream;

import org.axonframework.eventhandling.DomainEventData;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.GenericDomainEventEntry;
import org.axonframework.serialization.SerializedObject;
import org.axonframework.serialization.Serializer;
import org.bson.Document;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.ReplaceOptions;

/** The latest snapshot of each aggregate, one document per aggregate ({@code _id} = its id), replaced by the next. */
final class Snapshots {

    private final MongoCollection<Document> snapshots;

    Snapshots(MongoCollection<Document> snapshots) {
        this.snapshots = snapshots;
    }

    void store(DomainEventMessage<?> snapshot, Serializer serializer) {
        SerializedObject<String> payload = snapshot.serializePayload(serializer, String.class);
        SerializedObject<String> metaData = snapshot.serializeMetaData(serializer, String.class);
        Document document = new Document("_id", snapshot.getAggregateIdentifier())
                .append("type", snapshot.getType())
                .append("seq", snapshot.getSequenceNumber())
                .append("id", snapshot.getIdentifier())
                .append("ts", snapshot.getTimestamp().toString())
                .append("ptype", payload.getType().getName())
                .append("rev", payload.getType().getRevision())
                .append("payload", payload.getData())
                .append("meta", metaData.getData());
        snapshots.replaceOne(eq("_id", snapshot.getAggregateIdentifier()), document,
                new ReplaceOptions().upsert(true));
    }

    Stream<? extends DomainEventData<?>> read(String aggregate) {
        Document snapshot = snapshots.find(eq("_id", aggregate)).first();
        if (snapshot == null) {
            return Stream.empty();
        }
        return Stream.of(new GenericDomainEventEntry<>(snapshot.getString("type"), aggregate,
                StoredNumbers.nullable(snapshot, "seq"), snapshot.getString("id"), snapshot.getString("ts"),
                snapshot.getString("ptype"), snapshot.getString("rev"), snapshot.getString("payload"),
                snapshot.getString("meta")));
    }
}
