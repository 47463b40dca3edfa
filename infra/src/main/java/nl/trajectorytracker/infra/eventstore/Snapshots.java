package nl.trajectorytracker.infra.eventstore;

import static com.mongodb.client.model.Filters.eq;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.stream.Stream;

import org.axonframework.eventhandling.DomainEventData;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.GenericDomainEventEntry;
import org.axonframework.serialization.SerializedObject;
import org.axonframework.serialization.Serializer;
import org.bson.Document;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.ReplaceOptions;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * The latest snapshot of each aggregate, one document per aggregate ({@code _id} = its id), replaced by the next.
 * Once a {@link StoreSeal} is set, every snapshot is stored with its seal over every stored field, and one read
 * without this service's seal (changed, inserted, copied from another aggregate, sealed under another key) is not
 * used: the aggregate is loaded from its events, which the audit chain covers, and the next snapshot replaces it.
 */
final class Snapshots {

    static final String UNSEALED_SNAPSHOTS = "tracker.event_store.snapshots_unsealed";
    private static final Logger log = LoggerFactory.getLogger(Snapshots.class);

    private final MongoCollection<Document> snapshots;
    private final Counter unsealed;
    private volatile StoreSeal seal;

    Snapshots(MongoCollection<Document> snapshots, MeterRegistry meters) {
        this.snapshots = snapshots;
        this.unsealed = Counter.builder(UNSEALED_SNAPSHOTS)
                .description("Snapshots read without this service's seal, and not used: the aggregate was loaded from"
                        + " its events")
                .register(meters);
    }

    void sealWith(StoreSeal seal) {
        this.seal = seal;
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
        StoreSeal sealing = seal;
        if (sealing != null) {
            document.append("seal", sealing.over(fields(document)));
        }
        snapshots.replaceOne(eq("_id", snapshot.getAggregateIdentifier()), document,
                new ReplaceOptions().upsert(true));
    }

    Stream<? extends DomainEventData<?>> read(String aggregate) {
        Document snapshot = snapshots.find(eq("_id", aggregate)).first();
        if (snapshot == null) {
            return Stream.empty();
        }
        if (!sealed(snapshot)) {
            unsealed.increment();
            log.warn("The snapshot of {} is not sealed by this service (changed in the database, or stored before"
                    + " snapshots were sealed or under another signing key): not used, loaded from its events",
                    aggregate);
            return Stream.empty();
        }
        return Stream.of(new GenericDomainEventEntry<>(snapshot.getString("type"), aggregate,
                StoredNumbers.nullable(snapshot, "seq"), snapshot.getString("id"), snapshot.getString("ts"),
                snapshot.getString("ptype"), snapshot.getString("rev"), snapshot.getString("payload"),
                snapshot.getString("meta")));
    }

    private boolean sealed(Document snapshot) {
        StoreSeal sealing = seal;
        if (sealing == null) {
            return true;
        }
        Object stored = snapshot.get("seal");
        return stored instanceof String text && MessageDigest.isEqual(text.getBytes(StandardCharsets.UTF_8),
                sealing.over(fields(snapshot)).getBytes(StandardCharsets.UTF_8));
    }

    /**
     * Every stored field but the seal, in one order, each with its length: no two snapshots give the same text. A
     * field of another type than the service writes reads as its type's name, so it never matches.
     */
    private static String fields(Document snapshot) {
        StringBuilder text = new StringBuilder();
        for (String name : new String[] {"_id", "type", "seq", "id", "ts", "ptype", "rev", "payload", "meta"}) {
            Object value = snapshot.get(name);
            String field = value == null ? "null" : value instanceof String || value instanceof Number
                    ? value.getClass().getSimpleName() + ":" + value : value.getClass().getName();
            text.append(field.length()).append(':').append(field).append('\n');
        }
        return text.toString();
    }
}
