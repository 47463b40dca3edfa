package nl.trajectorytracker.infra.projections;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

import org.axonframework.eventhandling.AnnotationEventHandlerAdapter;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.axonframework.messaging.ResultMessage;
import org.axonframework.messaging.unitofwork.BatchingUnitOfWork;
import org.axonframework.messaging.unitofwork.RollbackConfigurationType;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

import nl.trajectorytracker.query.readmodel.ReplayableProjection;

/**
 * Handles the events of the store into fresh copies of projections, outside their processors, in batches: a batch is
 * one unit of work per copy, so each copy reads and writes what the batch changed in one round trip each (see
 * {@code DocumentStore}), as a live processor does. The copies handle a batch at once, each on a thread of its own:
 * they write to different collections, so their round trips to the database overlap. Shared by the rebuilds and the
 * consistency check, with a thread for every read model. An event that cannot be read is skipped or fails the replay
 * as it would in a live processor ({@link UnreadableEvents}).
 */
@Component
final class Replay implements AutoCloseable {

    /** Told after every batch: the token of its last event and how many events it held. */
    interface Progress {
        void handled(TrackingToken reached, int events);
    }

    private final EventStorageEngine storage;
    private final int batchSize;
    private final ExecutorService handlers;
    private final UnreadableEvents unreadable;

    Replay(EventStorageEngine storage, List<ReplayableProjection> projections, UnreadableEvents unreadable,
            @Value("${tracker.projections.rebuild-batch-size:1000}") int batchSize) {
        this.storage = storage;
        this.unreadable = unreadable;
        this.batchSize = batchSize;
        int copies = projections.size();
        AtomicInteger threads = new AtomicInteger();
        this.handlers = Executors.newFixedThreadPool(Math.max(1, copies), runnable -> {
            Thread thread = new Thread(runnable, "read-model-replay-" + threads.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
    }

    /**
     * Handles the events after {@code from} (from the start when {@code null}) up to the head of the store into the
     * copies (event handlers, by the name of their read model). Answers the token of the last event handled.
     */
    TrackingToken events(Map<String, AnnotationEventHandlerAdapter> copies, TrackingToken from, Progress progress) {
        TrackingToken reached = from;
        List<TrackedEventMessage<?>> pending = new ArrayList<>(batchSize);
        try (Stream<? extends TrackedEventMessage<?>> events = storage.readEvents(from, false)) {
            var iterator = events.iterator();
            while (iterator.hasNext()) {
                pending.add(iterator.next());
                if (pending.size() == batchSize || !iterator.hasNext()) {
                    handle(copies, List.copyOf(pending));
                    reached = pending.get(pending.size() - 1).trackingToken();
                    progress.handled(reached, pending.size());
                    pending.clear();
                }
            }
        }
        return reached;
    }

    /**
     * Handles a batch in every copy and waits for all of them, also when one fails or the caller is interrupted: no
     * copy writes any more once this returns, so what a stopped or failed replay wrote can be dropped.
     */
    private void handle(Map<String, AnnotationEventHandlerAdapter> copies, List<EventMessage<?>> batch) {
        List<Future<?>> handled = new ArrayList<>();
        copies.forEach((name, copy) -> handled.add(handlers.submit(() -> handle(name, copy, batch))));
        boolean interrupted = false;
        Throwable failure = null;
        for (Future<?> copy : handled) {
            while (true) {
                try {
                    copy.get();
                    break;
                } catch (InterruptedException e) {
                    interrupted = true;
                } catch (ExecutionException e) {
                    failure = failure == null ? e.getCause() : failure;
                    break;
                }
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while replaying events");
        }
        if (failure != null) {
            throw failure instanceof RuntimeException runtime ? runtime : new IllegalStateException(failure);
        }
    }

    private void handle(String name, AnnotationEventHandlerAdapter copy, List<EventMessage<?>> batch) {
        BatchingUnitOfWork<EventMessage<?>> unitOfWork = new BatchingUnitOfWork<>(batch);
        ResultMessage<?> result = unitOfWork.executeWithResult(() -> {
            EventMessage<?> event = unitOfWork.getMessage();
            if (copy.canHandle(event)) {
                try {
                    copy.handle(event);
                } catch (Exception e) {
                    if (unreadable.skips(name, event, e)) {
                        return null;
                    }
                    throw new IllegalStateException("Replaying " + event.getPayloadType().getSimpleName()
                            + " into a fresh copy of " + name + " failed", e);
                }
            }
            return null;
        }, RollbackConfigurationType.ANY_THROWABLE);
        if (result.isExceptional()) {
            Throwable failure = result.exceptionResult();
            throw failure instanceof RuntimeException runtime ? runtime : new IllegalStateException(failure);
        }
    }

    @Override
    public void close() {
        handlers.shutdownNow();
    }
}
