package nl.trajectorytracker.infra.mongo;

import static com.mongodb.client.model.Filters.eq;
import static com.mongodb.client.model.Filters.in;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.mongodb.MongoBulkWriteException;
import com.mongodb.MongoNamespace;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.FindOneAndReplaceOptions;
import com.mongodb.client.model.FindOneAndUpdateOptions;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.InsertManyOptions;
import com.mongodb.client.model.RenameCollectionOptions;
import com.mongodb.client.model.ReplaceOptions;
import com.mongodb.client.model.ReturnDocument;
import com.mongodb.client.model.UpdateOptions;
import com.mongodb.client.model.Updates;

/**
 * Every write the embedded server acknowledged survives a crash of the process, whoever wrote it and whatever kind of
 * write it was, and comes back exactly once: the data file as it was last committed, and the journal's commands after
 * it applied again in their order. A crash here is {@link EmbeddedMongo#abandon}: nothing committed on the way out.
 * (CrashRecoveryTest kills a whole process.)
 */
class EmbeddedDurabilityTest {

    @TempDir
    Path data;

    @Test
    void everyKindOfWrite_comesBackAsItWasAcknowledged_afterACrash() {
        Map<String, List<Document>> before = crashAfter(this::everyKindOfWrite);
        assertThat(contents()).isEqualTo(before);
    }

    @Test
    void writesOnBothSidesOfACheckpoint_comeBackOnceEach() {
        Map<String, List<Document>> before = crashAfter(database -> {
            var counters = database.getCollection("counters");
            for (int i = 0; i < 50; i++) {
                counters.updateOne(eq("_id", "steps"), Updates.inc("n", 1), new UpdateOptions().upsert(true));
                if (i == 20) {
                    embedded.checkpoint();
                }
            }
            database.getCollection("keys").insertOne(new Document("_id", "k-1").append("key", "secret"));
            embedded.checkpoint();
            // erased after the checkpoint that holds it: a restart must not bring it back
            database.getCollection("keys").deleteOne(eq("_id", "k-1"));
        });
        assertThat(contents()).isEqualTo(before);
        assertThat(before.get("counters")).containsExactly(new Document("_id", "steps").append("n", 50));
        assertThat(before.get("keys")).isEmpty();
    }

    @Test
    void aStopAfterACleanStopAndACrash_stillFindsTheWritesOfTheLastRun() {
        EmbeddedMongo first = EmbeddedMongo.start(data, 0);
        try (MongoClient client = MongoClients.create(first.connectionString("tracker"))) {
            client.getDatabase("tracker").getCollection("c").insertOne(new Document("_id", 1L));
            first.checkpoint();
        } finally {
            first.close();
        }
        // the clean stop deleted every journal file; the data file names the last generation it covers
        Map<String, List<Document>> before = crashAfter(database -> database.getCollection("c")
                .insertOne(new Document("_id", 2L)));
        assertThat(contents()).isEqualTo(before);
        assertThat(before.get("c")).hasSize(2);
    }

    @Test
    void anUpsertThatWouldLetTheServerChooseAnId_isCommittedBeforeItIsAcknowledged() {
        Map<String, List<Document>> before = crashAfter(database -> {
            database.getCollection("tokens").updateOne(eq("processor", "overview"), Updates.set("owner", "a"),
                    new UpdateOptions().upsert(true));
            database.getCollection("tokens").insertOne(new Document("processor", "research"));
        });
        assertThat(contents()).isEqualTo(before);
    }

    private EmbeddedMongo embedded;

    /** Runs {@code writes} against a started server, notes every collection's contents, and crashes it. */
    private Map<String, List<Document>> crashAfter(Consumer<MongoDatabase> writes) {
        embedded = EmbeddedMongo.start(data, 0, Duration.ofHours(1), false);
        try (MongoClient client = MongoClients.create(embedded.connectionString("tracker"))) {
            MongoDatabase database = client.getDatabase("tracker").withWriteConcern(MongoConfiguration.WRITE_CONCERN);
            writes.accept(database);
            return contents(database);
        } finally {
            embedded.abandon();
        }
    }

