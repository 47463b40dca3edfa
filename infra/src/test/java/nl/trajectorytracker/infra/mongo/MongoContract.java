package nl.trajectorytracker.infra.mongo;

import static com.mongodb.client.model.Filters.and;
import static com.mongodb.client.model.Filters.eq;
import static com.mongodb.client.model.Filters.in;
import static com.mongodb.client.model.Filters.lt;
import static com.mongodb.client.model.Filters.or;
import static com.mongodb.client.model.Filters.regex;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

import org.bson.BsonBinarySubType;
import org.bson.Document;
import org.bson.conversions.Bson;
import org.bson.types.Binary;
import org.bson.types.Decimal128;
import org.bson.types.ObjectId;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoBulkWriteException;
import com.mongodb.MongoException;
import com.mongodb.MongoNamespace;
import com.mongodb.MongoWriteException;
import com.mongodb.ReadConcern;
import com.mongodb.WriteConcern;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.FindOneAndUpdateOptions;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.InsertManyOptions;
import com.mongodb.client.model.RenameCollectionOptions;
import com.mongodb.client.model.ReplaceOptions;
import com.mongodb.client.model.ReturnDocument;
import com.mongodb.client.model.Sorts;
import com.mongodb.client.model.Updates;

import nl.trajectorytracker.infra.web.ProblemDetailsAdvice;

/**
 * The MongoDB behaviour the application relies on, as a suite that runs against the embedded server
 * ({@link EmbeddedMongoContractTest}) and against a real MongoDB replica set when {@code MONGODB_URI} names one
 * ({@link RealMongoContractTest}, skipped otherwise): what holds on one holds on the other. Each test works in a
 * database of its own, dropped afterwards.
 */
abstract class MongoContract {

    /** A client of the MongoDB under test, with the application's write concern. */
    abstract MongoClient client();

    private MongoDatabase database;

    @BeforeEach
    void freshDatabase() {
        database = client().getDatabase("contract_" + UUID.randomUUID().toString().substring(0, 8))
                .withWriteConcern(MongoConfiguration.WRITE_CONCERN);
    }

    @AfterEach
    void dropDatabase() {
        database.drop();
    }

    private MongoCollection<Document> collection(String name) {
        return database.getCollection(name);
    }

    @Test
    void aUniqueIndex_refusesADuplicateKey_byInsertUpdateOrReplace_andCannotBeBuiltOverDuplicates() {
        MongoCollection<Document> commits = collection("event_commits");
        commits.createIndex(Indexes.ascending("key"), new IndexOptions().unique(true).name("key"));
        commits.insertOne(new Document("_id", 1L).append("key", "a#0"));
        commits.insertOne(new Document("_id", 2L).append("key", "b#0"));

        assertDuplicate(() -> commits.insertOne(new Document("_id", 3L).append("key", "a#0")));
        assertDuplicate(() -> commits.insertOne(new Document("_id", 1L).append("key", "c#0")));
        assertDuplicate(() -> commits.updateOne(eq("_id", 2L), Updates.set("key", "a#0")));
        assertDuplicate(() -> commits.replaceOne(eq("_id", 2L), new Document("key", "a#0")));
        commits.updateOne(eq("_id", 2L), Updates.set("key", "d#0"));
        // the refused writes left no key behind, and the changed key freed the old one
        commits.insertOne(new Document("_id", 3L).append("key", "b#0"));
        assertThat(commits.find(eq("key", "d#0")).first().getLong("_id")).isEqualTo(2L);
        assertThat(commits.countDocuments()).isEqualTo(3);

        MongoCollection<Document> twins = collection("twins");
        twins.insertOne(new Document("_id", 1L).append("twin", "x"));
        twins.insertOne(new Document("_id", 2L).append("twin", "x"));
        assertThatThrownBy(() -> twins.createIndex(Indexes.ascending("twin"), new IndexOptions().unique(true)))
                .isInstanceOf(MongoException.class);
    }

    @Test
    void aSparseUniqueIndex_letsDocumentsWithoutTheKeyBe_andRefusesADuplicateKey() {
        MongoCollection<Document> commits = collection("event_commits");
        commits.createIndex(Indexes.ascending("idem"), new IndexOptions().unique(true).sparse(true).name("idem"));
        commits.insertOne(new Document("_id", 1L));
        commits.insertOne(new Document("_id", 2L));
        commits.insertOne(new Document("_id", 3L).append("idem", "k-1"));
        assertDuplicate(() -> commits.insertOne(new Document("_id", 4L).append("idem", "k-1")));
        assertThat(commits.find(eq("idem", "k-1")).first().getLong("_id")).isEqualTo(3L);
        assertThat(commits.countDocuments()).isEqualTo(3);
    }

