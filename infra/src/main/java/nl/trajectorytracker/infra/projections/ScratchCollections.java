package nl.trajectorytracker.infra.projections;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;

import org.bson.Document;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.data.mongodb.core.MongoOperations;
import org.springframework.stereotype.Component;

import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Projections;
import com.mongodb.client.model.Updates;

/**
 * The collections a rebuild or a consistency check writes before it is done with them. Each run writes under a prefix
 * of its own ({@code rebuild_<run>_<collection>}), so two runs, on one instance or on two sharing a database, never
 * write into each other's copies, and a copy that is renamed over a live read model holds only what its own run
 * wrote.
 * <p>
 * A run is recorded in {@value #COLLECTION} before it writes anything, and keeps its record alive while it works.
 * The collections of a run whose record is gone or was not kept alive for {@link #ABANDONED_AFTER} (its process was
 * stopped or died halfway) are dropped, and its record with them, whenever a run begins. A run whose record was
 * dropped so fails at its next sign of life ({@link Run#keepAlive}) rather than use a copy that lost documents.
 */
@Component
class ScratchCollections {

    static final String COLLECTION = "read_model_scratch_runs";
    /** Longer than any pause between two signs of life of a working run, a batch of events or a swap. */
    static final Duration ABANDONED_AFTER = Duration.ofMinutes(2);
    private static final Duration KEEP_ALIVE_EVERY = Duration.ofSeconds(10);
    private static final Set<String> KINDS = Set.of(ProjectionRebuilds.PREFIX, ConsistencyCheck.PREFIX);
    private static final Logger log = LoggerFactory.getLogger(ScratchCollections.class);

    private final MongoOperations mongo;
    private final Clock clock;

    ScratchCollections(MongoOperations mongo, Clock clock) {
        this.mongo = mongo;
        this.clock = clock;
    }

    /**
     * Begins a run of this kind ({@link ProjectionRebuilds#PREFIX} or {@link ConsistencyCheck#PREFIX}), after dropping
     * what abandoned runs left behind.
     */
    Run begin(String kind) {
        if (!KINDS.contains(kind)) {
            throw new IllegalArgumentException("No scratch collections of kind " + kind);
        }
        dropAbandoned();
        String id = HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextInt());
        Instant now = clock.instant();
        mongo.getCollection(COLLECTION).insertOne(new Document("_id", id).append("kind", kind)
                .append("startedAt", Date.from(now)).append("aliveAt", Date.from(now)));
        return new Run(id, kind + id + "_", now);
    }

    /**
     * Drops the collections of every run that is not recorded as alive, and the records of runs given up. The record
     * goes first, and only while it is still stale: a run that shows a sign of life in between keeps its collections.
     */
    void dropAbandoned() {
        Date staleBefore = Date.from(clock.instant().minus(ABANDONED_AFTER));
        for (Document stale : mongo.getCollection(COLLECTION).find(Filters.lt("aliveAt", staleBefore))) {
            mongo.getCollection(COLLECTION).deleteOne(Filters.and(Filters.eq("_id", stale.get("_id")),
                    Filters.lt("aliveAt", staleBefore)));
        }
        // the names before the records: a run records itself before it creates a collection, so a run whose
        // collection is listed here is among the records read next, unless it was given up
        List<String> scratch = mongo.getCollectionNames().stream()
                .filter(name -> KINDS.stream().anyMatch(name::startsWith)).sorted().toList();
        Set<String> alive = new HashSet<>();
        mongo.getCollection(COLLECTION).find().projection(Projections.include("_id"))
                .forEach(run -> alive.add(run.getString("_id")));
        List<String> abandoned = scratch.stream().filter(name -> !alive.contains(run(name))).toList();
        if (!abandoned.isEmpty()) {
            log.warn("Dropping the scratch collections of rebuilds or consistency checks that stopped halfway: {}",
                    abandoned);
            abandoned.forEach(mongo::dropCollection);
        }
    }

    /** The run a scratch collection belongs to: what follows its kind, up to the next underscore. */
    private static String run(String collection) {
        String kind = KINDS.stream().filter(collection::startsWith).findFirst().orElseThrow();
        String rest = collection.substring(kind.length());
        int end = rest.indexOf('_');
        return end < 0 ? rest : rest.substring(0, end);
    }

    /** One run's scratch collections: the prefix to write them under, its signs of life, and its end. */
    final class Run implements AutoCloseable {

        private final String id;
        private final String prefix;
        private volatile Instant keptAliveAt;

        private Run(String id, String prefix, Instant startedAt) {
            this.id = id;
            this.prefix = prefix;
            this.keptAliveAt = startedAt;
        }

        String prefix() {
            return prefix;
        }

        /** Shows a sign of life, at most every ten seconds unless {@code now}. */
        void keepAlive(boolean now) {
            Instant at = clock.instant();
            if (!now && Duration.between(keptAliveAt, at).compareTo(KEEP_ALIVE_EVERY) < 0) {
                return;
            }
            long kept = mongo.getCollection(COLLECTION).updateOne(Filters.eq("_id", id),
                    Updates.set("aliveAt", Date.from(at))).getMatchedCount();
            if (kept == 0) {
                throw new IllegalStateException("This run's scratch collections (" + prefix + "*) were dropped as "
                        + "abandoned: it paused for longer than " + ABANDONED_AFTER.toSeconds() + " s");
            }
            keptAliveAt = at;
        }

        /**
         * Drops what is left of the run's collections (those renamed into place are gone already) and its record.
         * Never fails the run it ends: what it could not drop, the next run drops once this one is silent.
         */
        @Override
        public void close() {
            // a run interrupted as its application stops still drops its collections: the driver refuses to work
            // on an interrupted thread, so the interrupt waits until they are dropped
            boolean interrupted = Thread.interrupted();
            try {
                mongo.getCollectionNames().stream().filter(name -> name.startsWith(prefix)).toList()
                        .forEach(mongo::dropCollection);
                mongo.getCollection(COLLECTION).deleteOne(Filters.eq("_id", id));
            } catch (RuntimeException e) {
                log.warn("Could not drop the scratch collections {}*; the next rebuild or check drops them", prefix,
                        e);
            } finally {
                if (interrupted) {
                    Thread.currentThread().interrupt();
                }
            }
        }
    }
}
