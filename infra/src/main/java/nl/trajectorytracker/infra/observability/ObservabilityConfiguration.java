package nl.trajectorytracker.infra.observability;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;

import org.axonframework.commandhandling.CommandBus;
import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.EventProcessor;
import org.axonframework.eventhandling.EventTrackerStatus;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.config.ConfigurerModule;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.messaging.MessageDispatchInterceptor;
import org.axonframework.messaging.MessageHandlerInterceptor;
import org.axonframework.messaging.correlation.CorrelationDataProvider;
import org.axonframework.messaging.correlation.MessageOriginProvider;
import org.axonframework.messaging.correlation.SimpleCorrelationDataProvider;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.slf4j.MDC;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.boot.context.event.ApplicationStartedEvent;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.ApplicationListener;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

/**
 * Correlation ids from HTTP request to events, and the application's own meters:
 * {@code tracker.events.appended} (counter by event type, counted when the unit of work commits),
 * {@code tracker.command.latency} (timer by command and outcome), {@code tracker.processor.lag} (gauge per
 * processor: head of the event store minus the lowest position of the segments this instance holds) and
 * {@code tracker.processor.replay.progress} (gauge per processor: 0..1 while a rebuild replays, 1 otherwise).
 */
@Configuration(proxyBeanMethods = false)
public class ObservabilityConfiguration {

    public static final String EVENTS_APPENDED = "tracker.events.appended";
    public static final String COMMAND_LATENCY = "tracker.command.latency";
    public static final String PROCESSOR_LAG = "tracker.processor.lag";
    public static final String REPLAY_PROGRESS = "tracker.processor.replay.progress";

