package nl.trajectorytracker.infra.axon;

import java.lang.management.ManagementFactory;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.OptionalLong;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import javax.cache.Caching;

import org.axonframework.common.caching.Cache;
import org.axonframework.common.caching.JCacheAdapter;
import org.axonframework.config.ConfigurerModule;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.eventhandling.tokenstore.TokenStore;
import org.axonframework.eventsourcing.AggregateFactory;
import org.axonframework.eventsourcing.EventCountSnapshotTriggerDefinition;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.json.JacksonSerializer;
import org.axonframework.serialization.upcasting.event.EventUpcaster;
import org.axonframework.serialization.upcasting.event.EventUpcasterChain;
import org.axonframework.spring.eventsourcing.SpringAggregateSnapshotterFactoryBean;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Primary;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import com.github.benmanes.caffeine.jcache.configuration.CaffeineConfiguration;
import com.github.benmanes.caffeine.jcache.spi.CaffeineCachingProvider;
import com.mongodb.client.MongoDatabase;

import io.micrometer.core.instrument.MeterRegistry;

import nl.trajectorytracker.command.trajectory.TrajectoryCommandModel;
import nl.trajectorytracker.infra.eventstore.MongoEventStorageEngine;
import nl.trajectorytracker.infra.eventstore.MongoTokenStore;
import nl.trajectorytracker.infra.projections.UnreadableEvents;
import nl.trajectorytracker.query.readmodel.BatchedWrites;

/**
 * Axon without Axon Server: our MongoDB event storage engine and token store, Jackson for every message, pooled
 * streaming processors for every read model, and the trajectory aggregate with a cache and snapshots.
 */
@Configuration(proxyBeanMethods = false)
public class AxonConfiguration {

    static {
        // There is no outside network: never let Axon's update checker try to call home, however we are started.
        if (System.getenv("AXONIQ_UPDATE_CHECKER_DISABLED") == null
                && System.getProperty("axoniq.update-checker.disabled") == null) {
            System.setProperty("axoniq.update-checker.disabled", "true");
        }
        // Every moment the service keeps is kept to the millisecond, as MongoDB's dates are: an event's timestamp
        // (its recordedAt) in nanoseconds in the history read as another moment in every read model
        GenericEventMessage.clock = Clock.tickMillis(ZoneOffset.UTC);
    }

