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
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.stereotype.Service;

import com.mongodb.MongoNamespace;
import com.mongodb.client.model.RenameCollectionOptions;

import nl.trajectorytracker.api.values.DomainException;
import nl.trajectorytracker.api.values.ErrorCode;
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
 * after the erasure). A rebuild that fails leaves the live read model as it was. Progress is counted in commits of the
 * event store (a tracking position is {@code commit * 1024 + index}), logged every
 * {@code tracker.projections.progress-log-interval} and shown by {@link #status()}.
 * <p>
 * Instances sharing a database may rebuild at the same time: each rebuild writes collections of its own, and the
 * swap claims the processors' segments, failing (leaving the old read model) when another instance holds them.
 */
@Service
public class ProjectionRebuilds {

    static final String PREFIX = "rebuild_";
    private static final Logger log = LoggerFactory.getLogger(ProjectionRebuilds.class);
    private static final long POSITIONS_PER_COMMIT = 1024;

    private final Map<String, ReplayableProjection> projections = new TreeMap<>();
    private final EventProcessingConfiguration processing;
    private final EventStorageEngine storage;
    private final TokenStore tokens;
    private final MongoTemplate mongo;
    private final Clock clock;
    private final Map<String, Run> runs = new ConcurrentHashMap<>();
    private final ExecutorService worker = Executors.newSingleThreadExecutor(runnable -> {
        Thread thread = new Thread(runnable, "read-model-rebuild");
        thread.setDaemon(true);
        return thread;
    });
    private final Replay replay;
    private final ScratchCollections scratch;
    private final ScheduledExecutorService progressLog;

    public ProjectionRebuilds(List<ReplayableProjection> projections, EventProcessingConfiguration processing,
            EventStorageEngine storage, TokenStore tokens, MongoTemplate mongo, Clock clock, Replay replay,
            ScratchCollections scratch,
            @Value("${tracker.projections.progress-log-interval:5s}") Duration logInterval) {
        projections.forEach(projection -> this.projections.put(projection.processingGroup(), projection));
        this.processing = processing;
        this.storage = storage;
        this.tokens = tokens;
        this.mongo = mongo;
        this.clock = clock;
        this.replay = replay;
        this.scratch = scratch;
        this.progressLog = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "projection-rebuild-progress");
            thread.setDaemon(true);
            return thread;
        });
        progressLog.scheduleWithFixedDelay(this::logProgress, logInterval.toMillis(), logInterval.toMillis(),
                TimeUnit.MILLISECONDS);
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
        return start(names).stream().map(this::progress).toList();
    }

    private synchronized List<Run> start(Collection<String> names) {
        names.forEach(this::processor);
        long head = headPosition();
        List<Run> started = names.stream().distinct().map(name -> new Run(name, head)).toList();
        started.forEach(run -> runs.put(run.name, run));
        Future<?> done = worker.submit(() -> execute(started));
        started.forEach(run -> run.done = done);
        return started;
    }

    /**
     * Rebuilds these projections and waits until the rebuilt read models answer; a rebuild that failed (the old read
     * models still answer) throws.
     */
    public List<RebuildProgress> rebuildAndWait(Collection<String> names) {
        List<Run> started = start(names);
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
     * The progress of a projection's latest rebuild, if one ran: from the rebuild's own state, without asking the
     * database for the head as {@link #status(String)} does, so it can be polled often.
     */
    public Optional<RebuildProgress> latestRebuild(String name) {
        processor(name);
        return Optional.ofNullable(runs.get(name)).map(this::progress);
    }

    // ------------------------------------------------------------------------------------------------ the rebuild

    private void execute(List<Run> batch) {
        try (ScratchCollections.Run copy = scratch.begin(PREFIX)) {
            long head = headPosition();
            log.info("Rebuilding read models {} from {} commits of the event store", names(batch),
                    Math.max(0, head) / POSITIONS_PER_COMMIT);
            Map<String, AnnotationEventHandlerAdapter> copies = new LinkedHashMap<>();
            for (Run run : batch) {
                copies.put(run.name, new AnnotationEventHandlerAdapter(projections.get(run.name)
                        .writingTo(mongo, copy.prefix())));
                run.started(clock.instant(), head);
            }
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
            Instant finished = clock.instant();
            batch.forEach(run -> run.finished(finished));
        } catch (RuntimeException e) {
            log.error("Rebuilding read models {} failed; they answer as before", names(batch), e);
            batch.forEach(run -> run.failed(clock.instant(), e));
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
                tokens.fetchToken(run.name, segment);
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

    private static List<String> names(List<Run> batch) {
        return batch.stream().map(run -> run.name).toList();
    }

    // ------------------------------------------------------------------------------------------------ status

    private ProcessorStatus status(String name, StreamingEventProcessor processor, long head) {
        Map<Integer, EventTrackerStatus> segments = processor.processingStatus();
        OptionalLong position = committedPosition(segments);
        boolean replaying = segments.values().stream().anyMatch(ProjectionRebuilds::replaying);
        boolean error = segments.values().stream().anyMatch(EventTrackerStatus::isErrorState);
        Run run = runs.get(name);
        return new ProcessorStatus(name, processor.isRunning(), replaying, error, segments.size(),
                position.isPresent() ? position.getAsLong() : null, head,
                position.isPresent() ? Math.max(0, head - position.getAsLong()) : null,
                run == null ? null : progress(run));
    }

    private RebuildProgress progress(Run run) {
        long total = Math.max(0, run.head) / POSITIONS_PER_COMMIT;
        boolean finished = run.state == State.FINISHED;
        long done = finished ? total : Math.min(total, Math.max(0, run.reached) / POSITIONS_PER_COMMIT);
        Instant end = run.endedAt == null ? clock.instant() : run.endedAt;
        Instant begin = run.startedAt == null ? end : run.startedAt;
        double seconds = Math.max(0.001, Duration.between(begin, end).toMillis() / 1000.0);
        double rate = done / seconds;
        Long eta = finished ? Long.valueOf(0)
                : run.state == State.REBUILDING && rate > 0 ? Long.valueOf(Math.round((total - done) / rate)) : null;
        return new RebuildProgress(run.name, run.state.name(), run.startedAt, run.endedAt, done, total,
                Math.round(rate * 10) / 10.0, eta, run.failure);
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

    @PreDestroy
    void stop() {
        progressLog.shutdownNow();
        worker.shutdownNow();
    }

    private enum State {
        QUEUED, REBUILDING, FINISHED, FAILED;

        boolean ended() {
            return this == FINISHED || this == FAILED;
        }
    }

    private static final class Run {
        private final String name;
        private volatile long head;
        private volatile State state = State.QUEUED;
        private volatile Instant startedAt;
        private volatile Instant endedAt;
        private volatile long reached = -1;
        private volatile String failure;
        private volatile boolean logged;
        private volatile Future<?> done;

        private Run(String name, long head) {
            this.name = name;
            this.head = head;
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

        void failed(Instant at, RuntimeException e) {
            endedAt = at;
            failure = e.getMessage();
            state = State.FAILED;
        }
    }

    /**
     * The progress of a rebuild: {@code QUEUED} (after another rebuild), {@code REBUILDING}, {@code FINISHED} (the
     * rebuilt read model answers) or {@code FAILED} (the old one still answers; {@code failure} says why);
     * {@code eventsDone} of {@code eventsTotal} (counted in commits of the event store, the head when the rebuild was
     * asked for), the rate per second and the estimated seconds to go.
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
