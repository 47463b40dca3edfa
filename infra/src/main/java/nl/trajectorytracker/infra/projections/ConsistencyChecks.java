package nl.trajectorytracker.infra.projections;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

import jakarta.annotation.PreDestroy;

import org.bson.Document;
import org.bson.conversions.Bson;
import org.bson.types.ObjectId;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.data.mongodb.core.MongoOperations;
import org.springframework.stereotype.Service;

import com.mongodb.client.model.Filters;
import com.mongodb.client.model.ReplaceOptions;
import com.mongodb.client.model.Updates;

import nl.trajectorytracker.api.values.DomainException;
import nl.trajectorytracker.api.values.ErrorCode;
import nl.trajectorytracker.infra.audit.SigningKey;
import nl.trajectorytracker.infra.projections.ConsistencyCheck.CollectionDifference;
import nl.trajectorytracker.infra.projections.ConsistencyCheck.ConsistencyReport;
import nl.trajectorytracker.infra.security.DocumentSeals;

/**
 * Consistency checks asked for by administrators. A check replays the whole store (minutes on a large one), so it is
 * not answered in the request that asks for it: it is recorded in {@value #COLLECTION} (the latest check of each read
 * model, under the read model's name) and answered {@code 202}, runs on a thread of its own, one check after another,
 * and its progress and report are read from the record, on any instance. A check asked for while one of that read
 * model is queued or runs is answered by that one. The instance that runs a check shows a sign of life in the record
 * every ten seconds; a check whose instance stopped, or fell silent for {@link ScratchCollections#ABANDONED_AFTER},
 * reads as failed, to be asked for again, rather than as running for ever.
 */
@Service
public class ConsistencyChecks {

    static final String COLLECTION = "read_model_checks";
    private static final Duration ALIVE_EVERY = Duration.ofSeconds(10);
    private static final String STOPPED = "The instance that ran the check stopped before it finished; ask again";
    private static final String UNSEALED = "The stored report is not the one this service wrote (changed in the"
            + " database?); ask again";
    private static final Logger log = LoggerFactory.getLogger(ConsistencyChecks.class);