    /**
     * Jackson 2 for Axon's serializer; the web layer uses Spring Boot's Jackson 3 on its own. Strict: a stored
     * property that no class has any more fails the read, so a change of an event's shape needs an upcaster.
     */
    static ObjectMapper messageObjectMapper() {
        return new ObjectMapper()
                .registerModule(new JavaTimeModule())
                .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);
    }

    /** Axon's serializer, with every Jackson 2 module bean (such as the sealing of personal data) registered. */
    @Bean
    @Primary
    Serializer serializer(ObjectProvider<com.fasterxml.jackson.databind.Module> messageModules) {
        ObjectMapper mapper = messageObjectMapper();
        messageModules.orderedStream().forEach(mapper::registerModule);
        return JacksonSerializer.builder().objectMapper(mapper).build();
    }

    @Bean
    @Qualifier("eventSerializer")
    Serializer eventSerializer(Serializer serializer) {
        return serializer;
    }

    @Bean
    @Qualifier("messageSerializer")
    Serializer messageSerializer(Serializer serializer) {
        return serializer;
    }

    @Bean
    Clock clock() {
        return Clock.systemUTC();
    }

    /** Declared as its own type, so that the audit trail finds it as {@code CommitReader} and {@code CommitHooks}. */
    @Bean
    MongoEventStorageEngine eventStorageEngine(MongoDatabase trackerDatabase, Serializer serializer,
            Clock clock, ObjectProvider<EventUpcaster> upcasters, MeterRegistry meters) {
        return MongoEventStorageEngine.builder()
                .database(trackerDatabase)
                .eventSerializer(serializer)
                .snapshotSerializer(serializer)
                .upcasterChain(new EventUpcasterChain(upcasters.orderedStream().toList()))
                .clock(clock)
                .meterRegistry(meters)
                .build();
    }

    @Bean
    MongoTokenStore tokenStore(MongoDatabase trackerDatabase, Serializer serializer, Clock clock,
            @Value("${tracker.processors.claim-timeout:10s}") Duration claimTimeout) {
        // pid@host alone is not unique when two application contexts share a JVM
        String owner = ManagementFactory.getRuntimeMXBean().getName() + "/" + UUID.randomUUID();
        return new MongoTokenStore(trackerDatabase, serializer, clock, claimTimeout, owner);
    }

    /**
     * Snapshots are taken on a thread of their own, after the command that triggered one has answered: Axon's default
     * takes it in the command's thread, which then reads and replays the events since the previous snapshot before
     * it answers (a few milliseconds, once every {@code tracker.snapshot-every} commands of a trajectory). Axon takes
     * at most one snapshot of a trajectory at a time; a snapshot lost with the process is taken again later.
     */
    @Bean
    SpringAggregateSnapshotterFactoryBean aggregateSnapshotter(ExecutorService snapshotExecutor) {
        SpringAggregateSnapshotterFactoryBean snapshotter = new SpringAggregateSnapshotterFactoryBean();
        snapshotter.setExecutor(snapshotExecutor);
        return snapshotter;
    }

    // a snapshot not yet taken at shutdown is taken after a later command
    @Bean(destroyMethod = "shutdownNow")
    ExecutorService snapshotExecutor() {
        return Executors.newSingleThreadExecutor(runnable -> {
            Thread thread = new Thread(runnable, "snapshotter");
            thread.setDaemon(true);
            return thread;
        });
    }

    /** Published as a bean so that Axon's Spring snapshotter can snapshot the trajectory aggregate. */
    @Bean
    AggregateFactory<?> trajectoryAggregateFactory() {
        return TrajectoryCommandModel.aggregateFactory();
    }

    /**
     * The trajectories used last, kept in memory between their commands: Caffeine behind Axon's JCache adapter,
     * holding the aggregates by reference. A stale entry (another instance appended in between) is harmless: the
     * append collides on the unique commit key, Axon evicts the entry, and the client's retry reloads.
     */
    @Bean(destroyMethod = "close")
    javax.cache.CacheManager aggregateCacheManager() {
        // a manager of its own (JCache shares one per URI), so that two application contexts in a JVM do not meet
        return Caching.getCachingProvider(CaffeineCachingProvider.class.getName()).getCacheManager(
                URI.create("tracker:aggregates/" + UUID.randomUUID()), AxonConfiguration.class.getClassLoader());
    }

    @Bean
    Cache aggregateCache(javax.cache.CacheManager aggregateCacheManager,
            @Value("${tracker.aggregate-cache-size:10000}") long size) {
        CaffeineConfiguration<Object, Object> configuration = new CaffeineConfiguration<>();
        configuration.setMaximumSize(OptionalLong.of(size));
        configuration.setStoreByValue(false);
        return new JCacheAdapter(aggregateCacheManager.createCache("trajectories", configuration));
    }

    /**
     * One segment per read model, on the embedded default and on a real MongoDB alike: a read model is then built by
     * one instance at a time, which applies its events in the order of the store, and several instances share the
     * read models among themselves (each claims whole processors; the others take over when it stops). A read model
     * with more work than one instance can do is the exception, and {@code tracker.processors.segments} gives it
     * more segments for a store created from then on.
     */
    static int segmentsPerProcessor(Integer configured) {
        if (configured == null) {
            return 1;
        }
        if (configured < 1) {
            throw new IllegalArgumentException("tracker.processors.segments must be 1 or more, not " + configured);
        }
        return configured;
    }

    @Bean
    ConfigurerModule trackerAxonModule(Cache aggregateCache,
            @Value("${tracker.snapshot-every:100}") int snapshotEvery,
            @Value("${tracker.processors.batch-size:500}") int batchSize,
            @Value("${tracker.processors.segments:#{null}}") Integer configuredSegments,
            UnreadableEvents unreadableEvents) {
        int segments = segmentsPerProcessor(configuredSegments);
        return configurer -> {
            configurer.configureAggregate(TrajectoryCommandModel.aggregate()
                    .configureCache(c -> aggregateCache)
                    .configureSnapshotTrigger(c -> new EventCountSnapshotTriggerDefinition(c.snapshotter(),
                            snapshotEvery)));
            // A batch shares one token update, one read and one bulk write of the read model's documents; during a
            // rebuild that is the difference between three round trips per event and three per 500. A work package
            // batches only its own segment's events, so every segment more divides the batches (see
            // segmentsPerProcessor).
            configurer.eventProcessing().usingPooledStreamingEventProcessors((config, builder) -> builder
                    .batchSize(batchSize)
                    .initialSegmentCount(segments))
                    // a read model's documents changed in a batch are written together, before its token moves
                    .registerDefaultHandlerInterceptor((config, processor) -> new BatchedWrites())
                    // a handler that fails fails its batch, which is retried: a read model skips no event but one
                    // that was altered outside the service and cannot be read (see UnreadableEvents)
                    .registerDefaultListenerInvocationErrorHandler(config -> unreadableEvents);
        };
    }
}
