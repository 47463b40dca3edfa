package nl.trajectorytracker.infra.axon;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import org.axonframework.common.stream.BlockingStream;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.eventhandling.GenericTrackedEventMessage;
import org.axonframework.eventhandling.GlobalSequenceTrackingToken;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.messaging.StreamableMessageSource;
import org.junit.jupiter.api.Test;

/** A caught-up processor waits a moment for more events; one that is behind never waits. */
class LingeringEventSourceTest {

    private final Deque<TrackedEventMessage<?>> stored = new ArrayDeque<>();
    private final StreamableMessageSource<TrackedEventMessage<?>> store = token -> new QueueStream();
    private final BlockingStream<TrackedEventMessage<?>> stream =
            new LingeringEventSource(store, Duration.ofMillis(200)).openStream(null);

    @Test
    void behindTheHead_eventsAreHandedOutAtOnce() throws Exception {
        store(3);
        long begin = System.nanoTime();
        for (int i = 0; i < 3; i++) {
            assertThat(stream.hasNextAvailable()).isTrue();
            stream.nextAvailable();
        }
        assertThat(System.nanoTime() - begin).isLessThan(TimeUnit.MILLISECONDS.toNanos(150));
    }

    @Test
    void atTheHead_aNewEventWaitsForTheLinger_soThatOthersCanJoinIt() throws Exception {
        assertThat(stream.hasNextAvailable()).isFalse();
        store(1);
        long begin = System.nanoTime();
        assertThat(stream.hasNextAvailable()).isTrue();
        assertThat(System.nanoTime() - begin).isGreaterThanOrEqualTo(TimeUnit.MILLISECONDS.toNanos(200));
        stream.nextAvailable();
        store(1);
        begin = System.nanoTime();
        assertThat(stream.hasNextAvailable()).as("not caught up in between: no wait").isTrue();
        assertThat(System.nanoTime() - begin).isLessThan(TimeUnit.MILLISECONDS.toNanos(150));
    }

    private void store(int count) {
        for (int i = 0; i < count; i++) {
            long position = stored.size();
            stored.add(new GenericTrackedEventMessage<>(new GlobalSequenceTrackingToken(position),
                    GenericEventMessage.asEventMessage("event " + position)));
        }
    }

    private final class QueueStream implements BlockingStream<TrackedEventMessage<?>> {

        @Override
        public Optional<TrackedEventMessage<?>> peek() {
            return Optional.ofNullable(stored.peek());
        }

        @Override
        public boolean hasNextAvailable(int timeout, TimeUnit unit) {
            return !stored.isEmpty();
        }

        @Override
        public TrackedEventMessage<?> nextAvailable() {
            return stored.poll();
        }

        @Override
        public void close() {
        }
    }
}