    private Map<String, List<Document>> contents() {
        EmbeddedMongo restarted = EmbeddedMongo.start(data, 0);
        try (MongoClient client = MongoClients.create(restarted.connectionString("tracker"))) {
            return contents(client.getDatabase("tracker"));
        } finally {
            restarted.close();
        }
    }

    private static Map<String, List<Document>> contents(MongoDatabase database) {
        Map<String, List<Document>> contents = new LinkedHashMap<>();
        for (String name : database.listCollectionNames().into(new ArrayList<>()).stream().sorted().toList()) {
            contents.put(name, database.getCollection(name).find().sort(new Document("_id", 1))
                    .into(new ArrayList<>()));
            contents.put(name + " indexes", database.getCollection(name).listIndexes()
                    .map(index -> new Document("name", index.get("name")).append("unique", index.get("unique"))
                            .append("sparse", index.get("sparse")))
                    .into(new ArrayList<>()).stream().sorted((a, b) -> a.getString("name")
                            .compareTo(b.getString("name"))).toList());
        }
        return contents;
    }

    private void everyKindOfWrite(MongoDatabase database) {
        var commits = database.getCollection("event_commits");
        commits.createIndex(Indexes.ascending("key"), new IndexOptions().unique(true).name("key"));
        commits.createIndex(Indexes.ascending("idem"), new IndexOptions().unique(true).sparse(true).name("idem"));
        for (long i = 1; i <= 30; i++) {
            commits.insertOne(new Document("_id", i).append("key", "t#" + i).append("n", i));
        }
        commits.insertOne(new Document("_id", 31L).append("key", "t#31").append("idem", "k-31"));
        assertThatThrownBy(() -> commits.insertMany(List.of(new Document("_id", 40L).append("key", "t#40"),
                new Document("_id", 41L).append("key", "t#1"), new Document("_id", 42L).append("key", "t#42"))))
                .isInstanceOf(MongoBulkWriteException.class);
        assertThatThrownBy(() -> commits.insertMany(List.of(new Document("_id", 50L).append("key", "t#50"),
                new Document("_id", 51L).append("key", "t#2"), new Document("_id", 52L).append("key", "t#52")),
                new InsertManyOptions().ordered(false))).isInstanceOf(MongoBulkWriteException.class);
        commits.updateOne(eq("_id", 3L), Updates.combine(Updates.set("changed", true), Updates.inc("n", 10),
                Updates.push("tags", "a")));
        commits.updateMany(in("_id", List.of(4L, 5L, 6L)), Updates.set("batch", "x"));
        commits.deleteOne(eq("_id", 7L));
        commits.deleteMany(in("_id", List.of(8L, 9L)));

        var overview = database.getCollection("trajectory_overview");
        overview.insertOne(new Document("title", "an id the server would have chosen"));
        overview.replaceOne(eq("_id", "t-1"), new Document("title", "upserted"), new ReplaceOptions().upsert(true));
        overview.replaceOne(eq("_id", "t-1"), new Document("title", "replaced"));
        overview.findOneAndUpdate(eq("_id", "t-2"), Updates.set("title", "found and upserted"),
                new FindOneAndUpdateOptions().upsert(true).returnDocument(ReturnDocument.AFTER));
        overview.findOneAndReplace(eq("_id", "t-2"), new Document("title", "found and replaced"),
                new FindOneAndReplaceOptions().upsert(true));

        var scratch = database.getCollection("trajectory_overview_rebuild");
        scratch.createIndex(Indexes.ascending("slug"), new IndexOptions().unique(true).name("slug"));
        scratch.insertOne(new Document("_id", "t-9").append("slug", "nine").append("title", "rebuilt"));
        scratch.renameCollection(new MongoNamespace("tracker", "trajectory_overview"),
                new RenameCollectionOptions().dropTarget(true));
        database.getCollection("trajectory_overview").insertOne(new Document("_id", "t-10").append("slug", "ten"));

        database.getCollection("dropped").insertOne(new Document("_id", 1L));
        database.getCollection("dropped").drop();
        database.getCollection("dropped").drop();
        commits.dropIndex("idem");
    }
}
