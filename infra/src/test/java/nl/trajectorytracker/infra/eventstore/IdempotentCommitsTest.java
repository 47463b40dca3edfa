package nl.trajectorytracker.infra.eventstore;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.messaging.MetaData;
import org.axonframework.modelling.command.AggregateStreamCreationException;
import org.axonframework.modelling.command.ConcurrencyException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import nl.trajectorytracker.command.rest.IdempotencyStore;

/**
 * A commit caused by a request with an {@code Idempotency-Key} names the key, under a unique index: a second commit
 * with the same key is refused whatever aggregate or position it has, and the first is found by the key.
 */
class IdempotentCommitsTest {

    private final InMemoryMongo mongo = new InMemoryMongo();
    private final MongoEventStorageEngine engine = mongo.engine();

    @AfterEach
    void close() {
        mongo.close();
    }

    private static DomainEventMessage<String> keyed(String aggregate, long sequence, String key) {
        return new GenericDomainEventMessage<>("Trajectory", aggregate, sequence, "step",
                MetaData.with(MongoEventStorageEngine.IDEMPOTENCY_KEY, key)
                        .and(MongoEventStorageEngine.IDEMPOTENCY_FINGERPRINT, "fingerprint-of-" + key));
    }

    @Test
    void theEventStore_readsTheKeyFromTheMetadataTheCommandAdapterWrites() {
        assertThat(MongoEventStorageEngine.IDEMPOTENCY_KEY).isEqualTo(IdempotencyStore.KEY_METADATA);
        assertThat(MongoEventStorageEngine.IDEMPOTENCY_FINGERPRINT).isEqualTo(IdempotencyStore.FINGERPRINT_METADATA);
    }

    @Test
    void aKeyCausesOneCommitAtMost_andItsCommitIsFoundByTheKey() {
        engine.appendEvents(keyed("a", 0, "key-1"), keyed("a", 1, "key-1"));
        engine.appendEvents(MongoEventStorageEngineTest.event("a", 2, "unkeyed"));
        engine.appendEvents(MongoEventStorageEngineTest.event("b", 0, "unkeyed too"));

        assertThatThrownBy(() -> engine.appendEvents(keyed("c", 0, "key-1")))
                .isInstanceOf(AggregateStreamCreationException.class);
        assertThatThrownBy(() -> engine.appendEvents(keyed("a", 3, "key-1")))
                .isInstanceOf(ConcurrencyException.class);

        assertThat(engine.readEvents("c").asStream()).isEmpty();
        assertThat(engine.readEvents("a").asStream().count()).isEqualTo(3);
        assertThat(engine.commitOfIdempotencyKey("key-1")).hasValueSatisfying(commit -> {
            assertThat(commit.getString("agg")).isEqualTo("a");
            assertThat(commit.getLong("first")).isZero();
            assertThat(commit.getLong("last")).isEqualTo(1);
            assertThat(commit.getString("idemFp")).isEqualTo("fingerprint-of-key-1");
        });
        assertThat(engine.commitOfIdempotencyKey("key-2")).isEmpty();
        engine.appendEvents(keyed("c", 0, "key-2"));
        assertThat(engine.commitOfIdempotencyKey("key-2")).isPresent();
    }
}