    @Test
    void inOnTheId_findsExactlyTheListedIds_whateverTheirNumberTypes() {
        MongoCollection<Document> commits = collection("event_commits");
        for (long i = 1; i <= 300; i++) {
            commits.insertOne(new Document("_id", i));
        }
        commits.insertOne(new Document("_id", "a"));
        commits.insertOne(new Document("_id", 1000));
        List<Long> window = new ArrayList<>();
        for (long i = 250; i < 550; i++) {
            window.add(i);
        }
        assertThat(ids(commits, in("_id", window))).hasSize(51).contains(250L, 300L);
        assertThat(ids(commits, in("_id", List.of(1000L, 7L)))).containsExactlyInAnyOrder(1000, 7L);
        assertThat(ids(commits, in("_id", List.of(7, 8.0)))).containsExactlyInAnyOrder(7L, 8L);
        assertThat(ids(commits, in("_id", List.of("a", 9L)))).containsExactlyInAnyOrder("a", 9L);
        assertThat(ids(commits, in("_id", List.of("a", "b")))).containsExactly("a");
        assertThat(ids(commits, in("_id", List.of(5L, 5L)))).containsExactly(5L);
        commits.updateMany(in("_id", List.of(2L, 3L, 999L)), Updates.set("x", 1));
        assertThat(ids(commits, eq("x", 1))).containsExactlyInAnyOrder(2L, 3L);
        commits.deleteMany(in("_id", List.of(2L, 3L)));
        assertThat(commits.countDocuments()).isEqualTo(300);
    }

    @Test
    void inOnAUniqueKey_findsExactlyTheListedKeys() {
        MongoCollection<Document> commits = collection("event_commits");
        commits.createIndex(Indexes.ascending("key"), new IndexOptions().unique(true).name("key"));
        for (long i = 1; i <= 200; i++) {
            commits.insertOne(new Document("_id", i).append("key", "t-" + (i % 7) + "#" + i));
        }
        assertThat(ids(commits, in("key", List.of("t-3#3", "t-4#4", "nope")))).containsExactlyInAnyOrder(3L, 4L);
        assertThat(commits.find(eq("key", "t-1#148")).first().getLong("_id")).isEqualTo(148L);
    }

    @Test
    void anOrderedBulkInsert_stopsAtTheFirstDuplicate_anUnorderedOneInsertsAllOthers() {
        MongoCollection<Document> commits = collection("event_commits");
        commits.createIndex(Indexes.ascending("key"), new IndexOptions().unique(true).name("key"));
        commits.insertOne(new Document("_id", 1L).append("key", "taken"));

        assertThatThrownBy(() -> commits.insertMany(List.of(new Document("_id", 10L).append("key", "a"),
                new Document("_id", 11L).append("key", "taken"), new Document("_id", 12L).append("key", "c"))))
                .isInstanceOfSatisfying(MongoBulkWriteException.class, e -> {
                    assertThat(e.getWriteErrors()).singleElement().satisfies(error -> {
                        assertThat(error.getIndex()).isEqualTo(1);
                        assertThat(error.getCategory()).isEqualTo(ErrorCategory.DUPLICATE_KEY);
                    });
                    // the count of inserted documents differs (the embedded server counts every document sent);
                    // the application reads which writes were refused, never the count
                });
        assertThat(ids(commits, new Document())).containsExactlyInAnyOrder(1L, 10L);

        assertThatThrownBy(() -> commits.insertMany(List.of(new Document("_id", 20L).append("key", "taken"),
                new Document("_id", 21L).append("key", "e"), new Document("_id", 10L).append("key", "f"),
                new Document("_id", 22L).append("key", "g")), new InsertManyOptions().ordered(false)))
                .isInstanceOfSatisfying(MongoBulkWriteException.class, e -> {
                    assertThat(e.getWriteErrors()).extracting(error -> error.getIndex()).containsExactly(0, 2);
                });
        assertThat(ids(commits, new Document())).containsExactlyInAnyOrder(1L, 10L, 21L, 22L);
    }

    @Test
    void aJournaledMajorityWrite_isAcknowledged_andAWriteConcernTheServerCannotMeet_isAnErrorOf503() {
        MongoCollection<Document> commits = collection("event_commits");
        commits.withWriteConcern(WriteConcern.MAJORITY.withJournal(true)).insertOne(new Document("_id", 1L));
        assertThat(commits.withReadConcern(ReadConcern.MAJORITY).find(eq("_id", 1L)).first()).isNotNull();

        MongoCollection<Document> tooMany = commits.withWriteConcern(new WriteConcern(50)
                .withWTimeout(200, TimeUnit.MILLISECONDS));
        assertThatThrownBy(() -> tooMany.insertOne(new Document("_id", 2L)))
                .isInstanceOfSatisfying(MongoException.class, e -> assertThat(new ProblemDetailsAdvice()
                        .unexpected(e).getStatusCode().value()).isEqualTo(503));
        MongoCollection<Document> unknownMode = commits.withWriteConcern(new WriteConcern("no-such-mode"));
        assertThatThrownBy(() -> unknownMode.insertOne(new Document("_id", 3L)))
                .isInstanceOfSatisfying(MongoException.class, e -> assertThat(e.getCode()).isEqualTo(79));
    }

