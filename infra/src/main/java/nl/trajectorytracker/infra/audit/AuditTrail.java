package nl.trajectorytracker.infra.audit;

import java.io.IOException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.bson.Document;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;

import nl.trajectorytracker.api.events.TrajectoryEvent;
import nl.trajectorytracker.api.events.TrajectoryStarted;
import nl.trajectorytracker.api.values.Party;
import nl.trajectorytracker.infra.audit.verification.AuditBundle;
import nl.trajectorytracker.infra.audit.verification.ChainEvent;
import nl.trajectorytracker.infra.audit.verification.ChainVerifier;
import nl.trajectorytracker.infra.audit.verification.Checkpoint;
import nl.trajectorytracker.infra.audit.verification.StoredCommit;
import nl.trajectorytracker.infra.audit.verification.StoredCommit.StoredEvent;
import nl.trajectorytracker.infra.audit.verification.Verification;
import nl.trajectorytracker.infra.eventstore.MongoEventStorageEngine;

/**
 * The audit view of one trajectory, straight from the event store: its stored commits, the verification of its
 * hash chain against the latest signed checkpoint, its history with each event's place in the chain, and the export
 * bundle for offline verification.
 */
@Component
public class AuditTrail {

    /** The most events one history request returns. */
    public static final int MAX_HISTORY_EVENTS = 1000;

    private static final Logger log = LoggerFactory.getLogger(AuditTrail.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final MongoEventStorageEngine engine;
    private final CheckpointStore checkpoints;
    private final SigningKey key;
    private final Clock clock;

    public AuditTrail(EventStorageEngine engine, CheckpointStore checkpoints, SigningKey key, Clock clock) {
        this.engine = (MongoEventStorageEngine) engine;
        this.checkpoints = checkpoints;
        this.key = key;
        this.clock = clock;
    }

    /** Every commit that names the trajectory, in global order, as stored. */
    public List<StoredCommit> storedCommits(String trajectoryId) {
        List<StoredCommit> commits = new ArrayList<>();
        for (Document commit : engine.commitsClaiming(trajectoryId)) {
            List<StoredEvent> events = new ArrayList<>();
            for (Document event : commit.getList("events", Document.class)) {
                events.add(new StoredEvent(event.getString("id"), event.getLong("seq"), event.getString("ts"),
                        event.getString("ptype"), event.getString("rev"), event.getString("payload"),
                        event.getString("meta"), event.getString("prev"), event.getString("hash")));
            }
            commits.add(new StoredCommit(commit.getLong("_id"), commit.getString("key"), commit.getString("agg"),
                    commit.getString("type"), commit.getLong("first"), commit.getLong("last"), events));
        }
        return commits;
    }

    /**
     * The parties the trajectory was started with, from its first stored event (consistent at once, unlike a read
     * model); empty when that event cannot be read as a {@link TrajectoryStarted}.
     */
    public Optional<List<Party>> parties(String trajectoryId) {
        try {
            return engine.readEvents(trajectoryId, 0).asStream().findFirst()
                    .map(DomainEventMessage::getPayload)
                    .filter(TrajectoryStarted.class::isInstance)
                    .map(started -> ((TrajectoryStarted) started).parties());
        } catch (RuntimeException e) {
            log.warn("Could not read the first event of trajectory {}", trajectoryId, e);
            return Optional.empty();
        }
    }

    public boolean exists(String trajectoryId) {
        return engine.chainHead(trajectoryId).isPresent() || !engine.commitsClaiming(trajectoryId).isEmpty();
    }

    public Verification verify(String trajectoryId) {
        return verify(trajectoryId, storedCommits(trajectoryId));
    }

    private Verification verify(String trajectoryId, List<StoredCommit> commits) {
        Checkpoint checkpoint = checkpoints.latest(trajectoryId).orElse(null);
        return ChainVerifier.verify(trajectoryId, StoredCommit.chainEvents(commits), checkpoint, key.publicKey());
    }

    public AuditBundle export(String trajectoryId) {
        return new AuditBundle(AuditBundle.FORMAT, trajectoryId, clock.instant().toString(),
                storedCommits(trajectoryId), checkpoints.latest(trajectoryId).orElse(null), key.publicKeyPem());
    }

    /**
     * One event of the history: where it is, what it is, when it was recorded (the event store's time) and when its
     * step happened (from the payload, when it has one), who and what caused it, and its link in the chain.
     */
    public record HistoryEntry(long globalPosition, long sequence, String eventId, String type, String recordedAt,
            String occurredAt, Object actor, String correlationId, String causationId, Map<String, Object> metaData,
            Object payload, String prev, String hash) {
    }

    /** A page of the history, with the chain's verification so a reader sees at once whether it holds. */
    public record History(String trajectoryId, long fromSequence, int limit, List<HistoryEntry> events,
            Long nextFromSequence, String chain) {
    }

    /**
     * Events from {@code fromSequence}, at most {@code limit}, in stored order. Payloads are deserialized the way the
     * application reads them (upcast; personal data decrypted, or "[erased]" after erasure); an entry that cannot
     * be deserialized shows its stored JSON.
     */
    public History history(String trajectoryId, long fromSequence, int limit) {
        List<StoredCommit> commits = storedCommits(trajectoryId);
        Map<String, DomainEventMessage<?>> messages = new HashMap<>();
        try {
            engine.readEvents(trajectoryId, fromSequence).asStream()
                    .forEach(message -> messages.put(message.getIdentifier(), message));
        } catch (RuntimeException e) {
            log.warn("Could not read trajectory {} through the event store; showing stored JSON", trajectoryId, e);
        }
        List<HistoryEntry> entries = new ArrayList<>();
        Long next = null;
        for (ChainEvent event : StoredCommit.chainEvents(commits)) {
            if (event.sequence() < fromSequence) {
                continue;
            }
            if (entries.size() == limit) {
                next = event.sequence();
                break;
            }
            entries.add(entry(event, messages.get(event.eventId())));
        }
        return new History(trajectoryId, fromSequence, limit, entries, next, verify(trajectoryId, commits).summary());
    }

    private static HistoryEntry entry(ChainEvent event, DomainEventMessage<?> message) {
        Map<String, Object> metaData = parse(event.metaData());
        Object payload = message != null ? message.getPayload() : parse(event.payload());
        TrajectoryEvent trajectoryEvent = payload instanceof TrajectoryEvent step ? step : null;
        Object actor = trajectoryEvent != null ? trajectoryEvent.actor() : null;
        String occurredAt = trajectoryEvent != null && trajectoryEvent.occurredAt() != null
                ? trajectoryEvent.occurredAt().toString() : null;
        String type = message != null ? message.getPayloadType().getSimpleName()
                : event.payloadType().substring(event.payloadType().lastIndexOf('.') + 1);
        return new HistoryEntry(event.globalPosition(), event.sequence(), event.eventId(), type, event.timestamp(),
                occurredAt, actor, text(metaData.get("correlationId")), text(metaData.get("traceId")), metaData, payload,
                event.prev(), event.hash());
    }

    private static String text(Object value) {
        return value == null ? null : value.toString();
    }

    private static Map<String, Object> parse(String json) {
        if (json == null) {
            return Map.of();
        }
        try {
            return JSON.readValue(json, new TypeReference<LinkedHashMap<String, Object>>() { });
        } catch (IOException e) {
            return Map.of("unparsable", json);
        }
    }
}
