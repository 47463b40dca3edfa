package nl.trajectorytracker.infra.eventstore;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import org.axonframework.config.Configuration;
import org.axonframework.config.DefaultConfigurer;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.junit.jupiter.api.Test;

/** A live pooled streaming processor sees every event once and in per-trajectory order, and so does a replay. */
class LiveProjectionTest {

    @ProcessingGroup("probe")
    static class RecordingProjection {

        final List<String> seen = Collections.synchronizedList(new ArrayList<>());

        @EventHandler
        void on(String payload, DomainEventMessage<?> message) {
            seen.add(message.getAggregateIdentifier() + "#" + message.getSequenceNumber());
        }

        @ResetHandler
        void reset() {
            seen.clear();
        }
    }

    @Test
    void eightWritersWhileAProjectionRuns_everyEventIsSeenOnceInOrder_andARebuildAgrees() throws Exception {
        try (InMemoryMongo mongo = new InMemoryMongo()) {
            MongoEventStorageEngine engine = mongo.engine();
            MongoTokenStore tokens = new MongoTokenStore(mongo.database(), InMemoryMongo.serializer(),
                    Clock.systemUTC(), Duration.ofSeconds(10), "test-node");
            RecordingProjection projection = new RecordingProjection();
            Configuration axon = DefaultConfigurer.defaultConfiguration()
                    .configureEmbeddedEventStore(c -> engine)
                    .eventProcessing(processing -> processing.usingPooledStreamingEventProcessors()
                            .registerTokenStore(c -> tokens)
                            .registerEventHandler(c -> projection))
                    .buildConfiguration();
            axon.start();
            try {
                EventStore store = axon.eventStore();
                int writers = 8;
                int eventsEach = 250;
                ExecutorService pool = Executors.newFixedThreadPool(writers);
                CountDownLatch done = new CountDownLatch(writers);
                for (int writer = 0; writer < writers; writer++) {
                    String aggregate = "trajectory-" + writer;
                    pool.execute(() -> {
                        try {
                            for (long sequence = 0; sequence < eventsEach; sequence++) {
                                store.publish(MongoEventStorageEngineTest.event(aggregate, sequence, "step"));
                            }
                        } finally {
                            done.countDown();
                        }
                    });
                }
                assertThat(done.await(120, TimeUnit.SECONDS)).isTrue();
                pool.shutdown();
                int total = writers * eventsEach;
                awaitCount(projection, total);
                List<String> live = List.copyOf(projection.seen);
                assertEachOnceInOrder(live, writers, eventsEach);

                StreamingEventProcessor processor = axon.eventProcessingConfiguration()
                        .eventProcessor("probe", StreamingEventProcessor.class).orElseThrow();
                processor.shutDown();
                processor.resetTokens();
                processor.start();
                // every event again, and no more for a while after: a duplicate would arrive in that time
                await("rebuilt, once").atMost(Duration.ofSeconds(60)).during(Duration.ofMillis(300))
                        .until(() -> projection.seen.size() == total);
                List<String> rebuilt = List.copyOf(projection.seen);
                assertEachOnceInOrder(rebuilt, writers, eventsEach);
                assertThat(rebuilt).containsExactlyInAnyOrderElementsOf(live);
            } finally {
                axon.shutdown();
            }
        }
    }

    private static void awaitCount(RecordingProjection projection, int expected) {
        await("every event seen").atMost(Duration.ofSeconds(60)).until(() -> projection.seen.size() >= expected);
    }

    private static void assertEachOnceInOrder(List<String> seen, int writers, int eventsEach) {
        assertThat(seen).hasSize(writers * eventsEach).doesNotHaveDuplicates();
        Map<String, Long> lastPerAggregate = new HashMap<>();
        for (String entry : seen) {
            String aggregate = entry.substring(0, entry.indexOf('#'));
            long sequence = Long.parseLong(entry.substring(entry.indexOf('#') + 1));
            long previous = lastPerAggregate.getOrDefault(aggregate, -1L);
            assertThat(sequence).as("order within " + aggregate).isEqualTo(previous + 1);
            lastPerAggregate.put(aggregate, sequence);
        }
    }
}
