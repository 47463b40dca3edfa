package nl.trajectorytracker.infra.projections;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import jakarta.annotation.PreDestroy;

import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.EventTrackerStatus;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Service;

import nl.trajectorytracker.api.values.DomainException;
import nl.trajectorytracker.api.values.ErrorCode;

/**
 * Rebuilds read models from the event store: shut the projection's streaming processor down, reset its tokens (its
 * {@code @ResetHandler} clears the read model) and start it again; the processor then replays every event. Progress
 * is counted in commits of the event store (one per command; a tracking position is {@code commit * 1024 + index}),
 * so "events done / total" is approximate when commands record several events. It is logged every
 * {@code tracker.projections.progress-log-interval} and shown by {@link #status()}.
 * <p>
 * Rebuild on one application instance at a time: resetting needs the processor's segments unclaimed by others.
 */
@Service
public class ProjectionRebuilds {

    private static final Logger log = LoggerFactory.getLogger(ProjectionRebuilds.class);
    private static final long POSITIONS_PER_COMMIT = 1024;

    private final EventProcessingConfiguration processing;
    private final EventStorageEngine storage;
    private final Clock clock;
    private final Map<String, Run> runs = new ConcurrentHashMap<>();
    private final ScheduledExecutorService progressLog;

    public ProjectionRebuilds(EventProcessingConfiguration processing, EventStorageEngine storage, Clock clock,
            @Value("${tracker.projections.progress-log-interval:5s}") Duration logInterval) {
        this.processing = processing;
        this.storage = storage;
        this.clock = clock;
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
        return List.copyOf(streamingProcessors().keySet());
    }

    /** Starts rebuilding one projection; unknown names are refused as not found. */
    public synchronized RebuildProgress rebuild(String name) {
        StreamingEventProcessor processor = processor(name);
        long head = headPosition();
        long total = head / POSITIONS_PER_COMMIT;
        processor.shutDown();
        processor.resetTokens();
        processor.start();
        Run run = new Run(name, clock.instant(), head, total);
        runs.put(name, run);
        log.info("Rebuilding read model {} from {} commits of the event store", name, total);
        return progress(run, processor);
    }

    /** Starts rebuilding every projection. */
    public synchronized List<RebuildProgress> rebuildAll() {
        List<RebuildProgress> started = new ArrayList<>();
        for (String name : names()) {
            started.add(rebuild(name));
        }
        return started;
    }

    /** The status of every projection's processor, with the progress of its latest rebuild, if any. */
    public List<ProcessorStatus> status() {
        long head = headCommit();
        List<ProcessorStatus> statuses = new ArrayList<>();
        streamingProcessors().forEach((name, processor) -> statuses.add(status(name, processor, head)));
        return statuses;
    }

    public ProcessorStatus status(String name) {
        return status(name, processor(name), headCommit());
    }

    /**
     * The progress of a projection's latest rebuild, if one ran: from the processor's own state, without asking the
     * database for the head as {@link #status(String)} does, so it can be polled often.
     */
    public Optional<RebuildProgress> latestRebuild(String name) {
        StreamingEventProcessor processor = processor(name);
        return Optional.ofNullable(runs.get(name)).map(run -> progress(run, processor));
    }

    /** Whether the latest rebuild of every projection has finished (true when none ran). */
    public boolean allRebuildsFinished() {
        return runs.values().stream().allMatch(run -> progress(run, streamingProcessors().get(run.name)).finished());
    }

    private ProcessorStatus status(String name, StreamingEventProcessor processor, long head) {
        Map<Integer, EventTrackerStatus> segments = processor.processingStatus();
        OptionalLong position = committedPosition(segments);
        boolean replaying = segments.values().stream().anyMatch(ProjectionRebuilds::replaying);
        boolean error = segments.values().stream().anyMatch(EventTrackerStatus::isErrorState);
        Run run = runs.get(name);
        return new ProcessorStatus(name, processor.isRunning(), replaying, error, segments.size(),
                position.isPresent() ? position.getAsLong() : null, head,
                position.isPresent() ? Math.max(0, head - position.getAsLong()) : null,
                run == null ? null : progress(run, processor));
    }

