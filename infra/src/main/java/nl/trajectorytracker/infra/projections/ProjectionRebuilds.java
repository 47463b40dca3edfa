package nl.trajectorytracker.infra.projections;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import jakarta.annotation.PreDestroy;

import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.AnnotationEventHandlerAdapter;
import org.axonframework.eventhandling.EventTrackerStatus;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventhandling.tokenstore.TokenStore;
import org.axonframework.eventhandling.tokenstore.UnableToClaimTokenException;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.event.EventListener;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.stereotype.Service;

import com.mongodb.MongoNamespace;
import com.mongodb.client.model.RenameCollectionOptions;

import nl.trajectorytracker.api.values.DomainException;
import nl.trajectorytracker.api.values.ErrorCode;
import nl.trajectorytracker.infra.eventstore.MongoTokenStore;
import nl.trajectorytracker.infra.projections.RebuildRequests.State;
import nl.trajectorytracker.query.readmodel.ReplayableProjection;

/**
 * Rebuilds read models from the event store while the old ones keep answering (blue/green). A rebuild reads the
 * event store once for every read model it rebuilds: a fresh copy of each projection ({@link ReplayableProjection})
 * handles every event, in batches, into collections of the rebuild's own ({@value #PREFIX}{@code <run>_<collection>},
 * see {@link ScratchCollections}). When the copies have reached the head of the store, the live processors stop, the
 * copies handle what was stored meanwhile, each copy's collections are renamed over the live ones (MongoDB's
 * {@code renameCollection} with {@code dropTarget}: a reader finds the old collection or the new one, never an empty
 * one in between), the processors' tokens are set to where the copies stopped, and the processors start again from
 * there.
 * <p>
 * Rebuilds run one after another on a thread of their own: a request answers at once with the progress to poll, and
 * a rebuild asked for while another runs waits for it (so a rebuild asked for after an erasure reads the events
 * after the erasure); asked for again while it waits, it is answered by the waiting one. A rebuild that fails leaves
 * the live read model as it was. Every request is recorded before it is answered ({@link RebuildRequests}): one that
 * a stopped or dead instance left unfinished is taken over and run again, and every instance shows its progress.
 * Progress is counted in commits of the event store (a tracking position is {@code commit * 1024 + index}), logged
 * every {@code tracker.projections.progress-log-interval} and shown by {@link #status()}.
 * <p>
 * Instances sharing a database may rebuild at the same time: each rebuild writes collections of its own, and the
 * swap claims the processors' segments, failing (leaving the old read model) when another instance holds them.
 */
@Service
public class ProjectionRebuilds {

    static final String PREFIX = "rebuild_";
    private static final Duration CLAIM_RETRY = Duration.ofMillis(500);
    private static final Logger log = LoggerFactory.getLogger(ProjectionRebuilds.class);
    private static final long POSITIONS_PER_COMMIT = 1024;

    private final Map<String, ReplayableProjection> projections = new TreeMap<>();
    private final EventProcessingConfiguration processing;
    private final EventStorageEngine storage;
    private final TokenStore tokens;
    private final MongoTemplate mongo;
    private final Clock clock;
    /** The latest rebuild of each read model that this instance ran or runs. */
    private final Map<String, Run> runs = new ConcurrentHashMap<>();
    /** The requests this instance runs or has queued, by their id. */
    private final Map<String, List<Run>> active = new ConcurrentHashMap<>();
    private final ExecutorService worker = Executors.newSingleThreadExecutor(runnable -> {
        Thread thread = new Thread(runnable, "read-model-rebuild");
        thread.setDaemon(true);
        return thread;
    });
    private final Replay replay;
    private final ScratchCollections scratch;
    private final RebuildRequests requests;
    private final ApplicationEventPublisher events;
    private final ScheduledExecutorService progressLog;
    /** How long a claim of a process that stopped still holds a segment (the token store's claim timeout). */
    private final Duration claimTimeout;
    private volatile boolean stopping;

