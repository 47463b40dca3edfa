package nl.trajectorytracker.infra.eventstore;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.eventhandling.GlobalSequenceTrackingToken;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.messaging.MetaData;
import org.axonframework.modelling.command.ConcurrencyException;
import org.axonframework.modelling.command.AggregateStreamCreationException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;


import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

/** The storage engine's contract: atomic commits, optimistic concurrency, ordered and complete streams. */
class MongoEventStorageEngineTest {

    private InMemoryMongo mongo;
    private MongoEventStorageEngine engine;

    @BeforeEach
    void setUp() {
        mongo = new InMemoryMongo();
        engine = mongo.engine();
    }

    @AfterEach
    void tearDown() {
        mongo.close();
    }

    static DomainEventMessage<String> event(String aggregate, long sequence, String payload) {
        return new GenericDomainEventMessage<>("Trajectory", aggregate, sequence, payload,
                MetaData.with("correlationId", "corr-" + aggregate).and("traceId", "trace-1"));
    }

    @Test
    void eventsOfOneAggregate_areReadBackInOrder_withPayloadAndMetaData() {
        engine.appendEvents(event("a", 0, "started"), event("a", 1, "goal set"));
        engine.appendEvents(event("a", 2, "batna defined"));

        List<? extends DomainEventMessage<?>> events = engine.readEvents("a").asStream().toList();

        assertThat(events).extracting(DomainEventMessage::getSequenceNumber).containsExactly(0L, 1L, 2L);
        assertThat(events).extracting(e -> (Object) e.getPayload()).containsExactly("started", "goal set", "batna defined");
        assertThat(events.get(0).getMetaData()).containsEntry("correlationId", "corr-a");
        assertThat(engine.lastSequenceNumberFor("a")).contains(2L);
        assertThat(engine.lastSequenceNumberFor("unknown")).isEmpty();
    }

    @Test
    void readingFromASequenceNumber_skipsEarlierEvents_evenInsideACommit() {
        engine.appendEvents(event("a", 0, "e0"), event("a", 1, "e1"), event("a", 2, "e2"));
        engine.appendEvents(event("a", 3, "e3"));

        assertThat(engine.readEvents("a", 3).asStream().map(e -> (Object) e.getPayload()).toList()).containsExactly("e3");
        assertThat(engine.readEvents("a", 1).asStream().map(e -> (Object) e.getPayload()).toList())
                .containsExactly("e1", "e2", "e3");
    }

    @Test
    void aLongHistory_isReadCompletely() {
        for (long sequence = 0; sequence < 500; sequence++) {
            engine.appendEvents(event("long", sequence, "e" + sequence));
        }

        assertThat(engine.readEvents("long").asStream().count()).isEqualTo(500);
        assertThat(engine.readEvents("long", 450).asStream().count()).isEqualTo(50);
    }

    @Test
    void twoCommitsFromTheSameVersion_cannotBothBeStored() {
        engine.appendEvents(event("a", 0, "started"));
        engine.appendEvents(event("a", 1, "first writer"));

        assertThatThrownBy(() -> engine.appendEvents(event("a", 1, "second writer"), event("a", 2, "more")))
                .isInstanceOf(ConcurrencyException.class);
        assertThatThrownBy(() -> engine.appendEvents(event("a", 0, "started again")))
                .isInstanceOf(AggregateStreamCreationException.class);
        assertThat(engine.readEvents("a").asStream().map(e -> (Object) e.getPayload()).toList())
                .containsExactly("started", "first writer");
    }

    @Test
    void theGlobalStream_holdsEveryEventOnce_inCommitOrder_andResumesFromAnyToken() {
        engine.appendEvents(event("a", 0, "a0"), event("a", 1, "a1"));
        engine.appendEvents(event("b", 0, "b0"));
        engine.appendEvents(GenericEventMessage.asEventMessage("not from an aggregate"));
        engine.appendEvents(event("a", 2, "a2"));

        List<TrackedEventMessage<?>> all = new ArrayList<>(engine.readEvents(null, false).toList());
        assertThat(all).extracting(e -> (Object) e.getPayload())
                .containsExactly("a0", "a1", "b0", "not from an aggregate", "a2");
        assertThat(all).extracting(e -> e.trackingToken().position().orElseThrow()).isSorted();

        for (int i = 0; i < all.size(); i++) {
            TrackingToken after = all.get(i).trackingToken();
            List<Object> rest = engine.readEvents(after, false).map(TrackedEventMessage::getPayload)
                    .map(Object.class::cast).toList();
            assertThat(rest).containsExactlyElementsOf(
                    all.subList(i + 1, all.size()).stream().map(TrackedEventMessage::getPayload)
                            .map(Object.class::cast).toList());
        }
    }

