package nl.trajectorytracker.infra.mongo;

import static com.mongodb.client.model.Filters.eq;
import static com.mongodb.client.model.Filters.in;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.bson.Document;
import org.bson.types.Binary;
import org.bson.types.Decimal128;
import org.h2.mvstore.MVStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoWriteException;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoDatabase;

/**
 * A data directory the previous version left after a crash (its documents stored as BSON, its indexes ordered by
 * value, five acknowledged inserts in its journal only; written by that version, see
 * {@code src/test/resources/legacy-data-file}) opens: converted once at start, nothing lost, its indexes still
 * refuse duplicates, and the next start finds it converted.
 */
class LegacyDataFileTest {

    @TempDir
    Path data;

    @Test
    void aDataFileOfThePreviousVersion_isConvertedOnce_andHoldsEverythingItAcknowledged() throws IOException {
        for (String name : List.of("tracker.mv.db", "journal-2.bson")) {
            try (InputStream fixture = getClass().getResourceAsStream("/legacy-data-file/" + name)) {
                Files.copy(fixture, data.resolve(name));
            }
        }
        for (int start = 0; start < 2; start++) {
            EmbeddedMongo embedded = EmbeddedMongo.start(data, 0);
            try (MongoClient client = MongoClients.create(embedded.connectionString("tracker"))) {
                MongoDatabase database = client.getDatabase("tracker");
                var commits = database.getCollection("event_commits");
                assertThat(commits.countDocuments()).as("50 committed, 5 from the journal").isEqualTo(55);
                assertThat(commits.find(eq("_id", 53L)).first().getString("idem")).isEqualTo("key-53");
                assertThat(commits.find(eq("key", "t-2#12")).first().getLong("_id")).isEqualTo(12L);
                assertThat(commits.find(in("key", List.of("t-1#1", "t-3#53", "nope")))
                        .map(document -> document.get("_id")).into(new ArrayList<>()))
                        .containsExactlyInAnyOrder(1L, 53L);
                assertThat(commits.find(eq("idem", "key-20")).first().getLong("_id")).isEqualTo(20L);
                assertDuplicate(() -> commits.insertOne(new Document("_id", 100L).append("key", "t-2#12")));
                assertDuplicate(() -> commits.insertOne(new Document("_id", 101L).append("key", "new#1")
                        .append("idem", "key-10")));
                assertDuplicate(() -> commits.insertOne(new Document("_id", 7L).append("key", "new#2")));

                var overview = database.getCollection("trajectory_overview");
                assertThat(overview.countDocuments()).isEqualTo(19);
                assertThat(overview.find(eq("_id", "trajectory-3")).first().getString("title")).isEqualTo("Renamed");
                assertThat(overview.find(eq("_id", "trajectory-4")).first()).isNull();
                Document six = overview.find(eq("_id", "trajectory-6")).first();
                assertThat(six.get("decimal")).isEqualTo(new Decimal128(new java.math.BigDecimal("1.50")));
                assertThat(six.containsKey("nothing")).isTrue();
                assertThat(six.getList("parties", Document.class).get(0).getString("organisationName"))
                        .isEqualTo("Zilveren Kruis");
                assertThat(database.getCollection("personal_data_keys").find(eq("_id", "k-1")).first()
                        .get("key", Binary.class).getData()).containsExactly(1, 2, 3, 4);
            } finally {
                embedded.close();
            }
        }
        MVStore store = new MVStore.Builder().fileName(data.resolve("tracker.mv.db").toString()).readOnly().open();
        try {
            assertThat(store.getMapNames()).noneMatch(name -> name.endsWith("._documents"))
                    .contains("databases.tracker.event_commits", "tracker.event_commits._ordered_index_key");
        } finally {
            store.close();
        }
        assertThat(Files.list(data).map(path -> path.getFileName().toString()))
                .noneMatch(name -> name.equals("journal-2.bson"));
    }

    private static void assertDuplicate(Runnable write) {
        assertThatThrownBy(write::run).isInstanceOfSatisfying(MongoWriteException.class,
                e -> assertThat(e.getError().getCategory()).isEqualTo(ErrorCategory.DUPLICATE_KEY));
    }
}
