package nl.trajectorytracker.query.research;

import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;

import org.bson.BsonBinaryReader;
import org.bson.Document;
import org.bson.RawBsonDocument;
import org.bson.codecs.DecoderContext;
import org.bson.conversions.Bson;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.dao.DataAccessException;
import org.springframework.data.mongodb.core.MongoOperations;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

import com.mongodb.client.model.Filters;


/**
 * The research summaries of every trajectory, read once and shared by every release until the read model's
 * {@linkplain ResearchRevision revision} changes. The revision is read by {@code _id} for every snapshot asked for,
 * so a change made by any instance's projection (or a rebuilt read model renamed over the live one) is seen by the
 * next request. The revision is read before the summaries: a snapshot read while a batch was being written may
 * hold some of the batch's changes under the revision before it, and is replaced once the batch's revision is
 * written. The summaries, and what is derived from them per {@code k}, are shared between releases and never changed
 * by them.
 *
 * <p>The summaries are also read in the background once the read model has been quiet for a while ({@link
 * #keepCurrent}), so that a researcher's first request after a start or after a burst of steps finds them read
 * instead of reading every summary itself.
 */
@Component
public class ResearchPopulation {

    private static final Logger log = LoggerFactory.getLogger(ResearchPopulation.class);

    /** The summaries as of one revision of the read model, and what releases derive from them per k. */
    static final class Snapshot {

        private final String revision;
        private final List<ResearchTrajectory> trajectories;
        private final Map<Integer, FilterClasses> classes = new ConcurrentHashMap<>();
        private final Map<List<Integer>, Due> due = new ConcurrentHashMap<>();

        Snapshot(String revision, List<ResearchTrajectory> trajectories) {
            this.revision = revision;
            this.trajectories = trajectories;
        }

        String revision() {
            return revision;
        }

        List<ResearchTrajectory> trajectories() {
            return trajectories;
        }

        /** The filter groups of these trajectories for a study's k, made once per snapshot. */
        FilterClasses classes(int k) {
            return classes.computeIfAbsent(k, x -> FilterClasses.of(trajectories, k));
        }

        /**
         * The trajectories a histories release may hold on this day, and their generalisation for a study's k: made
         * once per snapshot, k and year.
         */
        Due due(int k, LocalDate today) {
            return due.computeIfAbsent(List.of(k, today.getYear()), x -> {
                List<ResearchTrajectory> trajectories = Histories.due(this.trajectories, today);
                return new Due(trajectories, QuasiIdentifiers.choose(trajectories, k));
            });
        }
    }

    /** The trajectories a histories release may hold, and how they are generalised. */
    record Due(List<ResearchTrajectory> trajectories, QuasiIdentifiers.Generalisation levels) {
    }

    /** More changed summaries than this are read with all the others, in one pass. */
    private static final int MAX_CHANGED = 2_000;
    private static final int IDS_PER_READ = 500;
    private static final ResearchTrajectoryDecoder DECODER = new ResearchTrajectoryDecoder();

    private final MongoOperations mongo;
    private final ResearchRevision revision;
    private final AtomicReference<Snapshot> current = new AtomicReference<>();
    /** The revision the last background check saw. */
    private volatile String seen;

    /** The least time between two reads in the background, so that steps coming all day cost a read a minute. */
    private final Duration backgroundReadsApart;
    private volatile long lastBackgroundRead = System.nanoTime();

    public ResearchPopulation(MongoOperations mongo) {
        this(mongo, Duration.ZERO);
    }

    @Autowired
    public ResearchPopulation(MongoOperations mongo,
            @Value("${tracker.research.background-reads-apart:PT1M}") Duration backgroundReadsApart) {
        this.mongo = mongo;
        this.revision = new ResearchRevision(mongo, ResearchRevision.COLLECTION);
        this.backgroundReadsApart = backgroundReadsApart;
    }

    /** The summaries as the read model holds them now; one reader reads them, the others wait for it. */
    Snapshot snapshot() {
        String now = revision.current();
        Snapshot cached = current.get();
        if (cached != null && cached.revision().equals(now)) {
            return cached;
        }
        synchronized (this) {
            cached = current.get();
            if (cached != null && cached.revision().equals(now)) {
                return cached;
            }
            Snapshot read = new Snapshot(now, List.copyOf(cached == null ? readAll() : refresh(cached)));
            current.set(read);
            return read;
        }
    }

