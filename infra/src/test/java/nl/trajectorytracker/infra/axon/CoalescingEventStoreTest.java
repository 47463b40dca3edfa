package nl.trajectorytracker.infra.axon;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.axonframework.common.stream.BlockingStream;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventsourcing.eventstore.EmbeddedEventStore;
import org.axonframework.eventsourcing.eventstore.inmemory.InMemoryEventStorageEngine;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Commits told to the read models' reader in batches: none waits for it longer than the interval. */
class CoalescingEventStoreTest {

    /** Longer than any wait below: an event that arrives came through a signal, not the reader's own timer. */
    private static final long READER_OWN_POLL_SECONDS = 600;

    private final CoalescingEventStore store = new CoalescingEventStore(EmbeddedEventStore.builder()
            .storageEngine(new InMemoryEventStorageEngine())
            .fetchDelay(READER_OWN_POLL_SECONDS)
            .timeUnit(TimeUnit.SECONDS), Duration.ofMillis(200));

    @AfterEach
    void shutDown() {
        store.shutDown();
    }

    @Test
    void everyEventOfABurstReachesATailingReader() throws InterruptedException {
        store.publish(GenericEventMessage.asEventMessage("first"));
        try (BlockingStream<TrackedEventMessage<?>> stream = store.openStream(null)) {
            assertThat(next(stream)).isEqualTo("first");
            // caught up: the reader now waits for the store to tell it of new commits
            assertThat(stream.hasNextAvailable(300, TimeUnit.MILLISECONDS)).isFalse();
            for (int i = 0; i < 5; i++) {
                store.publish(GenericEventMessage.asEventMessage("burst " + i));
            }
            List<Object> received = new ArrayList<>();
            for (int i = 0; i < 5; i++) {
                received.add(next(stream));
            }
            assertThat(received).containsExactly("burst 0", "burst 1", "burst 2", "burst 3", "burst 4");
        }
    }

    @Test
    void aLateCommitAfterAToldOneIsToldToo() throws InterruptedException {
        try (BlockingStream<TrackedEventMessage<?>> stream = store.openStream(null)) {
            store.publish(GenericEventMessage.asEventMessage("told at once"));
            assertThat(next(stream)).isEqualTo("told at once");
            // the reader is waiting again, told less than an interval ago
            assertThat(stream.hasNextAvailable(50, TimeUnit.MILLISECONDS)).isFalse();
            store.publish(GenericEventMessage.asEventMessage("within the interval"));
            assertThat(next(stream)).isEqualTo("within the interval");
        }
    }

    private static Object next(BlockingStream<TrackedEventMessage<?>> stream) throws InterruptedException {
        assertThat(stream.hasNextAvailable(10, TimeUnit.SECONDS)).as("an event within 10 seconds").isTrue();
        return stream.nextAvailable().getPayload();
    }
}
