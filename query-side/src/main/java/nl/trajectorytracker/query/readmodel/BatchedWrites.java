package nl.trajectorytracker.query.readmodel;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

import org.axonframework.eventhandling.EventMessage;
import org.axonframework.messaging.InterceptorChain;
import org.axonframework.messaging.MessageHandlerInterceptor;
import org.axonframework.messaging.unitofwork.BatchingUnitOfWork;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;

/**
 * Writes what the read models' stores kept during a batch of events, as part of handling the batch's last event:
 * that is before the streaming processor stores the batch's token (its prepare-commit step), so a failed write fails
 * the batch, which is then handled again, and a stored token never runs ahead of the read model. Register it as a
 * handler interceptor of every event processor; a batch that did not pass through it (no interceptor registered) is
 * still written when its unit of work commits.
 */
public final class BatchedWrites implements MessageHandlerInterceptor<EventMessage<?>> {

    private static final String RESOURCE = BatchedWrites.class.getName();

    /**
     * What a store keeps for the batch of events this thread is handling: made by {@code create} on first use, and
     * run (to write it) with the batch, in the order of first use. {@code null} outside a batch.
     */
    public static <B extends Runnable> B forCurrentBatch(String key, Function<BatchingUnitOfWork<?>, B> create) {
        if (!CurrentUnitOfWork.isStarted()) {
            return null;
        }
        UnitOfWork<?> root = CurrentUnitOfWork.get().root();
        if (!(root instanceof BatchingUnitOfWork<?> batching)) {
            return null;
        }
        B kept = root.getResource(key);
        if (kept == null) {
            kept = create.apply(batching);
            root.resources().put(key, kept);
            flushesOf(root).add(kept);
        }
        return kept;
    }

    private static Flushes flushesOf(UnitOfWork<?> root) {
        Flushes flushes = root.getResource(RESOURCE);
        if (flushes == null) {
            flushes = new Flushes();
            root.resources().put(RESOURCE, flushes);
            Flushes registered = flushes;
            root.onPrepareCommit(unitOfWork -> registered.run());
        }
        return flushes;
    }

    @Override
    public Object handle(UnitOfWork<? extends EventMessage<?>> unitOfWork, InterceptorChain interceptorChain)
            throws Exception {
        Object result = interceptorChain.proceed();
        UnitOfWork<?> root = unitOfWork.root();
        if (root instanceof BatchingUnitOfWork<?> batch && batch.isLastMessage()) {
            Flushes flushes = root.getResource(RESOURCE);
            if (flushes != null) {
                flushes.run();
            }
        }
        return result;
    }

    /** The flushes registered in one batch, run in registration order. */
    private static final class Flushes {

        private final List<Runnable> pending = new ArrayList<>();

        void add(Runnable flush) {
            pending.add(flush);
        }

        void run() {
            for (Runnable flush : pending) {
                flush.run();
            }
        }
    }
}
