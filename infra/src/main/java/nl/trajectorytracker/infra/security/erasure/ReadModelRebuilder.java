package nl.trajectorytracker.infra.security.erasure;

import java.util.ArrayList;
import java.util.List;

import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Rebuilds every read model from the events: shut each streaming processor down, reset its tokens (its
 * {@code @ResetHandler} clears the read model) and start it again. After an erasure the replay reads the erased
 * person's data as {@code [erased]}, so no read model keeps a copy.
 */
@Component
public class ReadModelRebuilder {

    private static final Logger log = LoggerFactory.getLogger(ReadModelRebuilder.class);

    private final EventProcessingConfiguration processing;

    public ReadModelRebuilder(EventProcessingConfiguration processing) {
        this.processing = processing;
    }

    /** Starts the rebuild of every read model that can be reset; returns their names. */
    public synchronized List<String> rebuildAll() {
        List<String> rebuilt = new ArrayList<>();
        processing.eventProcessors().forEach((name, processor) -> {
            if (processor instanceof StreamingEventProcessor streaming && streaming.supportsReset()) {
                streaming.shutDown();
                streaming.resetTokens();
                streaming.start();
                rebuilt.add(name);
            }
        });
        log.info("Rebuilding read models {}", rebuilt);
        return rebuilt;
    }
}