    private RebuildProgress progress(Run run, StreamingEventProcessor processor) {
        Map<Integer, EventTrackerStatus> segments = processor.processingStatus();
        long reached = lowestPosition(segments).orElse(-1);
        long done = Math.min(run.total, Math.max(0, reached) / POSITIONS_PER_COMMIT);
        // a replay token stays "replaying" until an event beyond the head at reset arrives: compare positions
        boolean finished = run.head < 0 || allSegmentsClaimed(segments) && reached >= run.head;
        if (finished && run.finishedAt == null) {
            run.finishedAt = clock.instant();
            done = run.total;
        } else if (finished) {
            done = run.total;
        }
        Instant end = run.finishedAt == null ? clock.instant() : run.finishedAt;
        double seconds = Math.max(0.001, Duration.between(run.startedAt, end).toMillis() / 1000.0);
        double rate = done / seconds;
        Long eta = finished ? Long.valueOf(0) : rate > 0 ? Long.valueOf(Math.round((run.total - done) / rate)) : null;
        return new RebuildProgress(run.name, finished ? "FINISHED" : "REBUILDING", run.startedAt, run.finishedAt,
                done, run.total, Math.round(rate * 10) / 10.0, eta);
    }

    /**
     * Whether a segment still handles events it had handled before its reset. Axon's own flag stays up after a
     * replay reached the position of the reset, until an event newer than it arrives, which on a quiet store may be
     * never.
     */
    public static boolean replaying(EventTrackerStatus segment) {
        if (!segment.isReplaying()) {
            return false;
        }
        OptionalLong current = segment.getCurrentPosition();
        OptionalLong reset = segment.getResetPosition();
        return current.isEmpty() || reset.isEmpty() || current.getAsLong() < reset.getAsLong();
    }

    /** Whether the claimed segments together cover the whole event stream (each covers 1 / (mask + 1) of it). */
    private static boolean allSegmentsClaimed(Map<Integer, EventTrackerStatus> segments) {
        double covered = segments.values().stream()
                .mapToDouble(segment -> 1.0 / (segment.getSegment().getMask() + 1))
                .sum();
        return covered > 0.999;
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
        StreamingEventProcessor processor = streamingProcessors().get(name);
        if (processor == null) {
            throw new DomainException(ErrorCode.PROJECTION_NOT_FOUND, "No projection named " + name);
        }
        return processor;
    }

    private Map<String, StreamingEventProcessor> streamingProcessors() {
        Map<String, StreamingEventProcessor> found = new TreeMap<>();
        processing.eventProcessors().forEach((name, processor) -> {
            if (processor instanceof StreamingEventProcessor streaming && streaming.supportsReset()) {
                found.put(name, streaming);
            }
        });
        return found;
    }

    private void logProgress() {
        try {
            runs.values().stream().filter(run -> !run.logged).forEach(run -> {
                StreamingEventProcessor processor = streamingProcessors().get(run.name);
                if (processor == null) {
                    return;
                }
                RebuildProgress progress = progress(run, processor);
                if (progress.finished()) {
                    run.logged = true;
                    log.info("Rebuilt read model {}: {} commits in {} s", run.name, run.total,
                            Duration.between(run.startedAt, run.finishedAt).toSeconds());
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
    }

    private static final class Run {
        private final String name;
        private final Instant startedAt;
        private final long head;
        private final long total;
        private volatile Instant finishedAt;
        private volatile boolean logged;

        private Run(String name, Instant startedAt, long head, long total) {
            this.name = name;
            this.startedAt = startedAt;
            this.head = head;
            this.total = total;
        }
    }

    /**
     * The progress of a rebuild: {@code eventsDone} of {@code eventsTotal} (counted in commits of the event store,
     * the head when the rebuild started), the rate per second and the estimated seconds to go.
     */
    public record RebuildProgress(String name, String state, Instant startedAt, Instant finishedAt, long eventsDone,
            long eventsTotal, double ratePerSecond, Long etaSeconds) {

        public boolean finished() {
            return "FINISHED".equals(state);
        }
    }

    /**
     * The status of one projection's processor: running, replaying (until it reaches the position of its reset), in
     * error, its position and the head of the event store (in commits),
     * the lag between them, and its latest rebuild.
     */
    public record ProcessorStatus(String name, boolean running, boolean replaying, boolean error, int segmentsClaimed,
            Long position, long head, Long lag, RebuildProgress rebuild) {
    }
}
