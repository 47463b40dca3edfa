package nl.trajectorytracker.infra.axon;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventsourcing.eventstore.EmbeddedEventStore;

/**
 * Axon's event store, telling its reader of new commits at most once per {@code interval}. Axon's wakes the thread
 * that reads new events for the read models after every commit: a signal to a waiting thread is a system call that
 * wakes it on the other core, measured at 8% of the command thread's time, and each wake-up reads one commit. Under
 * load the reader now wakes at most once per interval and reads every commit since in one go; a commit that finds
 * the reader told less than an interval ago has it told when the interval is up, so no commit waits longer than the
 * interval to reach the read models (which wait longer than that for more events anyway, see
 * {@link LingeringEventSource}). A single command on a quiet system is passed on at once.
 */
final class CoalescingEventStore extends EmbeddedEventStore {

    private final long intervalNanos;
    private final AtomicLong lastSignal = new AtomicLong(System.nanoTime() - Long.MAX_VALUE / 2);
    private final AtomicBoolean signalPending = new AtomicBoolean();
    private final ScheduledExecutorService delayedSignals = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "event-store-signal");
        thread.setDaemon(true);
        return thread;
    });

    CoalescingEventStore(Builder builder, Duration interval) {
        super(builder);
        this.intervalNanos = interval.toNanos();
    }

    @Override
    protected void afterCommit(List<? extends EventMessage<?>> events) {
        long now = System.nanoTime();
        long last = lastSignal.get();
        long since = now - last;
        if (since >= intervalNanos && lastSignal.compareAndSet(last, now)) {
            super.afterCommit(events);
        } else if (signalPending.compareAndSet(false, true)) {
            delayedSignals.schedule(() -> {
                signalPending.set(false);
                lastSignal.set(System.nanoTime());
                super.afterCommit(List.of());
            }, Math.max(0, intervalNanos - since), TimeUnit.NANOSECONDS);
        }
    }

    @Override
    public void shutDown() {
        delayedSignals.shutdownNow();
        super.shutDown();
    }
}