    private final ConsistencyCheck check;
    private final MongoOperations mongo;
    private final Clock clock;
    private final String instance = HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextLong());
    private final ExecutorService worker = Executors.newSingleThreadExecutor(runnable -> {
        Thread thread = new Thread(runnable, "read-model-consistency-check");
        thread.setDaemon(true);
        return thread;
    });
    private volatile boolean stopping;
    /** Seals a report with the check it answers: one rewritten in the database (to say consistent) is not shown. */
    private final DocumentSeals seals;

    public ConsistencyChecks(ConsistencyCheck check, MongoOperations mongo, Clock clock, SigningKey signingKey) {
        this.check = check;
        this.mongo = mongo;
        this.clock = clock;
        this.seals = DocumentSeals.keyedFrom(signingKey, "consistency-check-seals",
                "Consistency check reports");
    }

    /** The states of a check: {@code QUEUED} behind another, {@code CHECKING}, {@code DONE} or {@code FAILED}. */
    enum State {
        QUEUED, CHECKING, DONE, FAILED
    }

    /**
     * Starts checking a read model, after the checks this instance runs already, unless one of it is queued or runs;
     * answers the check's progress. An unknown name is refused as not found.
     */
    public synchronized CheckProgress start(String name) {
        check.projection(name);
        Document current = mongo.getCollection(COLLECTION).find(Filters.eq("_id", name)).first();
        if (current != null) {
            CheckProgress progress = progress(current);
            if (progress.state().equals(State.QUEUED.name()) || progress.state().equals(State.CHECKING.name())) {
                return progress;
            }
        }
        ObjectId run = new ObjectId();
        Date now = Date.from(clock.instant());
        Document queued = new Document("_id", name).append("run", run).append("state", State.QUEUED.name())
                .append("requestedAt", now).append("eventsReplayed", 0L).append("owner", instance)
                .append("aliveAt", now);
        mongo.getCollection(COLLECTION).replaceOne(Filters.eq("_id", name), queued, new ReplaceOptions().upsert(true));
        worker.submit(() -> run(name, run));
        return progress(queued);
    }

    /** The latest check of a read model, on any instance; refused as not found when none was asked for. */
    public CheckProgress latest(String name) {
        check.projection(name);
        Document current = mongo.getCollection(COLLECTION).find(Filters.eq("_id", name)).first();
        if (current == null) {
            throw new DomainException(ErrorCode.CONSISTENCY_CHECK_NOT_FOUND,
                    "No consistency check of " + name + " was asked for; ask for one with POST");
        }
        return progress(current);
    }

    private void run(String name, ObjectId run) {
        Date now = Date.from(clock.instant());
        if (stopping || !update(name, run, Updates.combine(Updates.set("state", State.CHECKING.name()),
                Updates.set("startedAt", now), Updates.set("aliveAt", now)))) {
            return;
        }
        Instant[] shownAlive = {clock.instant()};
        try {
            ConsistencyReport report = check.check(name, events -> {
                Instant at = clock.instant();
                if (Duration.between(shownAlive[0], at).compareTo(ALIVE_EVERY) >= 0) {
                    shownAlive[0] = at;
                    update(name, run, Updates.combine(Updates.set("eventsReplayed", events),
                            Updates.set("aliveAt", Date.from(at))));
                }
            });
            Document stored = document(report);
            update(name, run, Updates.combine(Updates.set("state", State.DONE.name()),
                    Updates.set("endedAt", Date.from(clock.instant())),
                    Updates.set("eventsReplayed", report.eventsReplayed()), Updates.set("report", stored),
                    Updates.set("reportSeal", sealOf(name, run, stored))));
        } catch (RuntimeException e) {
            if (stopping) {
                return; // recorded as stopped by stop()
            }
            log.error("Consistency check of read model {} failed", name, e);
            update(name, run, Updates.combine(Updates.set("state", State.FAILED.name()),
                    Updates.set("endedAt", Date.from(clock.instant())),
                    Updates.set("failure", e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage())));
        }
    }

    /** Changes the record of this run, unless a later check of the read model took its place. */
    private boolean update(String name, ObjectId run, Bson update) {
        try {
            return mongo.getCollection(COLLECTION).updateOne(Filters.and(Filters.eq("_id", name),
                    Filters.eq("run", run)), update).getMatchedCount() == 1;
        } catch (RuntimeException e) {
            log.warn("Could not record the progress of the consistency check of {}", name, e);
            return false;
        }
    }

    /** Stops the check that runs and records the checks of this instance not ended as failed, to be asked again. */
    @PreDestroy
    void stop() {
        stopping = true;
        worker.shutdownNow();
        try {
            worker.awaitTermination(10, TimeUnit.SECONDS);
            mongo.getCollection(COLLECTION).updateMany(Filters.and(Filters.eq("owner", instance),
                    Filters.in("state", State.QUEUED.name(), State.CHECKING.name())),
                    Updates.combine(Updates.set("state", State.FAILED.name()),
                            Updates.set("endedAt", Date.from(clock.instant())), Updates.set("failure", STOPPED)));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            log.warn("Could not record the consistency checks that stopped; they read as failed after {} s",
                    ScratchCollections.ABANDONED_AFTER.toSeconds(), e);
        }
    }

    /**
     * A check as recorded. A record this version cannot read (written by another version, or by hand) reads as a
     * failed check, rather than failing the request that reads it.
     */
    private CheckProgress progress(Document record) {
        try {
            return recorded(record);
        } catch (RuntimeException e) {
            return new CheckProgress(String.valueOf(record.get("_id")), State.FAILED.name(), null, null, null, 0,
                    null, "The record of this check cannot be read (" + e.getMessage() + ")");
        }
    }

    private CheckProgress recorded(Document record) {
        State state = State.valueOf(record.getString("state"));
        String failure = record.getString("failure");
        Instant aliveAt = instant(record, "aliveAt");
        if ((state == State.QUEUED || state == State.CHECKING) && aliveAt != null
                && aliveAt.isBefore(clock.instant().minus(ScratchCollections.ABANDONED_AFTER))) {
            state = State.FAILED;
            failure = STOPPED;
        }
        Document report = record.get("report", Document.class);
        if (report != null && !Objects.equals(record.getString("reportSeal"),
                sealOf(record.getString("_id"), record.getObjectId("run"), report))) {
            log.error("The report of the consistency check of {} is not the one this service wrote (changed in the"
                    + " database?); it is not shown", record.get("_id"));
            return new CheckProgress(record.getString("_id"), State.FAILED.name(), instant(record, "requestedAt"),
                    instant(record, "startedAt"), instant(record, "endedAt"), 0, null, UNSEALED);
        }
        return new CheckProgress(record.getString("_id"), state.name(), instant(record, "requestedAt"),
                instant(record, "startedAt"), instant(record, "endedAt"),
                record.get("eventsReplayed") instanceof Number events ? events.longValue() : 0,
                report == null ? null : report(record.getString("_id"), report), failure);
    }

    /** The seal of a report: the read model, the run and the report as stored; none when nothing is sealed. */
    private String sealOf(String name, ObjectId run, Document report) {
        return seals.keyed() ? seals.over(name + "\n" + run + "\n" + report.toJson()) : null;
    }

    private static Instant instant(Document record, String field) {
        Date date = record.getDate(field);
        return date == null ? null : date.toInstant();
    }

    private static Document document(ConsistencyReport report) {
        return new Document("consistent", report.consistent()).append("liveCaughtUp", report.liveCaughtUp())
                .append("eventsReplayed", report.eventsReplayed()).append("tookMillis", report.tookMillis())
                .append("collections", report.collections().stream().map(collection -> new Document(
                        "collection", collection.collection())
                        .append("liveDocuments", collection.liveDocuments())
                        .append("rebuiltDocuments", collection.rebuiltDocuments())
                        .append("missing", collection.missing()).append("extra", collection.extra())
                        .append("changed", collection.changed())).toList());
    }

    private static ConsistencyReport report(String name, Document report) {
        List<CollectionDifference> collections = report.getList("collections", Document.class).stream()
                .map(collection -> new CollectionDifference(collection.getString("collection"),
                        collection.getInteger("liveDocuments"), collection.getInteger("rebuiltDocuments"),
                        collection.getList("missing", String.class), collection.getList("extra", String.class),
                        collection.getList("changed", String.class)))
                .toList();
        return new ConsistencyReport(name, report.getBoolean("consistent"), report.getBoolean("liveCaughtUp"),
                ((Number) report.get("eventsReplayed")).longValue(), collections,
                ((Number) report.get("tookMillis")).longValue());
    }

    /**
     * A consistency check: {@code QUEUED} (behind another check on its instance), {@code CHECKING}, {@code DONE}
     * (with the report) or {@code FAILED} (with the reason; also when its instance stopped before it finished); when
     * it was asked for, started and ended, and how many events it replayed so far.
     */
    public record CheckProgress(String name, String state, Instant requestedAt, Instant startedAt, Instant finishedAt,
            long eventsReplayed, ConsistencyReport report, String failure) {
    }
}
