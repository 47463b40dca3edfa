package nl.trajectorytracker.infra.audit;

import java.io.IOException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

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
import nl.trajectorytracker.infra.audit.verification.LogEntry;
import nl.trajectorytracker.infra.audit.verification.StoredCommit;
import nl.trajectorytracker.infra.audit.verification.TrajectoryVerifier;
import nl.trajectorytracker.infra.audit.verification.TreeHead;
import nl.trajectorytracker.infra.audit.verification.Verification;
import nl.trajectorytracker.infra.audit.verification.Verification.Break;
import nl.trajectorytracker.infra.audit.verification.Verification.Kind;
import nl.trajectorytracker.infra.eventstore.CommitReader;

/**
 * The audit view of one trajectory, straight from the event store and the audit log: the verification of its
 * stored record, its history with each event's place in the chain, and the export bundle for offline verification.
 * Every read finds the trajectory's commits by their keys and its log entries by their positions, so it costs what
 * the trajectory holds (a history page: what the page holds), whatever the size of the store.
 */
@Component
public class AuditTrail {

    /** The most events one history request returns. */
    public static final int MAX_HISTORY_EVENTS = 1000;

    private static final Logger log = LoggerFactory.getLogger(AuditTrail.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final CommitReader store;
    private final EventStorageEngine events;
    private final AuditLog auditLog;
    private final AuditBreaks breaks;
    private final SigningKey key;
    private final Clock clock;

    public AuditTrail(CommitReader store, EventStorageEngine events, AuditLog auditLog, AuditBreaks breaks,
            SigningKey key, Clock clock) {
        this.store = store;
        this.events = events;
        this.auditLog = auditLog;
        this.breaks = breaks;
        this.key = key;
        this.clock = clock;
    }

    /** Whether the trajectory was ever recorded: the log or the witness knows it, or its first commit is stored. */
    public boolean exists(String trajectoryId) {
        return auditLog.knows(trajectoryId) || store.commitStartingAt(trajectoryId, 0) != null;
    }

    /**
     * The parties the trajectory was started with, from its first stored event (consistent at once, unlike a read
     * model); empty when that event cannot be read as a {@link TrajectoryStarted}.
     */
    public Optional<List<Party>> parties(String trajectoryId) {
        try {
            return events.readEvents(trajectoryId, 0).asStream().findFirst()
                    .map(DomainEventMessage::getPayload)
                    .filter(TrajectoryStarted.class::isInstance)
                    .map(started -> ((TrajectoryStarted) started).parties());
        } catch (RuntimeException e) {
            log.warn("Could not read the first event of trajectory {}", trajectoryId, e);
            return Optional.empty();
        }
    }

    // ---------------------------------------------------------------- verification

    /** The trajectory's stored commits and what the log holds for it. */
    private record Record(List<StoredCommit> commits, AuditLog.TrajectoryEntries logged) {
    }

    private Record record(String trajectoryId) {
        // the log first, then the store: every commit the log holds is stored by the time the store is read
        AuditLog.Snapshot snapshot = auditLog.snapshot(trajectoryId);
        Map<Long, StoredCommit> byPosition = new TreeMap<>();
        store.commitsOf(trajectoryId, 0).forEach(commit -> add(byPosition, commit));
        List<Long> logged = snapshot.positions().stream().filter(position -> !byPosition.containsKey(position))
                .toList();
        store.commitsAt(logged).forEach(commit -> add(byPosition, commit));
        return new Record(new ArrayList<>(byPosition.values()),
                auditLog.entriesAt(snapshot, snapshot.positions(), byPosition));
    }

    private static void add(Map<Long, StoredCommit> byPosition, Document commit) {
        StoredCommit stored = StoredCommits.of(commit);
        byPosition.put(stored.position(), stored);
    }

    /**
     * Verifies the trajectory's whole record: every commit against its log entry and its signature, the commits the
     * log has not taken in yet against the chain and their signatures, and the head against the witness file. A
     * break is reported ({@link AuditBreaks}).
     */
    public Verification verify(String trajectoryId) {
        return verify(trajectoryId, record(trajectoryId));
    }

    /**
     * A break once reported stays in every verification, also when the stored record no longer shows it: an event
     * changed, a rebuild of the read models run on it, then the event put back, verified OK again while the read
     * models kept what the changed event said.
     */
    private Verification verify(String trajectoryId, Record record) {
        List<Break> found = logBreaks(trajectoryId, record);
        Verification verification = TrajectoryVerifier.verify(trajectoryId, record.commits(),
                record.logged().entries(), record.logged().logSize(), record.logged().treeHead(), found,
                key.publicKey());
        if (verification.status() == Verification.Status.BROKEN) {
            breaks.report(trajectoryId, verification.firstBreak());
            return verification;
        }
        Optional<AuditBreaks.Report> reported = breaks.of(trajectoryId);
        if (reported.isEmpty()) {
            return verification;
        }
        Break earlier = reported.get().firstBreak();
        List<Break> withReported = new ArrayList<>(found);
        withReported.add(new Break(earlier.kind(), earlier.sequence(), earlier.globalPosition(), "reported at "
                + reported.get().reportedAt() + ", and no longer shown by the stored record (was it put back?): "
                + earlier.reason()));
        return TrajectoryVerifier.verify(trajectoryId, record.commits(), record.logged().entries(),
                record.logged().logSize(), record.logged().treeHead(), withReported, key.publicKey());
    }

    /**
     * What the log knows to be wrong, a head the witness file holds that the store no longer reaches, and a break
     * reported at a position where the store holds a commit of no trajectory or of another (a forged step that names
     * this trajectory only in its event): what verifying the trajectory's own commits cannot find again.
     */
    private List<Break> logBreaks(String trajectoryId, Record record) {
        List<Break> found = new ArrayList<>(record.logged().breaks());
        breaks.of(trajectoryId).map(AuditBreaks.Report::firstBreak)
                .filter(reported -> reported.globalPosition() != null && store.commitsAt(
                        List.of(reported.globalPosition())).stream()
                        .anyMatch(commit -> !trajectoryId.equals(commit.get("agg"))))
                .ifPresent(found::add);
        Long witnessed = record.logged().witnessedHead();
        long storedHead = record.commits().stream().filter(c -> trajectoryId.equals(c.agg()) && c.last() != null)
                .mapToLong(StoredCommit::last).max().orElse(-1);
        long loggedHead = record.logged().entries().stream().filter(e -> e.last() != null)
                .mapToLong(LogEntry::last).max().orElse(-1);
        if (witnessed != null && witnessed > Math.max(storedHead, loggedHead)) {
            found.add(new Break(Kind.TAIL_TRUNCATED, Math.max(storedHead, loggedHead) + 1, null, "the witness file"
                    + " holds the trajectory up to sequence " + witnessed + "; the store and the log end at "
                    + Math.max(storedHead, loggedHead)));
        }
        return found;
    }

    /**
     * Takes in what the store holds, signs a tree head and builds the bundle for offline verification: the
     * trajectory as of that tree head — its stored commits, its log entries with their inclusion proofs, the tree
     * head, and (given an earlier tree size the auditor trusts) the consistency proof from it.
     */
    public AuditBundle export(String trajectoryId, Long consistencyFrom) {
        auditLog.takeIn();
        TreeHead head = auditLog.signTreeHead().orElse(null);
        Record record = record(trajectoryId);
        List<AuditBundle.ProvenEntry> proven = new ArrayList<>();
        if (head != null) {
            for (LogEntry entry : record.logged().entries()) {
                if (entry.index() < head.treeSize()) {
                    proven.add(new AuditBundle.ProvenEntry(entry.index(), entry,
                            auditLog.inclusionProof(entry.index(), head.treeSize())));
                }
            }
        }
        AuditBundle.ConsistencyProof consistency = null;
        if (consistencyFrom != null && head != null && consistencyFrom >= 1 && consistencyFrom <= head.treeSize()) {
            consistency = new AuditBundle.ConsistencyProof(consistencyFrom,
                    auditLog.consistencyProof(consistencyFrom, head.treeSize()));
        }
        // the trajectory as of the tree head: a commit appended since is for the next bundle
        List<StoredCommit> commits = head == null ? record.commits()
                : record.commits().stream().filter(commit -> commit.position() <= head.treeSize()).toList();
        // what the bundle may not show (the log frozen, a head only the witness file holds), told as the service
        // verifies it: an export once gave an auditor an UNVERIFIED bundle of a trajectory that verified BROKEN
        Verification online = verify(trajectoryId, record);
        List<Break> reported = online.status() == Verification.Status.BROKEN ? List.of(online.firstBreak())
                : List.of();
        return new AuditBundle(AuditBundle.FORMAT, trajectoryId, clock.instant().toString(), commits, proven,
                head, consistency, key.publicKeyPem(), reported, signedHead(trajectoryId, commits, head));
    }

    /**
     * The trajectory's last sequence and link among these commits, signed: the bundle's proofs show that what it
     * holds was logged, this that it holds all of it up to the tree head.
     */
    private AuditBundle.Head signedHead(String trajectoryId, List<StoredCommit> commits, TreeHead head) {
        StoredCommit.StoredEvent last = commits.stream().filter(commit -> trajectoryId.equals(commit.agg()))
                .flatMap(commit -> commit.events().stream()).filter(event -> event.seq() != null)
                .max(java.util.Comparator.comparingLong(StoredCommit.StoredEvent::seq)).orElse(null);
        return AuditBundle.Head.signed(trajectoryId, head == null ? 0 : head.treeSize(),
                last == null ? null : last.seq(), last == null ? null : last.hash(), key.privateKey());
    }

    // ---------------------------------------------------------------- history

    /**
     * One event of the history: where it is, what it is, when it was recorded (the event store's time) and when its
     * step happened (from the payload, when it has one), who and what caused it, and its link in the chain.
     */
    public record HistoryEntry(long globalPosition, long sequence, String eventId, String type, String recordedAt,
            String occurredAt, Object actor, String correlationId, String causationId, Map<String, Object> metaData,
            Object payload, String prev, String hash) {
    }

    /** A page of the history, with the verification of what the page holds, so a reader sees at once if it holds. */
    public record History(String trajectoryId, long fromSequence, int limit, List<HistoryEntry> events,
            Long nextFromSequence, String chain) {
    }

    /**
     * Events from {@code fromSequence}, at most {@code limit}, in stored order, with the verification of those
     * events (their commits against the log and their signatures, linked to the commit before). Payloads are
     * deserialized the way the application reads them (upcast; personal data decrypted, or "[erased]" after
     * erasure); an entry that cannot be deserialized shows its stored JSON.
     */
    public History history(String trajectoryId, long fromSequence, int limit) {
        AuditLog.Snapshot snapshot = auditLog.snapshot(trajectoryId);
        List<StoredCommit> page = new ArrayList<>();
        int held = 0;
        for (Document commit : store.commitsOf(trajectoryId, fromSequence)) {
            StoredCommit stored = StoredCommits.of(commit);
            page.add(stored);
            held += stored.events().size();
            if (held > limit) {
                break;
            }
        }
        Map<String, DomainEventMessage<?>> messages = new HashMap<>();
        try {
            events.readEvents(trajectoryId, fromSequence).asStream().limit(limit + 1L)
                    .forEach(message -> messages.put(message.getIdentifier(), message));
        } catch (RuntimeException e) {
            log.warn("Could not read trajectory {} through the event store; showing stored JSON", trajectoryId, e);
        }
        List<HistoryEntry> entries = new ArrayList<>();
        Long next = null;
        for (ChainEvent event : StoredCommit.chainEvents(page)) {
            if (event.sequence() < fromSequence) {
                continue;
            }
            if (entries.size() == limit) {
                next = event.sequence();
                break;
            }
            entries.add(entry(event, messages.get(event.eventId())));
        }
        return new History(trajectoryId, fromSequence, limit, entries, next, pageVerification(snapshot, page));
    }

    /**
     * The verification of the commits of one page, linked to the logged commit before the page. When the page starts
     * beyond what the log has taken in of the trajectory, the commits between the log's last entry and the page are
     * verified with it (a few at most: the log takes commits in within a fraction of a second).
     */
    private String pageVerification(AuditLog.Snapshot snapshot, List<StoredCommit> page) {
        String trajectoryId = snapshot.trajectoryId();
        if (page.isEmpty()) {
            return verify(trajectoryId).summary();
        }
        List<Long> positions = snapshot.positions();
        StoredCommit start = page.get(0);
        int at = positions.indexOf(start.position());
        Long before = at > 0 ? positions.get(at - 1)
                : at < 0 && !positions.isEmpty() ? positions.get(positions.size() - 1) : null;
        Map<Long, StoredCommit> byPosition = new TreeMap<>();
        page.forEach(commit -> byPosition.put(commit.position(), commit));
        List<Long> wanted = new ArrayList<>(byPosition.keySet());
        if (before != null) {
            wanted.add(before);
        }
        AuditLog.TrajectoryEntries logged = auditLog.entriesAt(snapshot, wanted, byPosition);
        LogEntry previous = null;
        List<LogEntry> pageEntries = new ArrayList<>();
        for (LogEntry entry : logged.entries()) {
            if (before != null && entry.position() == before) {
                previous = entry;
            } else {
                pageEntries.add(entry);
            }
        }
        long unloggedFrom = previous == null || previous.last() == null ? 0 : previous.last() + 1;
        if (at < 0 && start.first() != null && start.first() > unloggedFrom) {
            for (Document commit : store.commitsOf(trajectoryId, unloggedFrom)) {
                StoredCommit between = StoredCommits.of(commit);
                if (between.first() == null || between.first() >= start.first()) {
                    break;
                }
                byPosition.put(between.position(), between);
            }
        }
        Verification verification = TrajectoryVerifier.verify(trajectoryId, new ArrayList<>(byPosition.values()),
                pageEntries, logged.logSize(), logged.treeHead(), logged.breaks(), key.publicKey(), previous);
        if (verification.status() == Verification.Status.BROKEN) {
            breaks.report(trajectoryId, verification.firstBreak());
        }
        return verification.summary();
    }

    private static HistoryEntry entry(ChainEvent event, DomainEventMessage<?> read) {
        Map<String, Object> metaData = parse(event.metaData());
        DomainEventMessage<?> message = read;
        Object payload;
        try {
            // a message deserializes its payload when asked: a stored payload the application cannot read (changed
            // in the database) fails here, and the entry shows its stored JSON
            payload = message != null ? message.getPayload() : parse(event.payload());
        } catch (RuntimeException e) {
            message = null;
            payload = parse(event.payload());
        }
        TrajectoryEvent trajectoryEvent = payload instanceof TrajectoryEvent step ? step : null;
        Object actor = trajectoryEvent != null ? trajectoryEvent.actor() : null;
        String occurredAt = trajectoryEvent != null && trajectoryEvent.occurredAt() != null
                ? trajectoryEvent.occurredAt().toString() : null;
        String type = message != null ? message.getPayloadType().getSimpleName()
                : event.payloadType() == null ? null
                : event.payloadType().substring(event.payloadType().lastIndexOf('.') + 1);
        return new HistoryEntry(event.globalPosition(), event.sequence(), event.eventId(), type, event.timestamp(),
                occurredAt, actor, text(metaData.get("correlationId")), text(metaData.get("traceId")), metaData,
                payload, event.prev(), event.hash());
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
