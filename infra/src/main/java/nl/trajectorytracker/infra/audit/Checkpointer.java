package nl.trajectorytracker.infra.audit;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.bson.Document;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

import nl.trajectorytracker.infra.audit.verification.CanonicalJson;
import nl.trajectorytracker.infra.audit.verification.ChainHash;
import nl.trajectorytracker.infra.audit.verification.Checkpoint;
import nl.trajectorytracker.infra.audit.verification.Signatures;
import nl.trajectorytracker.infra.audit.verification.Verification;
import nl.trajectorytracker.infra.eventstore.MongoEventStorageEngine;
import nl.trajectorytracker.infra.eventstore.MongoEventStorageEngine.ChainHead;

/**
 * Signs chain heads. After every commit this process stores, the engine reports the new head; a background thread
 * signs the heads of the trajectories touched since its last run, batched ({@code tracker.audit.checkpoint-delay},
 * default 1s). Only heads this process appended itself are signed automatically, so a commit slipped into the
 * database behind the application's back is never signed by the service and shows as unsigned or broken.
 *
 * <p>{@link #checkpointAll()} (administrators, on demand) verifies every trajectory against its latest checkpoint,
 * signs the heads that verify, refuses those that do not, and signs a digest over all heads.
 */
@Component
public class Checkpointer implements DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(Checkpointer.class);

    private final MongoEventStorageEngine engine;
    private final CheckpointStore store;
    private final SigningKey key;
    private final AuditTrail trail;
    private final Clock clock;
    private final Map<String, ChainHead> pending = new ConcurrentHashMap<>();
    private final ScheduledExecutorService signer = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "audit-checkpoints");
        thread.setDaemon(true);
        return thread;
    });

    public Checkpointer(EventStorageEngine engine, CheckpointStore store, SigningKey key, AuditTrail trail,
            Clock clock, @Value("${tracker.audit.checkpoint-delay:1s}") Duration delay) {
        this.engine = (MongoEventStorageEngine) engine;
        this.store = store;
        this.key = key;
        this.trail = trail;
        this.clock = clock;
        this.engine.addCommitListener(head -> pending.merge(head.aggregate(), head,
                (known, next) -> next.lastSequence() > known.lastSequence() ? next : known));
        signer.scheduleWithFixedDelay(this::flushQuietly, delay.toMillis(), delay.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Signs the heads appended since the last run, now. */
    public synchronized int flush() {
        List<ChainHead> heads = new ArrayList<>(pending.values());
        heads.forEach(head -> pending.remove(head.aggregate(), head));
        for (ChainHead head : heads) {
            sign(head.aggregate(), head.lastSequence(), head.lastHash());
        }
        return heads.size();
    }

    private void flushQuietly() {
        try {
            flush();
        } catch (RuntimeException e) {
            log.warn("Signing checkpoints failed; will retry with the next commits", e);
        }
    }

    private Checkpoint sign(String trajectoryId, long lastSequence, String lastHash) {
        String signedAt = clock.instant().toString();
        String content = Checkpoint.content(trajectoryId, lastSequence, lastHash, signedAt);
        Checkpoint checkpoint = new Checkpoint(trajectoryId, lastSequence, lastHash, signedAt,
                Signatures.sign(key.privateKey(), content.getBytes(StandardCharsets.UTF_8)));
        store.store(checkpoint);
        return checkpoint;
    }

    /** What an on-demand checkpoint run did. */
    public record CheckpointRun(int trajectories, int signed, int unchanged, List<Refusal> refused,
            Map<String, Object> digest) {
    }

    /** A trajectory whose head was not signed because its chain does not verify. */
    public record Refusal(String trajectoryId, String verification) {
    }

    /** Verifies every trajectory, signs the heads that verify, and signs a digest over all heads. */
    public synchronized CheckpointRun checkpointAll() {
        flush();
        int signed = 0;
        int unchanged = 0;
        List<Refusal> refused = new ArrayList<>();
        StringBuilder heads = new StringBuilder();
        List<String> trajectories = engine.aggregates();
        for (String trajectoryId : trajectories) {
            Verification verification = trail.verify(trajectoryId);
            if (!verification.ok()) {
                refused.add(new Refusal(trajectoryId, verification.summary()));
                log.error("Not signing {}: {}", trajectoryId, verification.summary());
                continue;
            }
            Optional<Checkpoint> latest = Optional.ofNullable(verification.checkpoint());
            if (latest.isPresent() && latest.get().lastSequence() == verification.headSequence()) {
                unchanged++;
            } else {
                sign(trajectoryId, verification.headSequence(), verification.headHash());
                signed++;
            }
            heads.append(trajectoryId).append(' ').append(verification.headSequence()).append(' ')
                    .append(verification.headHash()).append('\n');
        }
        Map<String, Object> digest = new LinkedHashMap<>();
        digest.put("kind", "all-trajectory-heads");
        digest.put("digest", ChainHash.sha256Hex(heads.toString()));
        digest.put("trajectories", (long) (trajectories.size() - refused.size()));
        digest.put("signedAt", clock.instant().toString());
        String signature = Signatures.sign(key.privateKey(),
                CanonicalJson.of(digest).getBytes(StandardCharsets.UTF_8));
        Document stored = new Document(digest).append("signature", signature)
                .append("signedContent", CanonicalJson.of(digest));
        store.storeDigest(stored);
        Map<String, Object> answer = new LinkedHashMap<>(digest);
        answer.put("signature", signature);
        answer.put("headsFormat", "one line per trajectory, sorted by id: <id> <last sequence> <last hash>\\n");
        return new CheckpointRun(trajectories.size(), signed, unchanged, refused, answer);
    }

    /**
     * Signs the heads still pending before the store closes: without this a restart left the last second's commits
     * unsigned until their trajectory's next commit (or an administrator's {@link #checkpointAll()}).
     */
    @Override
    public void destroy() {
        signer.shutdown();
        try {
            signer.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        flushQuietly();
    }
}