    @Test
    void theStream_crossesBatchBoundaries() {
        for (int i = 0; i < 700; i++) {
            engine.appendEvents(event("agg-" + i, 0, "e" + i));
        }

        assertThat(engine.readEvents(null, false).count()).isEqualTo(700);
    }

    @Test
    void headAndTimeTokens_pointIntoTheStream() {
        assertThat(engine.createHeadToken()).isNull();
        engine.appendEvents(event("a", 0, "a0"), event("a", 1, "a1"));
        sleep(5); // commits are timed to the millisecond: keep 'between' clear of both
        Instant between = Instant.now();
        sleep(5);
        engine.appendEvents(event("b", 0, "b0"));

        TrackingToken head = engine.createHeadToken();
        assertThat(engine.readEvents(head, false).count()).isZero();

        TrackingToken atBetween = engine.createTokenAt(between);
        assertThat(engine.readEvents(atBetween, false).map(e -> (Object) e.getPayload()).toList())
                .containsExactly("b0");
        assertThat(engine.createTokenAt(Instant.EPOCH)).isNull();
        assertThat(engine.createTailToken()).isNull();
        assertThat(head).isInstanceOf(GlobalSequenceTrackingToken.class);
    }

    @Test
    void aSnapshot_replacesTheEarlierOne() {
        engine.storeSnapshot(event("a", 10, "state at 10"));
        engine.storeSnapshot(event("a", 20, "state at 20"));

        Optional<DomainEventMessage<?>> snapshot = engine.readSnapshot("a");

        assertThat(snapshot).get().extracting(DomainEventMessage::getSequenceNumber).isEqualTo(20L);
        assertThat(snapshot.get().getPayload()).isEqualTo("state at 20");
        assertThat(engine.readSnapshot("b")).isEmpty();
    }

    @Test
    void aMissingCommit_holdsTheStreamUntilTheGapTimesOut_thenIsLoggedAsAnErrorAndCounted() {
        SimpleMeterRegistry meters = new SimpleMeterRegistry();
        MongoEventStorageEngine patient = waitingForGaps(200).meterRegistry(meters).build();
        patient.appendEvents(event("a", 0, "a0"));
        patient.appendEvents(event("b", 0, "b0"));
        patient.appendEvents(event("c", 0, "c0"));
        mongo.database().getCollection("event_commits").deleteOne(new org.bson.Document("_id", 2L));
        ListAppender<ILoggingEvent> logged = new ListAppender<>();
        Logger streamLog = (Logger) LoggerFactory.getLogger(CommitStream.class);
        streamLog.addAppender(logged);
        logged.start();

        try {
            assertThat(patient.readEvents(null, false).map(e -> (Object) e.getPayload()).toList())
                    .containsExactly("a0");
            assertThat(meters.counter(CommitStream.MISSING_COMMITS).count()).isZero();
            sleep(250);
            assertThat(patient.readEvents(null, false).map(e -> (Object) e.getPayload()).toList())
                    .containsExactly("a0", "c0");
        } finally {
            streamLog.detachAppender(logged);
        }

        assertThat(meters.counter(CommitStream.MISSING_COMMITS).count()).isEqualTo(1);
        assertThat(logged.list).anySatisfy(event -> {
            assertThat(event.getLevel()).isEqualTo(Level.ERROR);
            assertThat(event.getFormattedMessage()).contains("Commit 2 is missing");
        });
    }

