package nl.trajectorytracker.query.replay;

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
    void aRememberingStore_decodesADocumentAgainOnlyWhenItsStoredVersionChanged() {
        AtomicInteger decoded = new AtomicInteger();
        DocumentStore<Document> remembering = new DocumentStore<>(mongo.template(), "counts",
                new DocumentStore.Codec<Document>() {
                    @Override
                    public String id(Document value) {
                        return value.getString("_id");
                    }

                    @Override
                    public Document write(Document value) {
                        return value;
                    }

                    @Override
                    public Document read(Document document) {
                        decoded.incrementAndGet();
                        return document;
                    }
                }).remembering(10, "n", value -> value.getInteger("n"));
        counts.save(new Document("_id", "a").append("n", 1));

        runBatch(remembering, "a", "a");
        assertThat(decoded).as("the first batch reads the stored document").hasValue(1);
        runBatch(remembering, "a");
        assertThat(decoded).as("the next batch uses what the first one wrote").hasValue(1);
        assertThat(stored("a")).isEqualTo(4);

        // another instance (or a rebuild) moved the document on
        mongo.template().getCollection("counts").updateOne(new Document("_id", "a"),
                new Document("$set", new Document("n", 100)));
        runBatch(remembering, "a");
        assertThat(decoded).hasValue(2);
        assertThat(stored("a")).isEqualTo(101);
    }

    @Test
    void aSplittingStore_keepsLongListsInBuckets_writesEachFullBucketOnce_andReadsThemWhole() {
        DocumentStore<Document> logs = new DocumentStore<>(mongo.template(), Document.class, "logs")
                .splittingListsLongerThan(4);
        for (int round = 0; round < 5; round++) {
            BatchingUnitOfWork<EventMessage<?>> batch = batchOf("a", "a", "b");
            batch.executeWithResult(() -> new BatchedWrites().handle(batch, () -> {
                String id = ((GenericDomainEventMessage<?>) batch.getMessage()).getAggregateIdentifier();
                Document log = logs.find(id).orElse(new Document("_id", id).append("lines", List.of()));
                List<Object> lines = new ArrayList<>(log.getList("lines", Object.class));
                lines.add("line " + lines.size());
                logs.save(new Document("_id", id).append("lines", lines));
                return null;
            }), RollbackConfigurationType.ANY_THROWABLE);
        }

        assertThat(logs.find("a").orElseThrow().getList("lines", Object.class)).hasSize(10)
                .startsWith("line 0", "line 1").endsWith("line 9");
        assertThat(logs.find("b").orElseThrow().getList("lines", Object.class)).hasSize(5);
        Document stored = mongo.template().getCollection("logs").find(new Document("_id", "a")).first();
        assertThat(stored.getList("lines", Object.class)).as("only the tail in the document").hasSize(2);
        assertThat(mongo.template().getCollection("logs_buckets").countDocuments())
                .as("each full bucket written once and never again: 2 of a, 1 of b").isEqualTo(3);

        BatchingUnitOfWork<EventMessage<?>> correction = batchOf("a");
        correction.executeWithResult(() -> new BatchedWrites().handle(correction, () -> {
            List<Object> lines = new ArrayList<>(logs.find("a").orElseThrow().getList("lines", Object.class));
            lines.set(0, "line 0, corrected");
            logs.save(new Document("_id", "a").append("lines", lines));
            return null;
        }), RollbackConfigurationType.ANY_THROWABLE);

        assertThat(logs.find("a").orElseThrow().getList("lines", Object.class)).hasSize(10)
                .startsWith("line 0, corrected", "line 1");
        assertThat(mongo.template().getCollection("logs_buckets").countDocuments())
                .as("the changed bucket replaced under a new id, the old one dropped").isEqualTo(3);
    }

    @Test
    void aBucketLeftByABatchThatFailedBeforeItsDocument_isWrittenOverByTheBatchHandledAgain() {
        DocumentStore<Document> logs = new DocumentStore<>(mongo.template(), Document.class, "logs")
                .splittingListsLongerThan(4);
        saveInBatch(logs, "a", lines(6));
        Document split = mongo.template().getCollection("logs").find(new Document("_id", "a")).first()
                .getList("_buckets", Document.class).get(0);
        // what a batch that failed between its buckets and its document left: the next place's bucket, under the
        // id the epoch gives it, with what that batch would have written
        mongo.template().getCollection("logs_buckets").insertOne(new Document("_id", "a|lines|1|" + split.get("epoch"))
                .append("owner", "a").append("epoch", split.get("epoch")).append("items", List.of("w", "x", "y", "z")));

        saveInBatch(logs, "a", lines(9));

        assertThat(new DocumentStore<>(mongo.template(), Document.class, "logs").splittingListsLongerThan(4).find("a")
                .orElseThrow().getList("lines", Object.class)).isEqualTo(lines(9));
    }

    private static List<Object> lines(int count) {
        List<Object> lines = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            lines.add("line " + i);
        }
        return lines;
    }

    private static void saveInBatch(DocumentStore<Document> store, String id, List<Object> lines) {
        BatchingUnitOfWork<EventMessage<?>> batch = batchOf(id);
        batch.executeWithResult(() -> new BatchedWrites().handle(batch, () -> {
            store.find(id); // as a projection does: what it stored, with its buckets
            store.save(new Document("_id", id).append("lines", lines));
            return null;
        }), RollbackConfigurationType.ANY_THROWABLE).optionalExceptionResult().ifPresent(e -> {
            throw new AssertionError("the batch failed", e);
        });
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

    private static void runBatch(DocumentStore<Document> store, String... aggregates) {
        BatchingUnitOfWork<EventMessage<?>> batch = batchOf(aggregates);
        batch.executeWithResult(() -> new BatchedWrites().handle(batch, () -> {
            String id = ((GenericDomainEventMessage<?>) batch.getMessage()).getAggregateIdentifier();
            int n = store.find(id).map(document -> document.getInteger("n")).orElse(0);
            store.save(new Document("_id", id).append("n", n + 1));
            return null;
        }), RollbackConfigurationType.ANY_THROWABLE);
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
