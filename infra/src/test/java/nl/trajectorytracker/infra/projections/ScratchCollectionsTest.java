package nl.trajectorytracker.infra.projections;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;

import org.bson.Document;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.data.mongodb.core.MongoTemplate;

import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Updates;

import nl.trajectorytracker.infra.mongo.PlainStore;

/**
 * The scratch collections of rebuilds and consistency checks: each run writes under a prefix of its own, and what a
 * run that stopped halfway left behind is dropped when another begins, never what a working run writes.
 */
class ScratchCollectionsTest {

    @TempDir
    Path data;

    private PlainStore store;
    private MongoTemplate mongo;
    private ScratchCollections scratch;

    @BeforeEach
    void start() {
        store = PlainStore.start(data);
        mongo = new MongoTemplate(store.client(), "tracker");
        scratch = new ScratchCollections(mongo, Clock.systemUTC());
    }

    @AfterEach
    void stop() {
        store.close();
    }

    @Test
    void twoRunsAtOnce_writeUnderPrefixesOfTheirOwn_andEachLeavesNothingBehind() {
        try (ScratchCollections.Run first = scratch.begin(ProjectionRebuilds.PREFIX);
                ScratchCollections.Run second = scratch.begin(ProjectionRebuilds.PREFIX)) {
            assertThat(first.prefix()).startsWith("rebuild_").isNotEqualTo(second.prefix());
            mongo.getCollection(first.prefix() + "phase_state").insertOne(new Document("_id", "a"));
            mongo.getCollection(second.prefix() + "phase_state").insertOne(new Document("_id", "b"));

            // a third run begins while both work: it leaves their collections alone
            scratch.begin(ConsistencyCheck.PREFIX).close();

            assertThat(mongo.getCollection(first.prefix() + "phase_state").countDocuments()).isEqualTo(1);
            assertThat(mongo.getCollection(second.prefix() + "phase_state").countDocuments()).isEqualTo(1);
        }
        assertThat(mongo.getCollectionNames()).noneMatch(name -> name.startsWith("rebuild_"));
        assertThat(mongo.getCollection(ScratchCollections.COLLECTION).countDocuments()).isZero();
    }

    @Test
    void whatARunThatStoppedHalfwayLeft_isDroppedWhenAnotherBegins() {
        // an older version's copy, with no run recorded, and a run that has shown no sign of life for ten minutes
        mongo.getCollection("rebuild_phase_state").insertOne(new Document("_id", "old"));
        mongo.getCollection("consistency_check_research_steps").insertOne(new Document("_id", "old"));
        ScratchCollections.Run stopped = scratch.begin(ProjectionRebuilds.PREFIX);
        mongo.getCollection(stopped.prefix() + "monitoring").insertOne(new Document("_id", "half"));
        mongo.getCollection(ScratchCollections.COLLECTION).updateOne(Filters.exists("_id"),
                Updates.set("aliveAt", Date.from(Instant.now().minus(Duration.ofMinutes(10)))));
        mongo.getCollection("phase_state").insertOne(new Document("_id", "live"));

        try (ScratchCollections.Run next = scratch.begin(ProjectionRebuilds.PREFIX)) {
            assertThat(mongo.getCollectionNames()).containsExactlyInAnyOrder("phase_state",
                    ScratchCollections.COLLECTION);
            // the stopped run, should it come back, does not go on with a copy that lost documents
            assertThatThrownBy(() -> stopped.keepAlive(true)).isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("dropped as abandoned");
        }
    }

    @Test
    void aRunThatShowsASignOfLifeInTime_keepsItsCollections() {
        try (ScratchCollections.Run working = scratch.begin(ProjectionRebuilds.PREFIX)) {
            mongo.getCollection(working.prefix() + "monitoring").insertOne(new Document("_id", "x"));
            mongo.getCollection(ScratchCollections.COLLECTION).updateOne(Filters.exists("_id"),
                    Updates.set("aliveAt", Date.from(Instant.now().minus(Duration.ofMinutes(10)))));
            working.keepAlive(true);

            scratch.begin(ConsistencyCheck.PREFIX).close();

            assertThat(mongo.getCollection(working.prefix() + "monitoring").countDocuments()).isEqualTo(1);
        }
    }
}
