package nl.trajectorytracker.infra.eventstore;


import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * Measures the append rate of the storage engine on the in-memory server: single-event commits on a number of
 * aggregates, written by one thread. Run with {@code -Dtracker.benchmark=true -Dtest=AppendRateBenchmark}.
 */
@EnabledIfSystemProperty(named = "tracker.benchmark", matches = "true")
class AppendRateBenchmark {

    private static final int AGGREGATES = 20;
    private static final int EVENTS_EACH = 150;

    @Test
    void appendRate() {
        for (int round = 0; round < 6; round++) {
            try (InMemoryMongo mongo = new InMemoryMongo()) {
                MongoEventStorageEngine engine = mongo.engine();
                long started = System.nanoTime();
                for (int sequence = 0; sequence < EVENTS_EACH; sequence++) {
                    for (int aggregate = 0; aggregate < AGGREGATES; aggregate++) {
                        engine.appendEvents(MongoEventStorageEngineTest.event("agg-" + aggregate, sequence,
                                "payload of event " + sequence + " with some realistic length to hash and store"));
                    }
                }
                long warm = System.nanoTime() - started;
                // a second engine on the same store starts without a cache: its first append per aggregate misses
                MongoEventStorageEngine cold = mongo.engine();
                started = System.nanoTime();
                for (int aggregate = 0; aggregate < AGGREGATES; aggregate++) {
                    cold.appendEvents(MongoEventStorageEngineTest.event("agg-" + aggregate, EVENTS_EACH, "one more"));
                }
                long coldNanos = System.nanoTime() - started;
                int events = AGGREGATES * EVENTS_EACH;
                System.out.printf("BENCHMARK round %d: %d appends in %d ms = %.0f commits/s; %d cold appends "
                        + "(cache miss) %.2f ms each%n", round, events, warm / 1_000_000,
                        events / (warm / 1e9), AGGREGATES, coldNanos / 1e6 / AGGREGATES);
            }
        }
    }
}
