package nl.trajectorytracker.infra.projections;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.function.LongConsumer;

import org.axonframework.eventhandling.AnnotationEventHandlerAdapter;
import org.bson.Document;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.data.mongodb.core.MongoOperations;
import org.springframework.stereotype.Service;

import com.mongodb.client.MongoCursor;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Projections;

import nl.trajectorytracker.api.values.DomainException;
import nl.trajectorytracker.api.values.ErrorCode;
import nl.trajectorytracker.query.readmodel.ReplayableProjection;

/**
 * Compares a live read model with a fresh rebuild: a new instance of the projection, writing into scratch
 * collections of the check's own ({@value #PREFIX}{@code <run>_<collection>}, see {@link ScratchCollections}),
 * handles every event of the event store from the start; then the scratch and live collections are compared document
 * for document (as stored BSON) and the scratch collections dropped. No collection's documents are held whole: the
 * ids of each side are read (only the ids), and the documents compared {@value #IDS_PER_ROUND_TRIP} at a time, each
 * looked up by {@code _id} in both (a read model of any size is checked without the heap to hold it twice). The live
 * projection is first given time to catch up with the head of the store; events stored while the check runs can show
 * as differences, so run it again before acting on one.
 */
@Service
public class ConsistencyCheck {

    static final String PREFIX = "consistency_check_";
    private static final Logger log = LoggerFactory.getLogger(ConsistencyCheck.class);
    private static final int MAX_IDS_REPORTED = 100;
    private static final int IDS_PER_ROUND_TRIP = 1_000;

    private final List<ReplayableProjection> projections;
    private final Replay replay;
    private final MongoOperations mongo;
    private final ProjectionRebuilds rebuilds;
    private final ScratchCollections scratch;
    private final Clock clock;

    public ConsistencyCheck(List<ReplayableProjection> projections, Replay replay, MongoOperations mongo,
            ProjectionRebuilds rebuilds, ScratchCollections scratch, Clock clock) {
        this.projections = projections;
        this.replay = replay;
        this.mongo = mongo;
        this.rebuilds = rebuilds;
        this.scratch = scratch;
        this.clock = clock;
    }

    /** The projection of this name (its processing group); an unknown name is refused as not found. */
    ReplayableProjection projection(String name) {
        return projections.stream()
                .filter(projection -> projection.processingGroup().equals(name))
                .findFirst()
                .orElseThrow(() -> new DomainException(ErrorCode.PROJECTION_NOT_FOUND, "No projection named " + name));
    }

    /**
     * Checks one projection, by the name of its processing group, and tells {@code alive} how many events it replayed
     * so far, after every batch of events or of documents compared.
     */
    synchronized ConsistencyReport check(String name, LongConsumer alive) {
        ReplayableProjection live = projection(name);
        Instant started = clock.instant();
        boolean caughtUp = awaitCaughtUp(name, Duration.ofSeconds(30));
        AtomicLong events = new AtomicLong();
        List<CollectionDifference> differences = new ArrayList<>();
        try (ScratchCollections.Run fresh = scratch.begin(PREFIX)) {
            replay.events(Map.of(name, new AnnotationEventHandlerAdapter(live.writingTo(mongo, fresh.prefix()))),
                    null, (reached, handled) -> {
                        events.addAndGet(handled);
                        fresh.keepAlive(false);
                        alive.accept(events.get());
                    });
            for (String collection : live.collections()) {
                differences.add(compare(collection, fresh.prefix() + collection, () -> {
                    fresh.keepAlive(false);
                    alive.accept(events.get());
                }));
            }
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

    private CollectionDifference compare(String collection, String rebuilt, Runnable alive) {
        Differences differences = new Differences();
        inBatchesOfIds(rebuilt, ids -> {
            differences.compare(byId(collection, ids), byId(rebuilt, ids));
            alive.run();
        });
        inBatchesOfIds(collection, ids -> {
            differences.liveOnes(ids, idsAmong(rebuilt, ids));
            alive.run();
        });
        return differences.of(collection);
    }

    /** The ids of a collection's documents, a batch at a time; only the ids are read. */
    private void inBatchesOfIds(String collection, Consumer<List<Object>> batch) {
        List<Object> ids = new ArrayList<>(IDS_PER_ROUND_TRIP);
        try (MongoCursor<Document> cursor = mongo.getCollection(collection).find()
                .projection(Projections.include("_id")).batchSize(IDS_PER_ROUND_TRIP).iterator()) {
            while (cursor.hasNext()) {
                ids.add(cursor.next().get("_id"));
                if (ids.size() == IDS_PER_ROUND_TRIP || !cursor.hasNext()) {
                    batch.accept(List.copyOf(ids));
                    ids.clear();
                }
            }
        }
    }

    private Map<Object, Document> byId(String collection, List<Object> ids) {
        Map<Object, Document> found = new HashMap<>();
        mongo.getCollection(collection).find(Filters.in("_id", ids)).batchSize(ids.size())
                .forEach(document -> found.put(document.get("_id"), document));
        return found;
    }

    /** Which of these ids a collection has a document for; only the ids are read. */
    private Set<Object> idsAmong(String collection, List<Object> ids) {
        Set<Object> found = new HashSet<>();
        mongo.getCollection(collection).find(Filters.in("_id", ids)).projection(Projections.include("_id"))
                .batchSize(ids.size()).forEach(document -> found.add(document.get("_id")));
        return found;
    }

    /**
     * What a comparison found so far: the documents counted on each side, and the first {@value #MAX_IDS_REPORTED}
     * ids (in their text's order) of the documents missing from the live read model, extra in it, or changed.
     */
    static final class Differences {

        private int live;
        private int rebuilt;
        private final TreeSet<String> missing = new TreeSet<>();
        private final TreeSet<String> extra = new TreeSet<>();
        private final TreeSet<String> changed = new TreeSet<>();

        /** Compares the rebuilt documents of a batch of ids with the live documents of those ids. */
        void compare(Map<Object, Document> liveById, Map<Object, Document> rebuiltById) {
            rebuilt += rebuiltById.size();
            rebuiltById.forEach((id, document) -> {
                Document current = liveById.get(id);
                if (current == null) {
                    keep(missing, id);
                } else if (!Objects.equals(current, document)) {
                    keep(changed, id);
                }
            });
        }

        /** Counts a batch of live ids, and reports those the rebuild has no document for. */
        void liveOnes(List<Object> ids, Set<Object> rebuiltIds) {
            live += ids.size();
            ids.stream().filter(id -> !rebuiltIds.contains(id)).forEach(id -> keep(extra, id));
        }

        private static void keep(TreeSet<String> ids, Object id) {
            ids.add(String.valueOf(id));
            if (ids.size() > MAX_IDS_REPORTED) {
                ids.pollLast();
            }
        }

        CollectionDifference of(String collection) {
            return new CollectionDifference(collection, live, rebuilt, List.copyOf(missing), List.copyOf(extra),
                    List.copyOf(changed));
        }
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
