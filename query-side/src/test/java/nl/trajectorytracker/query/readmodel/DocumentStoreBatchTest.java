package nl.trajectorytracker.query.readmodel;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.messaging.ResultMessage;
import org.axonframework.messaging.unitofwork.BatchingUnitOfWork;
import org.axonframework.messaging.unitofwork.RollbackConfigurationType;
import org.bson.Document;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A batch of events as a streaming processor hands it out: the read model's documents are written together, as part
 * of the batch's last event, and not at all when the batch fails.
 */
class DocumentStoreBatchTest {

    private final InMemoryMongo mongo = new InMemoryMongo();
    private final DocumentStore<Document> counts = new DocumentStore<>(mongo.template(), Document.class, "counts");

    @AfterEach
    void stop() {
        mongo.close();
    }

    @Test
    void aBatchReadsItsOwnWrites_andWritesOnceAtItsLastEvent() {
        counts.save(new Document("_id", "b").append("n", 10));
        List<Long> storedWhileHandling = new ArrayList<>();

        BatchingUnitOfWork<EventMessage<?>> batch = batchOf("a", "b", "a", "c");
        batch.executeWithResult(() -> new BatchedWrites().handle(batch, () -> {
            storedWhileHandling.add(mongo.template().getCollection("counts").countDocuments());
            count(batch.getMessage());
            return null;
        }), RollbackConfigurationType.ANY_THROWABLE);

        assertThat(storedWhileHandling).as("nothing written before the last event").containsExactly(1L, 1L, 1L, 1L);
        assertThat(stored("a")).isEqualTo(2);
        assertThat(stored("b")).isEqualTo(11);
        assertThat(stored("c")).isEqualTo(1);
    }

    @Test
    void aFailedBatchWritesNothing() {
        AtomicInteger handled = new AtomicInteger();
        BatchingUnitOfWork<EventMessage<?>> batch = batchOf("a", "b", "c");
        batch.executeWithResult(() -> new BatchedWrites().handle(batch, () -> {
            count(batch.getMessage());
            if (handled.incrementAndGet() == 3) {
                throw new IllegalStateException("the read model's database went away");
            }
            return null;
        }), RollbackConfigurationType.ANY_THROWABLE);

        assertThat(mongo.template().getCollection("counts").countDocuments()).isZero();
    }

    @Test
    void withoutTheInterceptor_theBatchIsWrittenWhenItCommits() {
        BatchingUnitOfWork<EventMessage<?>> batch = batchOf("a", "a");
        batch.executeWithResult(() -> {
            count(batch.getMessage());
            return null;
        }, RollbackConfigurationType.ANY_THROWABLE);

        assertThat(stored("a")).isEqualTo(2);
    }

    @Test
    void outsideABatch_everyWriteGoesStraightThrough() {
        count(new GenericDomainEventMessage<>("Trajectory", "a", 0, "event"));
        assertThat(stored("a")).isEqualTo(1);
    }

    @Test
    void aWrittenOnceStore_insertsABatchsDocuments_andABatchHandledAgainLeavesTheStoredOnesAsTheyAre() {
        DocumentStore<Document> steps = new DocumentStore<>(mongo.template(), Document.class, "steps").writtenOnce();
        BatchingUnitOfWork<EventMessage<?>> first = batchOf("a", "b");
        first.executeWithResult(() -> new BatchedWrites().handle(first, () -> {
            String id = ((GenericDomainEventMessage<?>) first.getMessage()).getAggregateIdentifier();
            steps.save(new Document("_id", id).append("step", "first of " + id));
            return null;
        }), RollbackConfigurationType.ANY_THROWABLE);

        // redelivered after a failure to store the token, with an event that came after it
        BatchingUnitOfWork<EventMessage<?>> again = batchOf("a", "b", "c");
        ResultMessage<?> result = again.executeWithResult(() -> new BatchedWrites().handle(again, () -> {
            String id = ((GenericDomainEventMessage<?>) again.getMessage()).getAggregateIdentifier();
            steps.save(new Document("_id", id).append("step", "first of " + id));
            return null;
        }), RollbackConfigurationType.ANY_THROWABLE);

        assertThat(result.isExceptional())
                .as("a document stored already is no error").isFalse();
        assertThat(mongo.template().getCollection("steps").countDocuments()).isEqualTo(3);
        assertThat(steps.find("c").orElseThrow().getString("step")).isEqualTo("first of c");
    }

    @Test
    void aWrittenOnceStore_stillFailsItsBatchOnAnyOtherWriteError() {
        DocumentStore<Document> steps = new DocumentStore<>(mongo.template(), Document.class, "steps").writtenOnce();
        BatchingUnitOfWork<EventMessage<?>> batch = batchOf("a");
        ResultMessage<?> result = batch.executeWithResult(() -> new BatchedWrites().handle(batch, () -> {
            // an id MongoDB refuses
            steps.save(new Document("_id", List.of("a")).append("step", "refused"));
            return null;
        }), RollbackConfigurationType.ANY_THROWABLE);

        assertThat(result.isExceptional()).isTrue();
    }

    private void count(EventMessage<?> event) {
        String id = ((GenericDomainEventMessage<?>) event).getAggregateIdentifier();
        Document current = counts.find(id).orElse(new Document("_id", id).append("n", 0));
        counts.save(new Document("_id", id).append("n", current.getInteger("n") + 1));
    }

    private int stored(String id) {
        return mongo.template().getCollection("counts").find(new Document("_id", id)).first().getInteger("n");
    }

    private static BatchingUnitOfWork<EventMessage<?>> batchOf(String... aggregates) {
        List<EventMessage<?>> events = new ArrayList<>();
        for (int i = 0; i < aggregates.length; i++) {
            events.add(new GenericDomainEventMessage<>("Trajectory", aggregates[i], i, "event " + i));
        }
        return new BatchingUnitOfWork<>(events);
    }
}