    @Test
    void sortsTheApplicationAsksFor_withSkipAndLimit() {
        MongoCollection<Document> overview = collection("trajectory_overview");
        for (int i = 0; i < 30; i++) {
            overview.insertOne(new Document("_id", String.format("t-%02d", i)).append("title", "Contract " + (i % 10))
                    .append("lastActivityAt", new Date(1_764_309_600_000L + (i % 7) * 1000L)).append("rank", 30 - i));
        }
        assertThat(overview.find().sort(Sorts.descending("_id")).limit(1).first().getString("_id")).isEqualTo("t-29");
        List<Object> page = overview.find().sort(Sorts.orderBy(Sorts.descending("lastActivityAt"),
                Sorts.ascending("_id"))).skip(3).limit(4).map(document -> document.get("_id")).into(new ArrayList<>());
        assertThat(page).containsExactly("t-27", "t-05", "t-12", "t-19");
        assertThat(overview.find().sort(Sorts.orderBy(Sorts.ascending("title"), Sorts.ascending("_id"))).limit(3)
                .map(document -> document.get("_id")).into(new ArrayList<>())).containsExactly("t-00", "t-10", "t-20");
        assertThat(overview.find().sort(Sorts.ascending("rank")).first().getString("_id")).isEqualTo("t-29");
    }

    @Test
    void counts_withAndWithoutAFilter() {
        MongoCollection<Document> overview = collection("trajectory_overview");
        for (int i = 0; i < 25; i++) {
            overview.insertOne(new Document("_id", "t-" + i).append("phase", i % 2 == 0 ? "NEGOTIATION" : "CO_DESIGN")
                    .append("parties", List.of(new Document("organisationName", i % 5 == 0 ? "VGZ" : "CZ"))));
        }
        assertThat(overview.countDocuments()).isEqualTo(25);
        assertThat(overview.estimatedDocumentCount()).isEqualTo(25);
        assertThat(overview.countDocuments(eq("phase", "NEGOTIATION"))).isEqualTo(13);
        assertThat(overview.countDocuments(eq("parties.organisationName", "VGZ"))).isEqualTo(5);
        assertThat(overview.countDocuments(and(eq("phase", "NEGOTIATION"), eq("parties.organisationName", "VGZ"))))
                .isEqualTo(3);
        assertThat(overview.find(regex("_id", Pattern.compile("^T-1", Pattern.CASE_INSENSITIVE)))
                .into(new ArrayList<>())).hasSize(11);
    }

    @Test
    void replaceOneWithUpsert_insertsWhatIsMissing_andReplacesWhatIsThere() {
        MongoCollection<Document> snapshots = collection("event_snapshots");
        var inserted = snapshots.replaceOne(eq("_id", "t-1"), new Document("sequence", 100L),
                new ReplaceOptions().upsert(true));
        var replaced = snapshots.replaceOne(eq("_id", "t-1"), new Document("sequence", 200L),
                new ReplaceOptions().upsert(true));
        var unchanged = snapshots.replaceOne(eq("_id", "t-1"), new Document("sequence", 200L),
                new ReplaceOptions().upsert(true));
        assertThat(inserted.getUpsertedId()).isNotNull();
        assertThat(inserted.getUpsertedId().asString().getValue()).isEqualTo("t-1");
        assertThat(replaced.getMatchedCount()).isEqualTo(1);
        assertThat(replaced.getModifiedCount()).isEqualTo(1);
        assertThat(unchanged.getModifiedCount()).isZero();
        assertThat(snapshots.find().into(new ArrayList<>()))
                .containsExactly(new Document("_id", "t-1").append("sequence", 200L));
    }

