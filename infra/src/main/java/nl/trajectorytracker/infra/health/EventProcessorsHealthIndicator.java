package nl.trajectorytracker.infra.health;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.EventProcessor;
import org.axonframework.eventhandling.EventTrackerStatus;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.boot.health.contributor.Health;
import org.springframework.stereotype.Component;

import nl.trajectorytracker.infra.eventstore.MongoTokenStore;
import nl.trajectorytracker.infra.projections.ProjectionRebuilds;

/**
 * Reports every event processor (one per read model): running, in error, and how many segments this instance
 * holds. A processor in error makes the application DOWN, since its read model no longer follows the events; so does
 * one that is stalled: events wait beyond its position and it has not moved for {@code
 * tracker.health.processor-stalled-after} (a commit the event stream cannot read, or a handler that fails on an event
 * every time it is tried). The stream does not skip such a commit, so its read model waits: said here, not only in
 * the log.
 */
@Component("eventProcessorsHealthIndicator")
public class EventProcessorsHealthIndicator extends AbstractHealthIndicator {

    private final EventProcessingConfiguration processing;
    private final EventStore eventStore;
    private final Clock clock;
    private final Duration stalledAfter;
    private final MongoTokenStore tokens;
    /** Per processor, its lowest position when last seen and since when it has been there. */
    private final Map<String, Seen> seen = new ConcurrentHashMap<>();

    private record Seen(long position, Instant since) {
    }

    public EventProcessorsHealthIndicator(EventProcessingConfiguration processing, EventStore eventStore, Clock clock,
            MongoTokenStore tokens, @Value("${tracker.health.processor-stalled-after:PT1M}") Duration stalledAfter) {
        super("Event processor health check failed");
        this.processing = processing;
        this.eventStore = eventStore;
        this.clock = clock;
        this.stalledAfter = stalledAfter;
        this.tokens = tokens;
    }

    @Override
    protected void doHealthCheck(Health.Builder builder) {
        boolean healthy = true;
        Map<String, Object> details = new LinkedHashMap<>();
        long head = position(eventStore.createHeadToken());
        for (Map.Entry<String, EventProcessor> entry : processing.eventProcessors().entrySet()) {
            EventProcessor processor = entry.getValue();
            Map<String, Object> status = new LinkedHashMap<>();
            status.put("running", processor.isRunning());
            status.put("error", processor.isError());
            boolean stalled = false;
            if (processor instanceof StreamingEventProcessor streaming) {
                Map<Integer, EventTrackerStatus> segments = streaming.processingStatus();
                status.put("segmentsClaimed", segments.size());
                status.put("replaying", segments.values().stream().anyMatch(ProjectionRebuilds::replaying));
                stalled = stalled(entry.getKey(), segments.values(), head);
                status.put("stalled", stalled);
            }
            healthy &= !processor.isError() && !stalled;
            details.put(entry.getKey(), status);
        }
        (healthy ? builder.up() : builder.down()).withDetails(details);
    }

    /**
     * Whether events wait beyond the processor's lowest position and it has not moved for {@link #stalledAfter}. With
     * no segment claimed here, the positions stored in the token store count: a work package that fails on every
     * batch gives its segment back between tries, and was never seen stalled (and another instance may hold it).
     */
    private boolean stalled(String name, Collection<EventTrackerStatus> segments, long head) {
        long lowest;
        if (!segments.isEmpty()) {
            lowest = segments.stream().mapToLong(segment -> position(segment.getTrackingToken())).min().orElse(-1);
        } else {
            List<TrackingToken> stored = tokens.storedTokens(name);
            if (stored.isEmpty()) {
                seen.remove(name);
                return false;
            }
            lowest = stored.stream().mapToLong(EventProcessorsHealthIndicator::position).min().orElse(-1);
        }
        Instant now = clock.instant();
        Seen before = seen.get(name);
        if (before == null || before.position() != lowest || lowest >= head) {
            seen.put(name, new Seen(lowest, now));
            return false;
        }
        return Duration.between(before.since(), now).compareTo(stalledAfter) >= 0;
    }

    private static long position(TrackingToken token) {
        return token == null ? -1 : token.position().orElse(-1);
    }
}
