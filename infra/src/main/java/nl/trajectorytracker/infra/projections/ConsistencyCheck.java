package nl.trajectorytracker.infra.projections;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicLong;

import org.axonframework.eventhandling.AnnotationEventHandlerAdapter;
import org.bson.Document;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.data.mongodb.core.MongoOperations;
import org.springframework.stereotype.Service;

import nl.trajectorytracker.api.values.DomainException;
import nl.trajectorytracker.api.values.ErrorCode;
import nl.trajectorytracker.query.readmodel.ReplayableProjection;

/**
 * Compares a live read model with a fresh rebuild: a new instance of the projection, writing into scratch
 * collections ({@value #PREFIX}{@code <collection>}), handles every event of the event store from the start; then
 * the scratch and live collections are compared document for document (as stored BSON) and the scratch collections
 * dropped. The live projection is first given time to catch up with the head of the store; events stored while the
 * check runs can show as differences, so run it again before acting on one.
 */
@Service
public class ConsistencyCheck {

    static final String PREFIX = "consistency_check_";
    private static final Logger log = LoggerFactory.getLogger(ConsistencyCheck.class);
    private static final int MAX_IDS_REPORTED = 100;

    private final List<ReplayableProjection> projections;
    private final Replay replay;
    private final MongoOperations mongo;
    private final ProjectionRebuilds rebuilds;
    private final Clock clock;

    public ConsistencyCheck(List<ReplayableProjection> projections, Replay replay, MongoOperations mongo,
            ProjectionRebuilds rebuilds, Clock clock) {
        this.projections = projections;
        this.replay = replay;
        this.mongo = mongo;
        this.rebuilds = rebuilds;
        this.clock = clock;
    }

    /** Checks one projection, by the name of its processing group. */
    public synchronized ConsistencyReport check(String name) {
        ReplayableProjection live = projections.stream()
                .filter(projection -> projection.processingGroup().equals(name))
                .findFirst()
                .orElseThrow(() -> new DomainException(ErrorCode.PROJECTION_NOT_FOUND, "No projection named " + name));
        Instant started = clock.instant();
        boolean caughtUp = awaitCaughtUp(name, Duration.ofSeconds(30));
        live.collections().forEach(collection -> mongo.dropCollection(PREFIX + collection));
        AnnotationEventHandlerAdapter fresh = new AnnotationEventHandlerAdapter(live.writingTo(mongo, PREFIX));
        AtomicLong events = new AtomicLong();
        replay.events(Map.of(name, fresh), null, (reached, handled) -> events.addAndGet(handled));
        List<CollectionDifference> differences = new ArrayList<>();
        for (String collection : live.collections()) {
            differences.add(compare(collection, mongo.findAll(Document.class, collection),
                    mongo.findAll(Document.class, PREFIX + collection)));
            mongo.dropCollection(PREFIX + collection);
        }
        boolean consistent = differences.stream().allMatch(CollectionDifference::none);
        ConsistencyReport report = new ConsistencyReport(name, consistent, caughtUp, events.get(), differences,
                Duration.between(started, clock.instant()).toMillis());
        log.info("Consistency check of read model {}: {} ({} events replayed)", name,
                consistent ? "consistent" : "DIFFERENT " + differences, events.get());
        return report;
    }

    private boolean awaitCaughtUp(String name, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            ProjectionRebuilds.ProcessorStatus status = rebuilds.status(name);
            if (status.lag() != null && status.lag() == 0) {
                return true;
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
        return false;
    }

    static CollectionDifference compare(String collection, List<Document> live, List<Document> rebuilt) {
        Map<Object, Document> liveById = byId(live);
        Map<Object, Document> rebuiltById = byId(rebuilt);
        List<String> missing = new ArrayList<>();
        List<String> changed = new ArrayList<>();
        rebuiltById.forEach((id, document) -> {
            Document current = liveById.get(id);
            if (current == null) {
                missing.add(String.valueOf(id));
            } else if (!Objects.equals(current, document)) {
                changed.add(String.valueOf(id));
            }
        });
        List<String> extra = liveById.keySet().stream()
                .filter(id -> !rebuiltById.containsKey(id))
                .map(String::valueOf)
                .toList();
        return new CollectionDifference(collection, live.size(), rebuilt.size(), limited(missing), limited(extra),
                limited(changed));
    }

    private static Map<Object, Document> byId(List<Document> documents) {
        Map<Object, Document> byId = new HashMap<>();
        documents.forEach(document -> byId.put(document.get("_id"), document));
        return byId;
    }

    private static List<String> limited(List<String> ids) {
        return ids.stream().sorted().limit(MAX_IDS_REPORTED).toList();
    }

    /**
     * What the check found: whether the live read model equals the fresh rebuild, whether the live projection had
     * caught up with the store when the check began, how many events were replayed, and per collection the ids
     * missing from the live read model, extra in it, or changed (at most 100 of each).
     */
    public record ConsistencyReport(String name, boolean consistent, boolean liveCaughtUp, long eventsReplayed,
            List<CollectionDifference> collections, long tookMillis) {
    }

    public record CollectionDifference(String collection, int liveDocuments, int rebuiltDocuments,
            List<String> missing, List<String> extra, List<String> changed) {

        boolean none() {
            return missing.isEmpty() && extra.isEmpty() && changed.isEmpty();
        }
    }
}
