package nl.trajectorytracker.infra.eventstore;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.modelling.command.ConcurrencyException;
import org.junit.jupiter.api.Test;

/** Many writers at once: nothing acknowledged is lost, nothing is stored twice, losers learn they lost. */
class ConcurrentWritersTest {

    @Test
    void sixtyFourWritersOnOneTrajectory_eachAcknowledgedCommitIsStored_andTheOthersGetAConflict() throws Exception {
        try (InMemoryMongo mongo = new InMemoryMongo()) {
            MongoEventStorageEngine engine = mongo.engine();
            engine.appendEvents(MongoEventStorageEngineTest.event("t", 0, "started"));
            int writers = 64;
            int rounds = 10;
            Set<String> acknowledged = ConcurrentHashMap.newKeySet();
            AtomicInteger conflicts = new AtomicInteger();
            AtomicInteger failures = new AtomicInteger();
            ExecutorService pool = Executors.newFixedThreadPool(writers);
            for (int round = 0; round < rounds; round++) {
                CountDownLatch start = new CountDownLatch(1);
                CountDownLatch done = new CountDownLatch(writers);
                for (int writer = 0; writer < writers; writer++) {
                    String name = "r" + round + "w" + writer;
                    pool.execute(() -> {
                        try {
                            start.await();
                            long last = engine.lastSequenceNumberFor("t").orElseThrow();
                            engine.appendEvents(MongoEventStorageEngineTest.event("t", last + 1, name + "-1"),
                                    MongoEventStorageEngineTest.event("t", last + 2, name + "-2"));
                            acknowledged.add(name);
                        } catch (ConcurrencyException e) {
                            conflicts.incrementAndGet();
                        } catch (Exception e) {
                            failures.incrementAndGet();
                        } finally {
                            done.countDown();
                        }
                    });
                }
                start.countDown();
                assertThat(done.await(60, TimeUnit.SECONDS)).isTrue();
            }
            pool.shutdown();

            List<? extends DomainEventMessage<?>> stored = engine.readEvents("t").asStream().toList();
            List<Long> sequences = stored.stream().map(DomainEventMessage::getSequenceNumber).toList();
            assertThat(failures).hasValue(0);
            assertThat(acknowledged.size() + conflicts.get()).isEqualTo(writers * rounds);
            assertThat(acknowledged).hasSizeGreaterThanOrEqualTo(rounds);
            assertThat(sequences).hasSize(1 + 2 * acknowledged.size());
            for (int i = 0; i < sequences.size(); i++) {
                assertThat(sequences.get(i)).isEqualTo((long) i);
            }
            Set<String> storedWriters = new TreeSet<>();
            for (DomainEventMessage<?> event : stored.subList(1, stored.size())) {
                storedWriters.add(((String) event.getPayload()).replaceAll("-[12]$", ""));
            }
            assertThat(storedWriters).isEqualTo(new TreeSet<>(acknowledged));
            // each stored commit holds both events of its writer, adjacent: no partial commit
            for (int i = 1; i < stored.size(); i += 2) {
                String first = (String) stored.get(i).getPayload();
                String second = (String) stored.get(i + 1).getPayload();
                assertThat(second).isEqualTo(first.replace("-1", "-2"));
            }
        }
    }

    @Test
    void eightWritersOnDifferentTrajectories_produceAGapFreeGlobalStream() throws Exception {
        try (InMemoryMongo mongo = new InMemoryMongo()) {
            MongoEventStorageEngine engine = mongo.engine();
            int writers = 8;
            int commitsEach = 200;
            ExecutorService pool = Executors.newFixedThreadPool(writers);
            List<Throwable> errors = Collections.synchronizedList(new ArrayList<>());
            CountDownLatch done = new CountDownLatch(writers);
            for (int writer = 0; writer < writers; writer++) {
                String aggregate = "w" + writer;
                pool.execute(() -> {
                    try {
                        for (long sequence = 0; sequence < commitsEach; sequence++) {
                            engine.appendEvents(MongoEventStorageEngineTest.event(aggregate, sequence,
                                    aggregate + ":" + sequence));
                        }
                    } catch (Throwable e) {
                        errors.add(e);
                    } finally {
                        done.countDown();
                    }
                });
            }
            assertThat(done.await(120, TimeUnit.SECONDS)).isTrue();
            pool.shutdown();

            assertThat(errors).isEmpty();
            List<? extends TrackedEventMessage<?>> stream = engine.readEvents(null, false).toList();
            assertThat(stream).hasSize(writers * commitsEach);
            List<Long> positions = stream.stream().map(e -> e.trackingToken().position().orElseThrow()).toList();
            assertThat(positions).isSorted().doesNotHaveDuplicates();
            List<Long> commits = positions.stream().map(MongoEventStorageEngine::commitOf).toList();
            for (int i = 0; i < commits.size(); i++) {
                assertThat(commits.get(i)).isEqualTo(i + 1L);
            }
        }
    }
}
