package nl.trajectorytracker.infra.mongo;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;

import org.axonframework.serialization.json.JacksonSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;

import nl.trajectorytracker.command.rest.IdempotencyStore;
import nl.trajectorytracker.infra.eventstore.MongoEventStorageEngine;
import nl.trajectorytracker.infra.idempotency.MongoIdempotencyStore;

/**
 * On the embedded default an idempotent request's claim and outcome are journaled like an event commit, before the
 * store's next commit: a retry after a crash finds the outcome instead of running the command again.
 */
class JournaledIdempotencyOutcomesTest {

    @TempDir
    Path data;

    @Test
    void aClaimAndItsOutcome_areInTheJournal_beforeTheStoreIsCommitted() {
        EmbeddedMongo embedded = EmbeddedMongo.start(data, 0, Duration.ofHours(1), false);
        try (MongoClient client = MongoClients.create(embedded.connectionString("tracker"))) {
            MongoEventStorageEngine commits = MongoEventStorageEngine.builder()
                    .database(client.getDatabase("tracker"))
                    .eventSerializer(JacksonSerializer.defaultSerializer())
                    .snapshotSerializer(JacksonSerializer.defaultSerializer())
                    .build();
            IdempotencyStore store = new MongoIdempotencyStore(client.getDatabase("tracker"), Clock.systemUTC(),
                    embedded.durabilityBarrier(), commits);
            IdempotencyStore.Request request = new IdempotencyStore.Request("POST /api/trajectories/t-1/notes",
                    "fingerprint-1");
            IdempotencyStore.Outcome outcome = new IdempotencyStore.Outcome(request.line(), request.fingerprint(),
                    200, "t-1", 7, null);

            assertThat(store.claim("anna", "key-1", request)).isInstanceOf(IdempotencyStore.Granted.class);
            store.complete("anna", "key-1", outcome);

            assertThat(store.claim("anna", "key-1", request)).isEqualTo(new IdempotencyStore.Completed(outcome));
            // read while the service runs, before any commit of the store: what a crash now would leave
            try (InsertJournal journal = new InsertJournal(data, false)) {
                assertThat(journal.entries()).extracting(InsertJournal.Entry::collection)
                        .containsExactly("idempotency_keys", "idempotency_outcomes");
                assertThat(journal.entries().get(1).document().getInteger("status")).isEqualTo(200);
                assertThat(journal.entries().get(1).document().getLong("version")).isEqualTo(7L);
            }
        } finally {
            embedded.close();
        }
    }
}
