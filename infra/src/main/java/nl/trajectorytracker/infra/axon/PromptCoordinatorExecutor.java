package nl.trajectorytracker.infra.axon;

import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

import org.axonframework.common.AxonThreadFactory;

/**
 * The thread of a pooled processor's coordinator, which looks again soon when its work packages are full. Axon's
 * coordinator stops reading once a work package holds 1,024 events and reschedules itself 100ms later; a work
 * package handles those in a fraction of that and then idles, so a rebuild advanced by about 1,000 events per 100ms
 * whatever the read model's speed. Here that wait is {@value #FULL_BACKOFF_MILLIS}ms: while the packages are still
 * full a look costs the coordinator a few microseconds. Its other waits (the token claim interval, the back-off
 * after an error) are Axon's.
 */
final class PromptCoordinatorExecutor extends ScheduledThreadPoolExecutor {

    /** The delay with which Axon 4's {@code Coordinator} reschedules itself when a work package is full. */
    static final long AXON_FULL_BACKOFF_MILLIS = 100;
    static final long FULL_BACKOFF_MILLIS = 2;

    PromptCoordinatorExecutor(String processorName) {
        super(1, new AxonThreadFactory("Coordinator[" + processorName + "]"));
    }

    @Override
    public ScheduledFuture<?> schedule(Runnable command, long delay, TimeUnit unit) {
        long millis = unit.toMillis(delay);
        return super.schedule(command, millis == AXON_FULL_BACKOFF_MILLIS ? FULL_BACKOFF_MILLIS : millis,
                TimeUnit.MILLISECONDS);
    }
}
