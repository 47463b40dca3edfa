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

    @Test
    void costOfOneLink() {
        nl.trajectorytracker.infra.audit.verification.ChainEvent event =
                new nl.trajectorytracker.infra.audit.verification.ChainEvent(1, 0, "3f1c2b8e-0000-4000-8000-000000000000",
                        "TrajectoryCommandModel", 42, "9a8b7c6d-0000-4000-8000-000000000000",
                        "2026-03-01T12:00:00.123456Z", "nl.trajectorytracker.api.events.BatnaRevised", "1",
                        "{\"batna\": \"" + "x".repeat(600) + "\"}", "{\"correlationId\": \"c\", \"traceId\": \"t\"}",
                        null, null);
        String prev = "0".repeat(64);
        for (int round = 0; round < 3; round++) {
            long started = System.nanoTime();
            for (int i = 0; i < 100_000; i++) {
                prev = event.expectedHash(prev);
            }
            System.out.printf("BENCHMARK link: %.1f microseconds per event (canonical form + SHA-256)%n",
                    (System.nanoTime() - started) / 1e3 / 100_000);
        }
    }
}