    /**
     * Reads the summaries when the revision has stayed the same since the last check and the snapshot is older: while
     * steps keep coming the requests read what they need, and once the steps stop the next request finds the
     * summaries read. Costs one read by {@code _id} when nothing changed; a snapshot is read in the background at
     * most once per {@code tracker.research.background-reads-apart} (the first at once).
     */
    @Scheduled(fixedDelayString = "${tracker.research.keep-current-interval:PT2S}",
            initialDelayString = "${tracker.research.keep-current-interval:PT2S}")
    public void keepCurrent() {
        try {
            String now = revision.current();
            Snapshot cached = current.get();
            boolean due = cached == null || System.nanoTime() - lastBackgroundRead >= backgroundReadsApart.toNanos();
            if (now.equals(seen) && (cached == null || !cached.revision().equals(now)) && due) {
                snapshot();
                lastBackgroundRead = System.nanoTime();
            }
            seen = now;
        } catch (DataAccessException | IllegalStateException e) {
            // a request reads the summaries itself, and says what went wrong
            log.debug("The research summaries were not read in the background: {}", e.getMessage());
        }
    }

    /** Whether the summaries held are those of the read model now. */
    boolean isCurrent() {
        Snapshot cached = current.get();
        return cached != null && cached.revision().equals(revision.current());
    }

    /**
     * The summaries after a change: every summary's id and version are read, and only the summaries that are new or
     * have another version than the snapshot holds are read again (by {@code _id}). A summary's version is the
     * sequence number of the last event that changed it (what makes the projection idempotent), so a summary with
     * the same id and version is the same summary, in a rebuilt read model of the same events too. The order is the
     * order a full read gives.
     */
    private List<ResearchTrajectory> refresh(Snapshot previous) {
        Map<String, ResearchTrajectory> known = new HashMap<>();
        previous.trajectories().forEach(trajectory -> known.put(trajectory.id, trajectory));
        Query versions = new Query();
        versions.fields().include("_id").include("version");
        List<String> order = new ArrayList<>();
        List<String> changed = new ArrayList<>();
        for (Document stored : mongo.find(versions, Document.class, ResearchTrajectory.COLLECTION)) {
            String id = String.valueOf(stored.get("_id"));
            order.add(id);
            ResearchTrajectory held = known.get(id);
            if (held == null || held.version != number(stored, "version", 0L)) {
                changed.add(id);
            }
        }
        if (changed.size() > MAX_CHANGED) {
            return readAll();
        }
        Set<String> stale = new HashSet<>(changed);
        Map<String, ResearchTrajectory> fresh = new HashMap<>();
        for (int from = 0; from < changed.size(); from += IDS_PER_READ) {
            List<String> ids = changed.subList(from, Math.min(changed.size(), from + IDS_PER_READ));
            for (ResearchTrajectory trajectory : read(Filters.in("_id", ids), ids.size())) {
                fresh.put(trajectory.id, trajectory);
            }
        }
        List<ResearchTrajectory> all = new ArrayList<>(order.size());
        for (String id : order) {
            ResearchTrajectory trajectory = fresh.get(id);
            if (trajectory == null && !stale.contains(id)) {
                trajectory = known.get(id);
            }
            if (trajectory != null) { // null: removed since its id was read
                all.add(trajectory);
            }
        }
        return all;
    }

    /** Every summary. */
    private List<ResearchTrajectory> readAll() {
        return read(new Document(), 0);
    }

    /**
     * The summaries that match, decoded straight from their BSON ({@link ResearchTrajectoryDecoder}): Spring Data's
     * mapping of a class with lists of records, and even a {@code Document} per summary, cost more than the read.
     * Read whole: a projection makes the embedded server copy every document.
     */
    private List<ResearchTrajectory> read(Bson filter, int batchSize) {
        return mongo.execute(ResearchTrajectory.COLLECTION, collection -> {
            List<ResearchTrajectory> read = new ArrayList<>();
            DecoderContext context = DecoderContext.builder().build();
            for (RawBsonDocument stored : collection.withDocumentClass(RawBsonDocument.class).find(filter)
                    .batchSize(batchSize)) {
                try (BsonBinaryReader reader = new BsonBinaryReader(stored.getByteBuffer().asNIO())) {
                    read.add(DECODER.decode(reader, context));
                }
            }
            return read;
        });
    }

    private static long number(Document stored, String name, long otherwise) {
        Number value = stored.get(name, Number.class);
        return value == null ? otherwise : value.longValue();
    }
}