    @Bean
    FilterRegistrationBean<CorrelationIdFilter> correlationIdFilter() {
        FilterRegistrationBean<CorrelationIdFilter> registration = new FilterRegistrationBean<>(
                new CorrelationIdFilter());
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE);
        registration.addUrlPatterns("/*");
        return registration;
    }

    /** Copies our request correlation id from a command to the events it causes. */
    @Bean
    CorrelationDataProvider requestCorrelationDataProvider() {
        return new SimpleCorrelationDataProvider(CorrelationIds.METADATA_KEY);
    }

    /** Axon's default, kept beside ours (declaring a provider bean would otherwise replace it). */
    @Bean
    CorrelationDataProvider messageOriginProvider() {
        return new MessageOriginProvider();
    }

    /** While an event handler runs, the MDC shows the request that caused the event. */
    @Bean
    ConfigurerModule correlationIdsInEventHandlers() {
        return configurer -> configurer.eventProcessing().registerDefaultHandlerInterceptor(
                (configuration, processorName) -> (MessageHandlerInterceptor<EventMessage<?>>) (unitOfWork, chain) -> {
                    Object correlationId = unitOfWork.getMessage().getMetaData().get(CorrelationIds.METADATA_KEY);
                    if (correlationId == null) {
                        return chain.proceed();
                    }
                    String before = MDC.get(CorrelationIds.MDC_KEY);
                    MDC.put(CorrelationIds.MDC_KEY, correlationId.toString());
                    try {
                        return chain.proceed();
                    } finally {
                        if (before == null) {
                            MDC.remove(CorrelationIds.MDC_KEY);
                        } else {
                            MDC.put(CorrelationIds.MDC_KEY, before);
                        }
                    }
                });
    }

    @Bean
    SmartInitializingSingleton trackerInterceptors(CommandBus commandBus, EventStore eventStore,
            MeterRegistry meters) {
        return () -> {
            commandBus.registerDispatchInterceptor(correlationIdIntoMetadata());
            commandBus.registerHandlerInterceptor(commandTimer(meters));
            eventStore.registerDispatchInterceptor(eventCounter(meters));
        };
    }

    static MessageDispatchInterceptor<CommandMessage<?>> correlationIdIntoMetadata() {
        return messages -> (index, command) -> {
            String correlationId = MDC.get(CorrelationIds.MDC_KEY);
            if (correlationId == null || command.getMetaData().containsKey(CorrelationIds.METADATA_KEY)) {
                return command;
            }
            return command.andMetaData(Map.of(CorrelationIds.METADATA_KEY, correlationId));
        };
    }

    /** Times a command from the start of its handling to the end of its unit of work, storing included. */
    static MessageHandlerInterceptor<CommandMessage<?>> commandTimer(MeterRegistry meters) {
        return (unitOfWork, chain) -> {
            String command = unitOfWork.getMessage().getPayloadType().getSimpleName();
            long started = System.nanoTime();
            unitOfWork.onCleanup(finished -> Timer.builder(COMMAND_LATENCY)
                    .description("Time to handle and store a command, by command and outcome")
                    .tag("command", command)
                    .tag("outcome", finished.isRolledBack()
                            || finished.getExecutionResult() != null
                                    && finished.getExecutionResult().isExceptionResult() ? "failure" : "success")
                    .register(meters)
                    .record(Duration.ofNanos(System.nanoTime() - started)));
            return chain.proceed();
        };
    }

    static MessageDispatchInterceptor<EventMessage<?>> eventCounter(MeterRegistry meters) {
        return messages -> {
            for (EventMessage<?> event : messages) {
                Counter counter = Counter.builder(EVENTS_APPENDED)
                        .description("Events appended to the event store, by event type")
                        .tag("type", event.getPayloadType().getSimpleName())
                        .register(meters);
                if (CurrentUnitOfWork.isStarted()) {
                    CurrentUnitOfWork.get().root().afterCommit(unitOfWork -> counter.increment());
                } else {
                    counter.increment();
                }
            }
            return (index, event) -> event;
        };
    }

    /** Registers the per-processor gauges once the processors exist. */
    @Bean
    ApplicationListener<ApplicationStartedEvent> processorGauges(EventProcessingConfiguration processing,
            EventStore eventStore, MeterRegistry meters) {
        return started -> processing.eventProcessors().keySet().forEach(name -> {
            Gauge.builder(PROCESSOR_LAG, () -> lag(processing, eventStore, name))
                    .description("Events the processor (read model) is behind the head of the event store")
                    .tag("processor", name)
                    .register(meters);
            Gauge.builder(REPLAY_PROGRESS, () -> replayProgress(processing, name))
                    .description("Progress of a rebuild (replay) of the read model, 0 to 1; 1 when not replaying")
                    .tag("processor", name)
                    .register(meters);
        });
    }

    static double lag(EventProcessingConfiguration processing, EventStore eventStore, String name) {
        List<EventTrackerStatus> statuses = statuses(processing, name);
        if (statuses.isEmpty()) {
            return Double.NaN;
        }
        long head = position(eventStore.createHeadToken()).orElse(-1);
        long lowest = Long.MAX_VALUE;
        for (EventTrackerStatus status : statuses) {
            lowest = Math.min(lowest, position(status.getTrackingToken()).orElse(-1));
        }
        return Math.max(0, head - lowest);
    }

    static double replayProgress(EventProcessingConfiguration processing, String name) {
        List<EventTrackerStatus> statuses = statuses(processing, name);
        double least = 1.0;
        for (EventTrackerStatus status : statuses) {
            if (status.isReplaying()) {
                OptionalLong current = status.getCurrentPosition();
                OptionalLong until = status.getResetPosition();
                if (current.isPresent() && until.isPresent() && until.getAsLong() > 0) {
                    least = Math.min(least, Math.min(1.0, (double) current.getAsLong() / until.getAsLong()));
                } else {
                    least = 0;
                }
            }
        }
        return least;
    }

    private static List<EventTrackerStatus> statuses(EventProcessingConfiguration processing, String name) {
        EventProcessor processor = processing.eventProcessors().get(name);
        if (processor instanceof StreamingEventProcessor streaming) {
            return List.copyOf(streaming.processingStatus().values());
        }
        return List.of();
    }

    private static OptionalLong position(TrackingToken token) {
        return token == null ? OptionalLong.empty() : token.position();
    }
}