    @Test
    void aWindowReadAheadWithAHole_isReadAgain_soThatACommitThatArrivedMeanwhileIsNotSkipped() {
        MongoEventStorageEngine patient = waitingForGaps(200).streamBatchSize(4).build();
        for (int i = 1; i <= 12; i++) {
            patient.appendEvents(event("agg-" + i, 0, "e" + i));
        }
        var commits = mongo.database().getCollection("event_commits");
        org.bson.Document late = commits.find(new org.bson.Document("_id", 7L)).first();
        commits.deleteOne(new org.bson.Document("_id", 7L));
        assertThat(patient.readEvents(null, false).count()).as("held at the gap").isEqualTo(6);
        sleep(250); // the gap has now been missing for longer than its timeout

        Iterator<? extends TrackedEventMessage<?>> stream = patient.readEvents(null, false).iterator();
        List<Object> read = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            read.add(stream.next().getPayload());
        }
        sleep(50); // the next window (5 to 8) has been read ahead, without 7
        commits.insertOne(late);
        stream.forEachRemaining(event -> read.add(event.getPayload()));

        assertThat(read).hasSize(12).contains("e7");
    }

    @Test
    void theTailingStream_findsTheCommitsOfEveryInstance_inPositionOrder() {
        MongoEventStorageEngine other = mongo.engine();
        engine.appendEvents(event("a", 0, "a0"));
        engine.appendEvents(event("a", 1, "a1"));
        assertThat(engine.readEvents(null, true).map(e -> (Object) e.getPayload()).toList())
                .containsExactly("a0", "a1");
        other.appendEvents(event("b", 0, "b0"));
        engine.appendEvents(event("a", 2, "a2"));

        assertThat(engine.readEvents(null, true).map(e -> (Object) e.getPayload()).toList())
                .as("the other instance's commit sits between ours").containsExactly("a0", "a1", "b0", "a2");
        TrackingToken afterA2 = engine.readEvents(null, true).skip(3).findFirst().orElseThrow().trackingToken();
        other.appendEvents(event("b", 1, "b1"));
        assertThat(engine.readEvents(afterA2, true).map(e -> (Object) e.getPayload()).toList())
                .as("resumed right after our newest commit, the stream finds the other's next one")
                .containsExactly("b1");
    }

    @Test
    void streamsBehindTheHead_readAheadOnABoundedNumberOfThreads() {
        MongoEventStorageEngine small = waitingForGaps(1_000).streamBatchSize(2).build();
        for (int i = 0; i < 40; i++) {
            small.appendEvents(event("agg-" + i, 0, "e" + i));
        }
        List<Iterator<? extends TrackedEventMessage<?>>> streams = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            Iterator<? extends TrackedEventMessage<?>> stream = small.readEvents(null, false).iterator();
            stream.next();
            streams.add(stream);
        }

        long readAheadThreads = Thread.getAllStackTraces().keySet().stream()
                .filter(thread -> thread.getName().equals("event-stream-read-ahead")).count();
        assertThat(readAheadThreads).isBetween(1L, 2L);
        for (Iterator<? extends TrackedEventMessage<?>> stream : streams) {
            int rest = 0;
            while (stream.hasNext()) {
                stream.next();
                rest++;
            }
            assertThat(rest).isEqualTo(39);
        }
    }

    @Test
    void everyCommitDocument_isKeyedByItsGlobalPosition() {
        engine.appendEvents(event("a", 0, "a0"));
        engine.appendEvents(event("b", 0, "b0"), event("b", 1, "b1"));

        List<Map<String, Object>> commits = mongo.database().getCollection("event_commits").find()
                .map(document -> (Map<String, Object>) document).into(new ArrayList<>());

        assertThat(commits).extracting(c -> c.get("_id")).containsExactly(1L, 2L);
        assertThat(commits).extracting(c -> c.get("key")).containsExactly("a#0", "b#0");
    }

    private MongoEventStorageEngine.Builder waitingForGaps(long gapTimeoutMillis) {
        return MongoEventStorageEngine.builder()
                .database(mongo.database())
                .eventSerializer(InMemoryMongo.serializer())
                .snapshotSerializer(InMemoryMongo.serializer())
                .gapTimeoutMillis(gapTimeoutMillis);
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
