package nl.trajectorytracker.infra.eventstore;

import java.time.Instant;

import org.axonframework.common.DateTimeUtils;
import org.axonframework.eventhandling.DomainEventData;
import org.axonframework.serialization.SerializedMetaData;
import org.axonframework.serialization.SerializedObject;
import org.axonframework.serialization.SimpleSerializedObject;
import org.axonframework.serialization.SimpleSerializedType;

import nl.trajectorytracker.infra.time.IsoInstants;

/**
 * One event of a commit as Axon reads it. Axon's own entry keeps the timestamp as text and parses it with a
 * formatter whenever it is asked; this one reads it once, where the engine reads the commit (for a stream behind the
 * head that is the read-ahead thread, not the processor's).
 */
record StoredEvent(String type, String aggregateIdentifier, long sequenceNumber, String eventIdentifier,
        Instant timestamp, String payloadType, String payloadRevision, String payload, String metaData)
        implements DomainEventData<String> {

    static StoredEvent of(String type, String aggregateIdentifier, long sequenceNumber, String eventIdentifier,
            String timestamp, String payloadType, String payloadRevision, String payload, String metaData) {
        Instant parsed = IsoInstants.parseUtcOrNull(timestamp);
        return new StoredEvent(type, aggregateIdentifier, sequenceNumber, eventIdentifier,
                parsed != null ? parsed : DateTimeUtils.parseInstant(timestamp), payloadType, payloadRevision, payload,
                metaData);
    }

    @Override
    public String getType() {
        return type;
    }

    @Override
    public String getAggregateIdentifier() {
        return aggregateIdentifier;
    }

    @Override
    public long getSequenceNumber() {
        return sequenceNumber;
    }

    @Override
    public String getEventIdentifier() {
        return eventIdentifier;
    }

    @Override
    public Instant getTimestamp() {
        return timestamp;
    }

    @Override
    public SerializedObject<String> getMetaData() {
        return new SerializedMetaData<>(metaData, String.class);
    }

    @Override
    public SerializedObject<String> getPayload() {
        return new SimpleSerializedObject<>(payload, String.class, new SimpleSerializedType(payloadType,
                payloadRevision));
    }
}
