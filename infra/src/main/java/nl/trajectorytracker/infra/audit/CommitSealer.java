package nl.trajectorytracker.infra.audit;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.bson.Document;
import org.springframework.stereotype.Component;

import nl.trajectorytracker.infra.audit.verification.ChainEvent;
import nl.trajectorytracker.infra.audit.verification.ChainHash;
import nl.trajectorytracker.infra.audit.verification.CommitSeal;
import nl.trajectorytracker.infra.audit.verification.Verification.Break;
import nl.trajectorytracker.infra.audit.verification.Verification.Kind;
import nl.trajectorytracker.infra.eventstore.CommitHook;
import nl.trajectorytracker.infra.eventstore.CommitReader;
import nl.trajectorytracker.infra.eventstore.CommitHooks;
import nl.trajectorytracker.infra.eventstore.StoredNumbers;
import nl.trajectorytracker.infra.security.DocumentSeals;

/**
 * Links and signs every commit the service appends, under the event store's append lock.
 *
 * <p>Each event of a trajectory gets {@code prev} and {@code hash}: its link in the trajectory's hash chain,
 * {@code hash = SHA-256(canonical form of the stored event || prev)} ({@link ChainEvent}, {@link ChainHash}); the
 * first event's {@code prev} is 64 zeros. The commit gets {@code sig}: the service's Ed25519 signature over its
 * {@link CommitSeal}, which pins the trajectory up to this commit.
 *
 * <p>Never vouches over a break: a commit is vouched for only when it extends the trajectory's trusted head (the
 * last commit this process sealed, or the audit log took in) at the next sequence, no witnessed head lies beyond it,
 * and the trajectory has no unacknowledged reported break. Otherwise the commit is signed as written over a break
 * ({@code vouched: false}, see {@link CommitSeal}), linked to the chain as stored, and the trajectory is reported.
 * The check needs no read on the normal path, so sealing costs the same however long the trajectory.
 */
@Component
public class CommitSealer implements CommitHook {

    private final CommitReader store;
    private final AuditLog auditLog;
    private final AuditBreaks breaks;
    private final SigningKey key;
    /** Heads of the commits this process stored, newer than what the log has taken in; guarded by the append lock. */
    private final Map<String, AuditLog.Head> sealed = new HashMap<>();

    public CommitSealer(CommitReader store, CommitHooks hooks, AuditLog auditLog, AuditBreaks breaks,
            SigningKey key) {
        this.store = store;
        this.auditLog = auditLog;
        this.breaks = breaks;
        this.key = key;
        hooks.hook(this);
        // sealed under an ephemeral key too: after a restart the trajectories are loaded from their events
        hooks.sealSnapshots(DocumentSeals.keyedFrom(key.privateKey().getEncoded(), false, "snapshot-seals",
                "Snapshots"));
    }

    /** The positions the audit log has taken in: after a store is rolled back, new commits go after them. */
    @Override
    public long positionsTaken() {
        return auditLog.positionsTakenIn();
    }

    @Override
    public void sealing(Document commit) {
        String trajectory = commit.getString("agg");
        List<Document> events = commit.getList("events", Document.class);
        if (trajectory == null) {
            sign(commit);
            return;
        }
        long first = StoredNumbers.of(commit, "first");
        AuditLog.Head trusted = trusted(trajectory);
        if (first > 0 && (trusted == null || trusted.lastSequence() < first - 1)) {
            // another instance appended the trajectory's latest commits: take them in, then look again
            auditLog.takeIn();
            trusted = trusted(trajectory);
        }
        Long witnessed = auditLog.witnessedHead(trajectory);
        boolean extendsTrusted = first == 0 ? trusted == null && witnessed == null
                : trusted != null && trusted.lastSequence() == first - 1
                        && (witnessed == null || witnessed <= trusted.lastSequence());
        boolean acknowledged = breaks.of(trajectory).map(AuditBreaks.Report::acknowledged).orElse(false);
        String prev = first == 0 ? ChainHash.GENESIS
                : extendsTrusted ? trusted.lastHash() : storedLink(trajectory, first - 1);
        boolean vouched = (extendsTrusted && !breaks.blocksSigning(trajectory)) || acknowledged;
        if (!extendsTrusted && !acknowledged) {
            long known = trusted == null ? -1 : trusted.lastSequence();
            long head = Math.max(known, witnessed == null ? -1 : witnessed);
            breaks.report(trajectory, new Break(first <= head ? Kind.TAIL_TRUNCATED : Kind.EVENT_MISSING,
                    first, null, "a new commit at sequence " + first + " does not extend the head the audit"
                            + " trail vouches for (sequence " + head + "): the stored record was changed"
                            + " below it"));
        }
        for (Document event : events) {
            ChainEvent chained = new ChainEvent(0, 0, trajectory, commit.getString("type"),
                    StoredNumbers.nullable(event, "seq"),
                    event.getString("id"), event.getString("ts"), event.getString("ptype"), event.getString("rev"),
                    event.getString("payload"), event.getString("meta"), prev, null);
            String hash = chained.expectedHash(prev);
            event.append("prev", prev).append("hash", hash);
            prev = hash;
        }
        if (vouched) {
            commit.remove("vouched");
        } else {
            commit.put("vouched", false);
        }
        sign(commit);
    }

    @Override
    public void committed(Document commit) {
        String trajectory = commit.getString("agg");
        if (trajectory != null) {
            List<Document> events = commit.getList("events", Document.class);
            sealed.put(trajectory, new AuditLog.Head(StoredNumbers.of(commit, "last"),
                    events.get(events.size() - 1).getString("hash")));
        }
        auditLog.wake();
    }

    private AuditLog.Head trusted(String trajectory) {
        AuditLog.Head logged = auditLog.head(trajectory);
        AuditLog.Head own = sealed.get(trajectory);
        if (own == null) {
            return logged;
        }
        if (logged != null && logged.lastSequence() >= own.lastSequence()) {
            sealed.remove(trajectory);
            return logged;
        }
        return own;
    }

    /** The stored link of a sequence, read from the store: only when the record differs from what is trusted. */
    private String storedLink(String trajectory, long sequence) {
        Document single = store.commitStartingAt(trajectory, sequence);
        if (single != null && Long.valueOf(sequence).equals(StoredNumbers.nullable(single, "last"))) {
            List<Document> events = single.getList("events", Document.class);
            return events.get(events.size() - 1).getString("hash");
        }
        for (Document commit : store.commitsOf(trajectory, 0)) {
            for (Document event : commit.getList("events", Document.class)) {
                if (Long.valueOf(sequence).equals(StoredNumbers.nullable(event, "seq"))
                        && event.getString("hash") != null) {
                    return event.getString("hash");
                }
            }
        }
        return ChainHash.GENESIS;
    }

    private void sign(Document commit) {
        commit.put("sig", CommitSeal.of(StoredCommits.of(commit)).sign(key.privateKey()));
    }
}
