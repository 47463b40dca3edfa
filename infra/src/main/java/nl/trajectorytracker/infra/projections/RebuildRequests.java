package nl.trajectorytracker.infra.projections;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Date;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;

import org.bson.Document;
import org.bson.conversions.Bson;
import org.bson.types.ObjectId;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.data.mongodb.core.MongoOperations;
import org.springframework.stereotype.Component;

import com.mongodb.client.model.Filters;
import com.mongodb.client.model.FindOneAndUpdateOptions;
import com.mongodb.client.model.ReturnDocument;
import com.mongodb.client.model.Sorts;
import com.mongodb.client.model.Updates;

/**
 * The rebuilds asked for, each recorded in {@value #COLLECTION} before it is acknowledged, so that none is lost: not
 * when the instance that accepted it stops or dies before it is done (an erasure's rebuild, for one, must take the
 * erased person out of the read models even so), and not from the view of another instance sharing the database,
 * which answers a rebuild's progress from here too.
 * <p>
 * A request is one pass over the event store for one or more read models: {@code QUEUED}, {@code REBUILDING}, then
 * {@code FINISHED} or {@code FAILED}. The instance that runs it owns it and shows a sign of life while it is queued or
 * runs ({@link #keepAlive}); an instance that stops releases what it owns ({@link #release}). A request not ended
 * whose owner released it or has been silent for {@link ScratchCollections#ABANDONED_AFTER} is taken over by the
 * first instance to look ({@link #takeOverAbandoned}) and run again from the start, at most {@value #MAX_STARTS}
 * times in all. Every change an owner makes is conditional on its still owning the request.
 */
@Component
class RebuildRequests {

    static final String COLLECTION = "read_model_rebuilds";
    /** A request that stopped halfway this often (a rebuild that takes its process down, say) is given up. */
    static final int MAX_STARTS = 3;
    static final String UNREADABLE = "The record of this rebuild cannot be read";
    /** Three signs of life missed: an owner shows one every ten seconds ({@link #keepAlive}). */
    static final Duration SILENT_AFTER = Duration.ofSeconds(30);
    private static final List<String> NOT_ENDED = List.of(State.QUEUED.name(), State.REBUILDING.name());
    private static final Logger log = LoggerFactory.getLogger(RebuildRequests.class);

