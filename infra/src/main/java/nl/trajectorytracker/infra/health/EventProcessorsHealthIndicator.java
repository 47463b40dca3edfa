package nl.trajectorytracker.infra.health;

import java.util.LinkedHashMap;
import java.util.Map;

import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.EventProcessor;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.boot.health.contributor.Health;
import org.springframework.stereotype.Component;

import nl.trajectorytracker.infra.projections.ProjectionRebuilds;

/**
 * Reports every event processor (one per read model): running, in error, and how many segments this instance
 * holds. A processor in error makes the application DOWN, since its read model no longer follows the events.
 */
@Component("eventProcessorsHealthIndicator")
public class EventProcessorsHealthIndicator extends AbstractHealthIndicator {

    private final EventProcessingConfiguration processing;

    public EventProcessorsHealthIndicator(EventProcessingConfiguration processing) {
        super("Event processor health check failed");
        this.processing = processing;
    }

    @Override
    protected void doHealthCheck(Health.Builder builder) {
        boolean healthy = true;
        Map<String, Object> details = new LinkedHashMap<>();
        for (Map.Entry<String, EventProcessor> entry : processing.eventProcessors().entrySet()) {
            EventProcessor processor = entry.getValue();
            Map<String, Object> status = new LinkedHashMap<>();
            status.put("running", processor.isRunning());
            status.put("error", processor.isError());
            if (processor instanceof StreamingEventProcessor streaming) {
                status.put("segmentsClaimed", streaming.processingStatus().size());
                status.put("replaying", streaming.processingStatus().values().stream()
                        .anyMatch(ProjectionRebuilds::replaying));
            }
            healthy &= !processor.isError();
            details.put(entry.getKey(), status);
        }
        (healthy ? builder.up() : builder.down()).withDetails(details);
    }
}