    public ProjectionRebuilds(List<ReplayableProjection> projections, EventProcessingConfiguration processing,
            EventStorageEngine storage, TokenStore tokens, MongoTemplate mongo, Clock clock, Replay replay,
            ScratchCollections scratch, RebuildRequests requests, ApplicationEventPublisher events,
            @Value("${tracker.projections.progress-log-interval:5s}") Duration logInterval,
            @Value("${tracker.processors.claim-timeout:10s}") Duration claimTimeout) {
        this.claimTimeout = claimTimeout;
        projections.forEach(projection -> this.projections.put(projection.processingGroup(), projection));
        this.processing = processing;
        this.storage = storage;
        this.tokens = tokens;
        this.mongo = mongo;
        this.clock = clock;
        this.replay = replay;
        this.scratch = scratch;
        this.requests = requests;
        this.events = events;
        this.progressLog = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "projection-rebuild-progress");
            thread.setDaemon(true);
            return thread;
        });
        progressLog.scheduleWithFixedDelay(this::logProgress, logInterval.toMillis(), logInterval.toMillis(),
                TimeUnit.MILLISECONDS);
        if (tokens instanceof MongoTokenStore store) {
            store.whenUntrusted(this::rebuildFromUntrustedToken);
        }
    }

    /**
     * A read model whose tracking token was changed in the database is rebuilt from the start of the store: its
     * processor does not go on from the token, and the rebuild's swap stores a sealed one.
     */
    private void rebuildFromUntrustedToken(String name) {
        Run current = runs.get(name);
        if (projections.containsKey(name) && (current == null || current.state.ended())) {
            rebuild(name);
        }
    }

    /** The names of the projections that can be rebuilt (their processing groups), sorted. */
    public List<String> names() {
        return List.copyOf(projections.keySet());
    }

    /** Starts rebuilding one projection; unknown names are refused as not found. */
    public RebuildProgress rebuild(String name) {
        return rebuild(List.of(name)).get(0);
    }

    /** Starts rebuilding every projection, in one pass over the event store. */
    public List<RebuildProgress> rebuildAll() {
        return rebuild(names());
    }

    /**
     * Starts rebuilding these projections in one pass over the event store, after any rebuild that runs already;
     * unknown names are refused as not found before anything starts.
     */
    public List<RebuildProgress> rebuild(Collection<String> names) {
        names.forEach(this::processor);
        List<String> distinct = names.stream().distinct().toList();
        RebuildRequests.Queued queued = requests.queue(distinct, headPosition(), true);
        if (queued.isNew()) {
            return run(queued.request()).stream().map(this::progress).toList();
        }
        return distinct.stream().map(name -> progress(name, queued.request())).toList();
    }

    /** Runs a recorded request of this instance, after any it runs already. */
    private synchronized List<Run> run(RebuildRequests.Request request) {
        List<Run> started = request.names().stream().map(name -> new Run(name, request)).toList();
        started.forEach(run -> runs.put(run.name, run));
        active.put(request.id(), started);
        Future<?> done = worker.submit(() -> execute(request.id(), started));
        started.forEach(run -> run.done = done);
        return started;
    }

    /**
     * Rebuilds these projections and waits until the rebuilt read models answer; a rebuild that failed (the old read
     * models still answer) throws.
     */
    public List<RebuildProgress> rebuildAndWait(Collection<String> names) {
        names.forEach(this::processor);
        List<Run> started = run(requests.queue(names.stream().distinct().toList(), headPosition(), false).request());
        try {
            started.get(0).done.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while rebuilding " + names, e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("Rebuilding " + names + " failed", e.getCause());
        }
        if (started.get(0).state == State.FAILED) {
            throw new IllegalStateException("Rebuilding " + names + " failed: " + started.get(0).failure);
        }
        return started.stream().map(this::progress).toList();
    }

    /** The status of every projection's processor, with the progress of its latest rebuild, if any. */
    public List<ProcessorStatus> status() {
        long head = headCommit();
        List<ProcessorStatus> statuses = new ArrayList<>();
        projections.keySet().forEach(name -> statuses.add(status(name, processor(name), head)));
        return statuses;
    }

    public ProcessorStatus status(String name) {
        return status(name, processor(name), headCommit());
    }

    /**
     * The progress of a projection's latest rebuild, if one was asked for (on any instance): without asking the
     * database for the head as {@link #status(String)} does, so it can be polled often.
     */
    public Optional<RebuildProgress> latestRebuild(String name) {
        processor(name);
        return requests.latest(name).map(request -> progress(name, request));
    }

    /**
     * Every ten seconds, once the application is ready: shows that this instance still works on the rebuilds it owns,
     * with the position the running one reached, and takes over those that an instance left unfinished (this one
     * before a restart included).
     */
    @EventListener(ApplicationReadyEvent.class)
    void lookAfterRequests() {
        progressLog.scheduleWithFixedDelay(this::lookAfterRequestsNow, 0, 10, TimeUnit.SECONDS);
    }

    void lookAfterRequestsNow() {
        try {
            requests.keepAlive();
            active.forEach((request, batch) -> {
                if (batch.get(0).state == State.REBUILDING && !requests.reached(request, batch.get(0).reached)) {
                    batch.forEach(run -> run.takenOver = true);
                }
            });
            if (!stopping) {
                for (RebuildRequests.Request request : requests.takeOverAbandoned()) {
                    List<String> unknown = request.names().stream().filter(name -> !projections.containsKey(name))
                            .toList();
                    if (unknown.isEmpty()) {
                        run(request);
                    } else {
                        requests.ended(request.id(), "No read model named " + unknown + " any more");
                    }
                }
            }
        } catch (RuntimeException e) {
            log.warn("Could not look after the rebuilds asked for; trying again in ten seconds", e);
        }
    }

    // ------------------------------------------------------------------------------------------------ the rebuild

    private void execute(String request, List<Run> batch) {
        try {
            if (!stopping) {
                rebuild(request, batch);
            }
        } finally {
            active.remove(request);
        }
    }

    private void rebuild(String request, List<Run> batch) {
        try {
            long head = headPosition();
            if (!requests.started(request, head)) {
                batch.forEach(run -> run.takenOver = true);
                return;
            }
            replayAndSwap(batch, head);
        } catch (RuntimeException e) {
            if (stopping) {
                log.info("Rebuilding read models {} stopped with the application; it goes on at the next start",
                        names(batch));
                return;
            }
            log.error("Rebuilding read models {} failed; they answer as before", names(batch), e);
            String why = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
            batch.forEach(run -> run.failed(clock.instant(), why));
            recordEnd(request, why);
            return;
        }
        Instant finished = clock.instant();
        batch.forEach(run -> run.finished(finished));
        recordEnd(request, null);
    }

    private void recordEnd(String request, String failure) {
        try {
            requests.ended(request, failure);
        } catch (RuntimeException e) {
            // the request stays recorded as running, and is run again once this instance has stopped
            log.warn("Could not record the end of rebuild {}", request, e);
        }
    }

    private void replayAndSwap(List<Run> batch, long head) {
        try (ScratchCollections.Run copy = scratch.begin(PREFIX)) {
            log.info("Rebuilding read models {} from {} commits of the event store", names(batch),
                    Math.max(0, head) / POSITIONS_PER_COMMIT);
            Map<String, AnnotationEventHandlerAdapter> copies = new LinkedHashMap<>();
            for (Run run : batch) {
                copies.put(run.name, new AnnotationEventHandlerAdapter(projections.get(run.name)
                        .writingTo(mongo, copy.prefix())));
                run.started(clock.instant(), head);
            }
            events.publishEvent(new RebuildStarting(names(batch)));
            TrackingToken reached = replay(copies, null, batch, copy);
            List<StreamingEventProcessor> stopped = new ArrayList<>();
            try {
                batch.forEach(run -> stopped.add(processor(run.name)));
                CompletableFuture.allOf(stopped.stream().map(StreamingEventProcessor::shutdownAsync)
                        .toArray(CompletableFuture[]::new)).join();
                reached = replay(copies, reached, batch, copy);
                copy.keepAlive(true);
                swap(batch, reached, copy.prefix());
            } finally {
                stopped.forEach(StreamingEventProcessor::start);
            }
        }
    }

    private TrackingToken replay(Map<String, AnnotationEventHandlerAdapter> copies, TrackingToken from,
            List<Run> batch, ScratchCollections.Run copy) {
        return replay.events(copies, from, (reached, events) -> {
            long position = reached.position().orElse(0);
            batch.forEach(run -> run.reached = position);
            copy.keepAlive(false);
        });
    }

    /**
     * Puts the rebuilt read models in place of the live ones, with their processors stopped: claims every segment
     * (failing, before anything changed, when another instance holds one), renames the collections, and moves the
     * tokens to where the rebuild stopped.
     */
    private void swap(List<Run> batch, TrackingToken reached, String prefix) {
        Map<String, int[]> segments = new LinkedHashMap<>();
        for (Run run : batch) {
            int[] owned = tokens.fetchSegments(run.name);
            for (int segment : owned) {
                claim(run.name, segment);
            }
            segments.put(run.name, owned);
        }
        Instant swapping = clock.instant();
        for (Run run : batch) {
            for (String collection : projections.get(run.name).collections()) {
                if (mongo.collectionExists(prefix + collection)) {
                    mongo.getCollection(prefix + collection).renameCollection(
                            new MongoNamespace(mongo.getDb().getName(), collection),
                            new RenameCollectionOptions().dropTarget(true));
                } else {
                    mongo.dropCollection(collection); // the events gave this collection no documents
                }
            }
            for (int segment : segments.get(run.name)) {
                if (reached != null) {
                    tokens.storeToken(reached, run.name, segment);
                }
                tokens.releaseClaim(run.name, segment);
            }
        }
        log.info("Rebuilt read models {} put in place of the old ones in {} ms", names(batch),
                Duration.between(swapping, clock.instant()).toMillis());
    }

    /**
     * Claims a segment for the swap. Right after a start, a rebuild taken up again finds the segments still claimed
     * by the process that stopped, until its claims time out; it waits that long (twice over) before it fails, where
     * it once failed at once. A segment that another running instance holds stays claimed, and the rebuild fails.
     */
    private void claim(String processor, int segment) {
        Instant giveUp = clock.instant().plus(claimTimeout.multipliedBy(2));
        while (true) {
            try {
                tokens.fetchToken(processor, segment);
                return;
            } catch (MongoTokenStore.UntrustedToken claimedAllTheSame) {
                return; // the swap stores the rebuild's token over it
            } catch (UnableToClaimTokenException e) {
                if (clock.instant().isAfter(giveUp)) {
                    throw e;
                }
                try {
                    Thread.sleep(CLAIM_RETRY.toMillis());
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    throw e;
                }
            }
        }
    }

    private static List<String> names(List<Run> batch) {
        return batch.stream().map(run -> run.name).toList();
    }

    // ------------------------------------------------------------------------------------------------ status

    private ProcessorStatus status(String name, StreamingEventProcessor processor, long head) {
        Map<Integer, EventTrackerStatus> segments = processor.processingStatus();
        OptionalLong position = committedPosition(segments);
        boolean replaying = segments.values().stream().anyMatch(ProjectionRebuilds::replaying);
        boolean error = segments.values().stream().anyMatch(EventTrackerStatus::isErrorState);
        return new ProcessorStatus(name, processor.isRunning(), replaying, error, segments.size(),
                position.isPresent() ? position.getAsLong() : null, head,
                position.isPresent() ? Math.max(0, head - position.getAsLong()) : null,
                requests.latest(name).map(request -> progress(name, request)).orElse(null));
    }

    /** A request's progress: this instance's own, fresher, when it runs the request; else as recorded. */
    private RebuildProgress progress(String name, RebuildRequests.Request request) {
        Run run = runs.get(name);
        if (run != null && run.request.id().equals(request.id()) && !run.takenOver) {
            return progress(run);
        }
        RebuildProgress recorded = progress(name, request.state(), request.head(), request.reached(),
                request.startedAt(), request.endedAt(), request.failure());
        if (!request.ownerSilent(clock.instant())) {
            return recorded;
        }
        // its progress stands still until another instance takes it over: no time to go can be told
        return new RebuildProgress(name, recorded.state(), recorded.startedAt(), recorded.finishedAt(),
                recorded.eventsDone(), recorded.eventsTotal(), recorded.ratePerSecond(), null, recorded.failure());
    }

    private RebuildProgress progress(Run run) {
        return progress(run.name, run.state, run.head, run.reached, run.startedAt, run.endedAt, run.failure);
    }

    private RebuildProgress progress(String name, State state, long head, long reached, Instant startedAt,
            Instant endedAt, String failure) {
        long total = Math.max(0, head) / POSITIONS_PER_COMMIT;
        boolean finished = state == State.FINISHED;
        long done = finished ? total : Math.min(total, Math.max(0, reached) / POSITIONS_PER_COMMIT);
        Instant end = endedAt == null ? clock.instant() : endedAt;
        Instant begin = startedAt == null ? end : startedAt;
        double seconds = Math.max(0.001, Duration.between(begin, end).toMillis() / 1000.0);
        double rate = done / seconds;
        Long eta = finished ? Long.valueOf(0)
                : state == State.REBUILDING && rate > 0 ? Long.valueOf(Math.round((total - done) / rate)) : null;
        return new RebuildProgress(name, state.name(), startedAt, endedAt, done, total,
                Math.round(rate * 10) / 10.0, eta, failure);
    }

    /**
     * Whether a segment still handles events it had handled before a reset of its token. Axon's own flag stays up
     * after a replay reached the position of the reset, until an event newer than it arrives, which on a quiet store
     * may be never. A rebuild does not reset tokens; a reset by other means (Axon's API) shows here.
     */
    public static boolean replaying(EventTrackerStatus segment) {
        if (!segment.isReplaying()) {
            return false;
        }
        OptionalLong current = segment.getCurrentPosition();
        OptionalLong reset = segment.getResetPosition();
        return current.isEmpty() || reset.isEmpty() || current.getAsLong() < reset.getAsLong();
    }

    /** The lowest tracking position reached by the processor's claimed segments ({@code -1}: none yet). */
    private static OptionalLong lowestPosition(Map<Integer, EventTrackerStatus> segments) {
        if (segments.isEmpty()) {
            return OptionalLong.empty();
        }
        long lowest = Long.MAX_VALUE;
        for (EventTrackerStatus segment : segments.values()) {
            TrackingToken token = segment.getTrackingToken();
            OptionalLong position = token == null ? OptionalLong.empty() : token.position();
            lowest = Math.min(lowest, position.orElse(-1));
        }
        return OptionalLong.of(lowest);
    }

    /** The lowest position reached, in commits of the event store. */
    private static OptionalLong committedPosition(Map<Integer, EventTrackerStatus> segments) {
        OptionalLong lowest = lowestPosition(segments);
        return lowest.isPresent() ? OptionalLong.of(Math.max(0, lowest.getAsLong()) / POSITIONS_PER_COMMIT)
                : OptionalLong.empty();
    }

    /** The tracking position of the newest event stored, {@code -1} when the store is empty. */
    private long headPosition() {
        TrackingToken head = storage.createHeadToken();
        return head == null ? -1 : head.position().orElse(-1);
    }

    private long headCommit() {
        return Math.max(0, headPosition()) / POSITIONS_PER_COMMIT;
    }

    private StreamingEventProcessor processor(String name) {
        if (!projections.containsKey(name)) {
            throw new DomainException(ErrorCode.PROJECTION_NOT_FOUND, "No projection named " + name);
        }
        return processing.eventProcessor(name, StreamingEventProcessor.class).orElseThrow(
                () -> new DomainException(ErrorCode.PROJECTION_NOT_FOUND, "No projection named " + name));
    }

    private void logProgress() {
        try {
            runs.values().stream().filter(run -> !run.logged && run.state != State.QUEUED).forEach(run -> {
                RebuildProgress progress = progress(run);
                if (run.state.ended()) {
                    run.logged = true;
                    if (run.state == State.FINISHED) {
                        log.info("Rebuilt read model {}: {} commits in {} s", run.name, progress.eventsTotal(),
                                Duration.between(run.startedAt, run.endedAt).toSeconds());
                    }
                } else {
                    log.info("Rebuilding read model {}: {} / {} commits, {} per second, {}", run.name,
                            progress.eventsDone(), progress.eventsTotal(), progress.ratePerSecond(),
                            progress.etaSeconds() == null ? "starting" : "about " + progress.etaSeconds() + " s to go");
                }
            });
        } catch (RuntimeException e) {
            log.warn("Could not report rebuild progress", e);
        }
    }

    /**
     * Stops the rebuild that runs, without recording it failed, and releases the rebuilds this instance owns, for
     * the next start or another instance to take over.
     */
    @PreDestroy
    void stop() {
        stopping = true;
        progressLog.shutdownNow();
        worker.shutdownNow();
        try {
            if (!worker.awaitTermination(10, TimeUnit.SECONDS)) {
                log.warn("The rebuild that runs did not stop within 10 s");
            }
            requests.release();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            log.warn("Could not release the rebuilds unfinished; another instance takes them over after {} s",
                    ScratchCollections.ABANDONED_AFTER.toSeconds(), e);
        }
    }

    private static final class Run {
        private final String name;
        private final RebuildRequests.Request request;
        private volatile boolean takenOver;
        private volatile long head;
        private volatile State state = State.QUEUED;
        private volatile Instant startedAt;
        private volatile Instant endedAt;
        private volatile long reached = -1;
        private volatile String failure;
        private volatile boolean logged;
        private volatile Future<?> done;

        private Run(String name, RebuildRequests.Request request) {
            this.name = name;
            this.request = request;
            this.head = request.head();
        }

        void started(Instant at, long headNow) {
            startedAt = at;
            head = headNow;
            state = State.REBUILDING;
        }

        void finished(Instant at) {
            endedAt = at;
            state = State.FINISHED;
        }

        void failed(Instant at, String why) {
            endedAt = at;
            failure = why;
            state = State.FAILED;
        }
    }

    /**
     * The progress of a rebuild: {@code QUEUED} (after another rebuild), {@code REBUILDING}, {@code FINISHED} (the
     * rebuilt read model answers) or {@code FAILED} (the old one still answers; {@code failure} says why);
     * {@code eventsDone} of {@code eventsTotal} (counted in commits of the event store, the head when the rebuild was
     * asked for), the rate per second and the estimated seconds to go ({@code null} when unknown: not started yet,
     * or run by an instance that has shown no sign of life for 30 s, which another instance takes over two minutes
     * after its last one).
     */
    public record RebuildProgress(String name, String state, Instant startedAt, Instant finishedAt, long eventsDone,
            long eventsTotal, double ratePerSecond, Long etaSeconds, String failure) {

        public boolean finished() {
            return "FINISHED".equals(state);
        }
    }

    /**
     * The status of one projection's processor: running, replaying (after a reset of its token, until it reaches the
     * position of the reset), in error, its position and the head of the event store (in commits), the lag between
     * them, and its latest rebuild.
     */
    public record ProcessorStatus(String name, boolean running, boolean replaying, boolean error, int segmentsClaimed,
            Long position, long head, Long lag, RebuildProgress rebuild) {
    }
}
