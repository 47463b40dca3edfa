package nl.trajectorytracker.infra.security.erasure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;

import nl.trajectorytracker.api.values.PersonalData;
import nl.trajectorytracker.infra.RunningTracker;
import nl.trajectorytracker.infra.mongo.PlainStore;
import nl.trajectorytracker.infra.projections.RebuildStarting;

/**
 * An erasure on one instance takes effect on every instance sharing the database: another instance stops opening
 * the person's data once the time it trusts a key read is over, at once when a rebuild starts, and what it seals for
 * the same name right after gets a new key.
 */
class ErasureAcrossInstancesTest {

    @TempDir
    Path data;

    @Test
    void anotherInstance_readsTheErasedPersonAsErased_withinTheTimeItTrustsAKey() {
        try (PlainStore store = PlainStore.start(data)) {
            PersonalDataVault erasing = new PersonalDataVault(store.database(), Clock.systemUTC());
            PersonalDataVault other = new PersonalDataVault(store.database(), Clock.systemUTC(),
                    Duration.ofMillis(300));
            PersonalDataVault.Sealed sealed = erasing.seal("Jan de Vries", "Jan de Vries");
            assertThat(other.open(sealed)).isEqualTo("Jan de Vries");

            assertThat(erasing.erase("Jan de Vries")).isTrue();

            assertThat(erasing.open(sealed)).isEqualTo(PersonalData.ERASED);
            await().atMost(Duration.ofSeconds(5)).until(() -> other.open(sealed).equals(PersonalData.ERASED));
        }
    }

    @Test
    void aRebuildStarting_readsEveryKeyAnew() {
        try (PlainStore store = PlainStore.start(data)) {
            PersonalDataVault erasing = new PersonalDataVault(store.database(), Clock.systemUTC());
            PersonalDataVault other = new PersonalDataVault(store.database(), Clock.systemUTC(), Duration.ofHours(1));
            PersonalDataVault.Sealed sealed = erasing.seal("Jan de Vries", "Jan de Vries");
            assertThat(other.open(sealed)).isEqualTo("Jan de Vries");
            erasing.erase("Jan de Vries");

            other.forgetCachedKeys(new RebuildStarting(List.of("decision-history")));

            assertThat(other.open(sealed)).isEqualTo(PersonalData.ERASED);
        }
    }

    @Test
    void whatAnotherInstanceSealsForTheSameNameRightAfter_getsANewKey_alsoAfterAnErasureStoppedHalfway() {
        try (PlainStore store = PlainStore.start(data)) {
            PersonalDataVault erasing = new PersonalDataVault(store.database(), Clock.systemUTC());
            PersonalDataVault other = new PersonalDataVault(store.database(), Clock.systemUTC(), Duration.ofHours(1));
            PersonalDataVault.Sealed before = other.seal("Jan de Vries", "Jan de Vries");
            erasing.erase("Jan de Vries");

            // at once, although the other instance still trusts the erased key it read
            PersonalDataVault.Sealed after = other.seal("Jan de Vries", "Jan de Vries, again");
            assertThat(after.keyId()).isNotEqualTo(before.keyId());
            assertThat(erasing.open(after)).isEqualTo("Jan de Vries, again");
            assertThat(other.open(after)).isEqualTo("Jan de Vries, again");
            assertThat(erasing.open(before)).isEqualTo(PersonalData.ERASED);

            // an erasure stopped after deleting the key, before the person's key id
            store.database().getCollection(PersonalDataVault.KEYS).deleteOne(Filters.eq("_id", after.keyId()));
            PersonalDataVault fresh = new PersonalDataVault(store.database(), Clock.systemUTC());
            PersonalDataVault.Sealed third = fresh.seal("Jan de Vries", "Jan de Vries, a third time");
            assertThat(third.keyId()).isNotIn(before.keyId(), after.keyId());
            assertThat(erasing.open(third)).isEqualTo("Jan de Vries, a third time");
        }
    }

    @Test
    void aRebuildOfTheService_forgetsTheKeysItHeld() {
        try (RunningTracker tracker = RunningTracker.start(data, "tracker.personal-data.key-cache-ttl=1h")) {
            PersonalDataVault vault = tracker.bean(PersonalDataVault.class);
            PersonalDataVault.Sealed sealed = vault.seal("Jan de Vries", "Jan de Vries");
            assertThat(vault.open(sealed)).isEqualTo("Jan de Vries");
            // as an erasure on another instance does
            tracker.bean(MongoDatabase.class).getCollection(PersonalDataVault.KEYS)
                    .deleteOne(Filters.eq("_id", sealed.keyId()));

            assertThat(tracker.asAdmin().post("/api/admin/projections/monitoring/rebuild", "{}").status())
                    .isEqualTo(202);

            await().atMost(Duration.ofSeconds(5)).until(() -> vault.open(sealed).equals(PersonalData.ERASED));
        }
    }
}