    @Test
    void findOneAndUpdate_claimsOnlyWhatItsConditionAllows() {
        MongoCollection<Document> tokens = collection("tracking_tokens");
        tokens.insertOne(new Document("_id", "overview/0").append("owner", null).append("ts", 0L));
        Bson claimable = and(eq("_id", "overview/0"), or(eq("owner", null), eq("owner", "me"), lt("ts", 1_000L)));
        Document claimed = tokens.findOneAndUpdate(claimable, Updates.combine(Updates.set("owner", "me"),
                Updates.set("ts", 5_000L)));
        assertThat(claimed.get("owner")).isNull();
        Document byOther = tokens.findOneAndUpdate(and(eq("_id", "overview/0"), or(eq("owner", null),
                eq("owner", "other"), lt("ts", 1_000L))), Updates.set("owner", "other"));
        assertThat(byOther).isNull();
        Document after = tokens.findOneAndUpdate(claimable, Updates.set("ts", 6_000L),
                new FindOneAndUpdateOptions().returnDocument(ReturnDocument.AFTER));
        assertThat(after.getLong("ts")).isEqualTo(6_000L);
    }

    @Test
    void anIncrementByFindOneAndUpdate_givesEveryConcurrentCallerANumberOfItsOwn() throws Exception {
        MongoCollection<Document> numbers = collection("numbers");
        int callers = 4;
        int each = 250;
        ExecutorService pool = Executors.newFixedThreadPool(callers);
        try {
            List<Future<List<Long>>> taken = new ArrayList<>();
            for (int c = 0; c < callers; c++) {
                taken.add(pool.submit(() -> {
                    List<Long> mine = new ArrayList<>();
                    for (int i = 0; i < each; i++) {
                        mine.add(numbers.findOneAndUpdate(eq("_id", "last"), Updates.inc("value", 1L),
                                new FindOneAndUpdateOptions().upsert(true).returnDocument(ReturnDocument.AFTER))
                                .getLong("value"));
                    }
                    return mine;
                }));
            }
            List<Long> all = new ArrayList<>();
            for (Future<List<Long>> future : taken) {
                all.addAll(future.get(2, TimeUnit.MINUTES));
            }
            assertThat(numbers.find(eq("_id", "last")).first().getLong("value")).isEqualTo(callers * each);
            assertThat(all).doesNotHaveDuplicates().hasSize(callers * each);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void aCollectionRenamedOverAnother_replacesItWithItsDocumentsAndIndexes_andDroppingAMissingOneIsNoError() {
        MongoCollection<Document> live = collection("trajectory_overview");
        live.insertOne(new Document("_id", "old"));
        MongoCollection<Document> side = collection("trajectory_overview_next");
        side.createIndex(Indexes.ascending("slug"), new IndexOptions().unique(true).name("slug"));
        side.insertOne(new Document("_id", "new").append("slug", "n"));
        side.renameCollection(new MongoNamespace(database.getName(), "trajectory_overview"),
                new RenameCollectionOptions().dropTarget(true));
        assertThat(ids(live, new Document())).containsExactly("new");
        assertDuplicate(() -> live.insertOne(new Document("_id", "other").append("slug", "n")));
        collection("never_created").drop();
        side.drop();
    }

    @Test
    void documentsOfEveryType_readBackAsTheyWereWritten() {
        Document stored = new Document("_id", 1L).append("text", "tëxt \u0000 with a nul").append("int", 7)
                .append("long", 7L).append("double", 2.5).append("flag", true).append("nothing", null)
                .append("date", new Date(1_764_309_600_123L)).append("id", new ObjectId())
                .append("uuid", new Binary(BsonBinarySubType.UUID_STANDARD, new byte[16]))
                .append("bytes", new Binary(new byte[] {1, 2}))
                .append("decimal", new Decimal128(new BigDecimal("12.340")))
                .append("list", List.of(1, "two", new Document("three", 3L), List.of()))
                .append("nested", new Document("a", new Document("b", List.of(new Document("c", "d")))));
        collection("c").insertOne(stored);
        assertThat(collection("c").find(eq("_id", 1L)).first()).isEqualTo(stored);
    }

    @Test
    void aQueryLargerThanTheLargestReply_isAnsweredInBatches() {
        MongoCollection<Document> blobs = collection("blobs");
        String megabyte = "x".repeat(1024 * 1024);
        for (long i = 1; i <= 60; i++) {
            blobs.insertOne(new Document("_id", i).append("blob", megabyte));
        }
        assertThat(ids(blobs, new Document())).hasSize(60).doesNotHaveDuplicates();
        assertThat(blobs.find().batchSize(1_000).map(document -> document.get("_id")).into(new ArrayList<>()))
                .hasSize(60).doesNotHaveDuplicates();
    }

    private static List<Object> ids(MongoCollection<Document> collection, Bson filter) {
        return collection.find(filter).map(document -> document.get("_id")).into(new ArrayList<>());
    }

    private static void assertDuplicate(Runnable write) {
        assertThatThrownBy(write::run).isInstanceOfSatisfying(MongoWriteException.class,
                e -> assertThat(e.getError().getCategory()).isEqualTo(ErrorCategory.DUPLICATE_KEY));
    }
}
