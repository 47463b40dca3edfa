package nl.trajectorytracker.infra.eventstore;

import static nl.trajectorytracker.infra.eventstore.MongoEventStorageEngineTest.event;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;

import org.axonframework.eventhandling.GenericEventMessage;
import org.bson.Document;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import nl.trajectorytracker.infra.audit.verification.ChainHash;
import nl.trajectorytracker.infra.audit.verification.ChainVerifier;
import nl.trajectorytracker.infra.audit.verification.StoredCommit;
import nl.trajectorytracker.infra.audit.verification.StoredCommit.StoredEvent;

/** The engine links every event of an aggregate into a hash chain as it appends, with or without its cache. */
class HashChainAppendTest {

    private InMemoryMongo mongo;
    private MongoEventStorageEngine engine;

    @BeforeEach
    void setUp() {
        mongo = new InMemoryMongo();
        engine = mongo.engine();
    }

    @AfterEach
    void tearDown() {
        mongo.close();
    }

    private List<StoredCommit> stored(String aggregate) {
        List<StoredCommit> commits = new ArrayList<>();
        for (Document commit : engine.commitsClaiming(aggregate)) {
            List<StoredEvent> events = new ArrayList<>();
            for (Document e : commit.getList("events", Document.class)) {
                events.add(new StoredEvent(e.getString("id"), e.getLong("seq"), e.getString("ts"),
                        e.getString("ptype"), e.getString("rev"), e.getString("payload"), e.getString("meta"),
                        e.getString("prev"), e.getString("hash")));
            }
            commits.add(new StoredCommit(commit.getLong("_id"), commit.getString("key"), commit.getString("agg"),
                    commit.getString("type"), commit.getLong("first"), commit.getLong("last"), events));
        }
        return commits;
    }

    @Test
    void everyEventOfAnAggregate_isLinkedToThePreviousOne_acrossCommits() {
        engine.appendEvents(event("a", 0, "started"), event("a", 1, "goal set"));
        engine.appendEvents(event("b", 0, "other trajectory"));
        engine.appendEvents(event("a", 2, "batna defined"));

        List<StoredCommit> commits = stored("a");

        assertThat(commits.get(0).events().get(0).prev()).isEqualTo(ChainHash.GENESIS);
        assertThat(commits.get(0).events().get(1).prev()).isEqualTo(commits.get(0).events().get(0).hash());
        assertThat(commits.get(1).events().get(0).prev()).isEqualTo(commits.get(0).events().get(1).hash());
        assertThat(ChainVerifier.verify("a", StoredCommit.chainEvents(commits), null, null).ok()).isTrue();
        assertThat(engine.chainHead("a")).get().extracting(MongoEventStorageEngine.ChainHead::lastSequence)
                .isEqualTo(2L);
    }

    @Test
    void aNewEngine_withAnEmptyCache_continuesTheChainFromTheStore() {
        engine.appendEvents(event("a", 0, "started"));
        engine.appendEvents(event("a", 1, "goal set"));

        mongo.engine().appendEvents(event("a", 2, "appended by another instance"));
        engine.appendEvents(event("a", 3, "back on the first, whose cache is stale"));

        assertThat(ChainVerifier.verify("a", StoredCommit.chainEvents(stored("a")), null, null).summary())
                .startsWith("OK").contains("head sequence 3");
    }

    @Test
    void eventsWithoutAnAggregate_getNoLink() {
        engine.appendEvents(GenericEventMessage.asEventMessage("not of a trajectory"));

        Document commit = mongo.database().getCollection("event_commits").find().first();

        assertThat(commit.getList("events", Document.class).get(0).containsKey("hash")).isFalse();
    }

    @Test
    void theCommitListener_hearsEveryStoredHead() {
        List<MongoEventStorageEngine.ChainHead> heard = new ArrayList<>();
        engine.addCommitListener(heard::add);

        engine.appendEvents(event("a", 0, "started"), event("a", 1, "goal set"));

        assertThat(heard).singleElement().satisfies(head -> {
            assertThat(head.lastSequence()).isEqualTo(1L);
            assertThat(head.lastHash()).isEqualTo(stored("a").get(0).events().get(1).hash());
        });
    }
}
