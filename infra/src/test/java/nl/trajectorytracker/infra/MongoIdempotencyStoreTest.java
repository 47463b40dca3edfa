package nl.trajectorytracker.infra;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.UUID;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import nl.trajectorytracker.command.rest.IdempotencyStore;

/** The idempotency store on the embedded MongoDB: one claim wins, and its outcome is what repeats get. */
class MongoIdempotencyStoreTest {

    @TempDir
    static Path data;

    private static RunningTracker tracker;
    private static IdempotencyStore store;

    @BeforeAll
    static void start() {
        tracker = RunningTracker.start(data);
        store = tracker.bean(IdempotencyStore.class);
    }

    @AfterAll
    static void stop() {
        tracker.close();
    }

    @Test
    void theFirstClaimWins_andLaterClaimsSeeItInProgressThenCompleted() {
        String key = UUID.randomUUID().toString();
        IdempotencyStore.Request request = new IdempotencyStore.Request("POST /api/x", "fingerprint-x");
        IdempotencyStore.Outcome outcome = new IdempotencyStore.Outcome("POST /api/x", "fingerprint-x", 200, "t-1", 4,
                null);

        assertThat(store.claim("anna", key, request)).isInstanceOf(IdempotencyStore.Granted.class);
        assertThat(store.claim("anna", key, request))
                .isEqualTo(new IdempotencyStore.InProgress("POST /api/x", "fingerprint-x"));
        store.complete("anna", key, outcome);
        assertThat(store.claim("anna", key, request)).isEqualTo(new IdempotencyStore.Completed(outcome));
    }

    @Test
    void keysArePerPrincipal_andAReleasedKeyCanBeClaimedAgain() {
        String key = UUID.randomUUID().toString();
        IdempotencyStore.Request request = new IdempotencyStore.Request("POST /api/x", "fingerprint-x");

        assertThat(store.claim("anna", key, request)).isInstanceOf(IdempotencyStore.Granted.class);
        assertThat(store.claim("pieter", key, request)).isInstanceOf(IdempotencyStore.Granted.class);
        store.release("anna", key);
        assertThat(store.claim("anna", key, new IdempotencyStore.Request("POST /api/y", "fingerprint-y")))
                .isInstanceOf(IdempotencyStore.Granted.class);
    }

    @Test
    void anOutcomeStoredBeforeFingerprints_matchesOnMethodAndPath() {
        IdempotencyStore.Request request = new IdempotencyStore.Request("POST /api/x", "fingerprint-x");

        assertThat(request.sameAs("POST /api/x", null)).isTrue();
        assertThat(request.sameAs("POST /api/y", null)).isFalse();
        assertThat(request.sameAs(null, "fingerprint-x")).isTrue();
        assertThat(request.sameAs("POST /api/x", "fingerprint-other")).isFalse();
    }

    @Test
    void aKeyThatCausedNoCommit_hasNoCommittedOutcome() {
        assertThat(store.committed(IdempotencyStore.keyId("anna", UUID.randomUUID().toString()))).isEmpty();
    }
}