    private final MongoOperations mongo;
    private final Clock clock;
    /** This process: a new one after every start, so that a restarted instance takes over what it had released. */
    private final String instance = HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextLong());

    RebuildRequests(MongoOperations mongo, Clock clock) {
        this.mongo = mongo;
        this.clock = clock;
    }

    enum State {
        QUEUED, REBUILDING, FINISHED, FAILED;

        boolean ended() {
            return this == FINISHED || this == FAILED;
        }
    }

    /**
     * A rebuild asked for, as recorded: the read models it rebuilds, its state, when it was asked for, started and
     * ended, the head of the store it rebuilds up to and the position it reached (both tracking positions, {@code -1}
     * for none), why it failed, how often it was started, and its owner's latest sign of life.
     */
    record Request(String id, List<String> names, State state, Instant requestedAt, Instant startedAt,
            Instant endedAt, long head, long reached, String failure, int starts, Instant aliveAt) {

        /**
         * Whether its owner missed three signs of life in a row, so that its progress stands still until another
         * instance takes it over ({@link ScratchCollections#ABANDONED_AFTER} after the last one).
         */
        boolean ownerSilent(Instant now) {
            return !state.ended() && aliveAt != null && aliveAt.isBefore(now.minus(SILENT_AFTER));
        }

        /**
         * The request a record holds. A record this version cannot read (written by another version, or by hand)
         * reads as a failed request, never run, rather than failing every status.
         */
        static Request of(Document document) {
            try {
                return new Request(document.getObjectId("_id").toHexString(),
                        List.copyOf(document.getList("names", String.class)),
                        State.valueOf(document.getString("state")), instant(document, "requestedAt"),
                        instant(document, "startedAt"), instant(document, "endedAt"), number(document, "head"),
                        number(document, "reached"), document.getString("failure"),
                        document.get("starts") instanceof Number starts ? starts.intValue() : 0,
                        instant(document, "aliveAt"));
            } catch (RuntimeException e) {
                return new Request(String.valueOf(document.get("_id")), List.of(), State.FAILED, null, null, null, -1,
                        -1, UNREADABLE + " (" + e.getMessage() + ")", 0, null);
            }
        }

        private static Instant instant(Document document, String field) {
            Date date = document.getDate(field);
            return date == null ? null : date.toInstant();
        }

        private static long number(Document document, String field) {
            return document.get(field) instanceof Number number ? number.longValue() : -1;
        }
    }

    /**
     * Records a rebuild of these read models, up to {@code head} for now, owned by this instance; answers it. With
     * {@code joinQueued}, a request for at least these read models that has not started yet (and so will read every
     * event stored before this one) is answered instead, and nothing is recorded.
     *
     * @return the request, and whether it is new (then the caller runs it)
     */
    Queued queue(Collection<String> names, long head, boolean joinQueued) {
        if (joinQueued) {
            Document waiting = mongo.getCollection(COLLECTION)
                    .find(Filters.and(Filters.eq("state", State.QUEUED.name()), Filters.all("names", names)))
                    .sort(Sorts.ascending("requestedAt", "_id")).first();
            if (waiting != null) {
                return new Queued(Request.of(waiting), false);
            }
        }
        Date now = Date.from(clock.instant());
        Document request = new Document("_id", new ObjectId()).append("names", List.copyOf(names))
                .append("state", State.QUEUED.name()).append("requestedAt", now).append("head", head)
                .append("reached", -1L).append("starts", 0).append("owner", instance).append("aliveAt", now);
        mongo.getCollection(COLLECTION).insertOne(request);
        return new Queued(Request.of(request), true);
    }

    record Queued(Request request, boolean isNew) {
    }

    /**
     * Marks a request of this instance started, up to {@code head}; {@code false} when another instance took it over
     * meanwhile (then it runs there, not here).
     */
    boolean started(String id, long head) {
        Date now = Date.from(clock.instant());
        return owned(id, Updates.combine(Updates.set("state", State.REBUILDING.name()), Updates.set("startedAt", now),
                Updates.set("head", head), Updates.set("reached", -1L), Updates.set("aliveAt", now),
                Updates.inc("starts", 1)));
    }

    /** Records the position a running request of this instance reached, as a sign of life. */
    boolean reached(String id, long position) {
        return owned(id, Updates.combine(Updates.set("reached", position),
                Updates.set("aliveAt", Date.from(clock.instant()))));
    }

    /** Records the end of a request of this instance: {@code failure} {@code null} when it finished. */
    boolean ended(String id, String failure) {
        Date now = Date.from(clock.instant());
        State state = failure == null ? State.FINISHED : State.FAILED;
        return owned(id, Updates.combine(Updates.set("state", state.name()), Updates.set("endedAt", now),
                Updates.set("aliveAt", now), Updates.set("failure", failure)));
    }

    private boolean owned(String id, Bson update) {
        boolean matched = mongo.getCollection(COLLECTION).updateOne(
                Filters.and(Filters.eq("_id", new ObjectId(id)), Filters.eq("owner", instance)), update)
                .getMatchedCount() == 1;
        if (!matched) {
            log.warn("The rebuild {} was taken over by another instance; it is left to that one", id);
        }
        return matched;
    }

    /** The latest rebuild asked for of this read model, if any was. */
    Optional<Request> latest(String name) {
        return Optional.ofNullable(mongo.getCollection(COLLECTION).find(Filters.eq("names", name))
                .sort(Sorts.descending("requestedAt", "_id")).first()).map(Request::of);
    }

    /** Shows that this instance still works on the requests it owns that have not ended. */
    void keepAlive() {
        mongo.getCollection(COLLECTION).updateMany(ownedNotEnded(), Updates.set("aliveAt", Date.from(clock.instant())));
    }

    /**
     * Takes over every request not ended whose owner released it or fell silent, oldest first, each as it was asked
     * for; marks those started {@value #MAX_STARTS} times failed instead. Another instance looking at once takes
     * each request at most once between them.
     */
    List<Request> takeOverAbandoned() {
        List<Request> taken = new ArrayList<>();
        Date staleBefore = Date.from(clock.instant().minus(ScratchCollections.ABANDONED_AFTER));
        while (true) {
            Document claimed = mongo.getCollection(COLLECTION).findOneAndUpdate(
                    Filters.and(Filters.in("state", NOT_ENDED), Filters.lt("aliveAt", staleBefore)),
                    Updates.combine(Updates.set("owner", instance), Updates.set("state", State.QUEUED.name()),
                            Updates.set("aliveAt", Date.from(clock.instant()))),
                    new FindOneAndUpdateOptions().sort(Sorts.ascending("requestedAt", "_id"))
                            .returnDocument(ReturnDocument.AFTER));
            if (claimed == null) {
                return taken;
            }
            Request request = Request.of(claimed);
            if (request.names().isEmpty()) {
                log.error("A rebuild recorded as {} cannot be read; it is marked failed, not run", claimed.toJson());
                mongo.getCollection(COLLECTION).updateOne(Filters.eq("_id", claimed.get("_id")), Updates.combine(
                        Updates.set("state", State.FAILED.name()), Updates.set("failure", request.failure())));
            } else if (request.starts() >= MAX_STARTS) {
                log.error("Giving up the rebuild of {} asked for at {}: it stopped halfway {} times; ask again",
                        request.names(), request.requestedAt(), request.starts());
                ended(request.id(), "Stopped halfway " + request.starts() + " times (its instance stopped or died); "
                        + "ask again");
            } else {
                log.warn("Taking over the rebuild of {} asked for at {}, which its instance left unfinished",
                        request.names(), request.requestedAt());
                taken.add(request);
            }
        }
    }

    /**
     * Releases every request of this instance not ended, for the next instance to look (this one after a restart,
     * or another) to take over at once.
     */
    void release() {
        long released = mongo.getCollection(COLLECTION).updateMany(ownedNotEnded(), Updates.set("aliveAt", new Date(0)))
                .getModifiedCount();
        if (released > 0) {
            log.info("Stopping with {} rebuilds unfinished; they go on at the next start or on another instance",
                    released);
        }
    }

    private Bson ownedNotEnded() {
        return Filters.and(Filters.eq("owner", instance), Filters.in("state", NOT_ENDED));
    }
}
