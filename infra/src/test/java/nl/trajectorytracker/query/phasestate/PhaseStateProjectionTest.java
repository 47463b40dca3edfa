package nl.trajectorytracker.query.phasestate;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventsourcing.eventstore.EmbeddedEventStore;
import org.axonframework.eventsourcing.eventstore.inmemory.InMemoryEventStorageEngine;
import org.axonframework.messaging.MetaData;
import org.bson.Document;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.data.mongodb.core.MongoTemplate;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoClients;

import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import nl.trajectorytracker.api.events.BatnaDefined;
import nl.trajectorytracker.api.events.BatnaRevised;
import nl.trajectorytracker.api.events.NoteAdded;
import nl.trajectorytracker.api.events.PhaseAdvanced;
import nl.trajectorytracker.api.events.StrategicGoalSet;
import nl.trajectorytracker.api.events.TrajectoryEvent;
import nl.trajectorytracker.api.events.TrajectoryStarted;
import nl.trajectorytracker.api.values.Actor;
import nl.trajectorytracker.api.values.Party;
import nl.trajectorytracker.api.values.PartyType;
import nl.trajectorytracker.api.values.Phase;
import nl.trajectorytracker.api.values.TrajectoryId;
import nl.trajectorytracker.query.access.ReadScope;

/** The live projection over a real driver and mongo-java-server: it stores the pure fold; replays are no-ops. */
class PhaseStateProjectionTest {

    private static final TrajectoryId ID = TrajectoryId.random();
    private static final Actor ANNA = new Actor("anna", "Zilveren Kruis");
    private static final Instant T0 = Instant.parse("2026-01-05T09:00:00.123456789Z");

    private MongoServer server;
    private MongoClient client;
    private MongoTemplate mongo;
    private PhaseStateDocuments documents;
    private PhaseStateProjection projection;
    private EmbeddedEventStore eventStore;
    private PhaseStateHistory history;

    @BeforeEach
    void start() {
        server = new MongoServer(new MemoryBackend());
        client = MongoClients.create(server.bindAndGetConnectionString());
        mongo = new MongoTemplate(client, "test");
        documents = new PhaseStateDocuments(mongo);
        eventStore = EmbeddedEventStore.builder().storageEngine(new InMemoryEventStorageEngine()).build();
        history = new PhaseStateHistory(eventStore);
        projection = new PhaseStateProjection(documents, history);
    }

    @AfterEach
    void stop() {
        eventStore.shutDown();
        client.close();
        server.shutdownNow();
    }

    private static List<TrajectoryEvent> events() {
        List<TrajectoryEvent> events = new ArrayList<>();
        events.add(new TrajectoryStarted(ID, "Title", List.of(new Party("Zilveren Kruis", PartyType.INSURER),
                new Party("Ziekenhuis Amstelland", PartyType.CARE_PROVIDER)), ANNA, T0));
        events.add(new StrategicGoalSet(ID, "G1", "Goal", "Challenge", false, ANNA, T0.plusSeconds(1)));
        events.add(new BatnaDefined(ID, "Other hospitals", "Capacity", false, ANNA, T0.plusSeconds(2)));
        events.add(new PhaseAdvanced(ID, Phase.INTERNAL_PREPARATION, Phase.CO_DESIGN, List.of(), null, ANNA,
                T0.plusSeconds(3)));
        events.add(new BatnaRevised(ID, "University hospital", "Others are full", true, ANNA, T0.plusSeconds(4)));
        return events;
    }

    private void feed(List<TrajectoryEvent> events) {
        for (int i = 0; i < events.size(); i++) {
            projection.on(events.get(i), i, events.get(i).occurredAt());
        }
    }

    @Test
    void theStoredState_equalsThePureFold_andReplayingChangesNothing() {
        List<TrajectoryEvent> events = events();
        feed(events);
        PhaseStateDocuments.Stored stored = documents.find(ID.value()).orElseThrow();

        assertThat(stored.state()).isEqualTo(PhaseStateFold.foldAll(events));
        assertThat(stored.lastEvent()).isEqualTo(new LastEvent(4, "BatnaRevised", T0.plusSeconds(4),
                T0.plusSeconds(4)));

        feed(events);
        projection.on(events.get(2), 2, events.get(2).occurredAt());

        PhaseStateDocuments.Stored again = documents.find(ID.value()).orElseThrow();
        assertThat(again).isEqualTo(stored);
        assertThat(again.state().internalPreparation().batna()).hasSize(2);
    }

    @Test
    void aStepLoggedLaterThanItHappened_isFoldedInItsPlace_asTheReconstructionFromTheEventStoreHasIt() {
        List<TrajectoryEvent> events = events();
        events.add(new BatnaRevised(ID, "Logged late", "Forgotten in February", false, ANNA, T0.plusSeconds(2)
                .plusMillis(500)));
        events.add(new BatnaRevised(ID, "Latest", "Revised last", false, ANNA, T0.plusSeconds(6)));
        Instant recorded = T0.plusSeconds(3600);
        for (int i = 0; i < events.size(); i++) {
            eventStore.publish(new GenericDomainEventMessage<>("Trajectory", ID.value(), i, events.get(i),
                    MetaData.emptyInstance(), "event-" + i, recorded.plusSeconds(i)));
        }

        for (int i = 0; i < events.size(); i++) {
            projection.on(events.get(i), i, recorded.plusSeconds(i));
        }

        PhaseStateDocuments.Stored stored = documents.find(ID.value()).orElseThrow();
        PhaseStateHistory.Reconstruction reconstructed = history.reconstruct(ID, ReadScope.everything(),
                PhaseStateHistory.Point.now());
        assertThat(stored.state()).isEqualTo(reconstructed.state());
        assertThat(stored.lastEvent()).isEqualTo(reconstructed.lastEvent());
        assertThat(stored.state().internalPreparation().batna()).extracting(PhaseState.Batna::batna)
                .containsExactly("Other hospitals", "Logged late", "University hospital", "Latest");
        assertThat(stored.state().version()).isEqualTo(6);
    }

    @Test
    void reset_clearsTheReadModel_forARebuild() {
        feed(events());

        projection.reset();

        assertThat(documents.find(ID.value())).isEmpty();
        feed(events());
        assertThat(documents.find(ID.value()).orElseThrow().state().version()).isEqualTo(4);
    }

    @Test
    void everyItemOfAPhasesLists_isADocumentOfItsOwn_andAStepLeavesTheItemsItDidNotChangeAlone() {
        feed(events());
        Document stored = mongo.getCollection(PhaseStateDocuments.COLLECTION).find(new Document("_id", ID.value()))
                .first();
        assertThat(stored.get("items", Document.class).getInteger("internalPreparation.batna")).isEqualTo(2);
        assertThat(stored.get("state", Document.class).get("internalPreparation", Document.class))
                .as("of the lists of a phase, only its open questions").containsOnlyKeys("openQuestions");
        MongoCollection<Document> items = mongo.getCollection(PhaseStateDocuments.ITEMS);
        Document firstBatna = items.find(new Document("_id", ID.value() + "/internalPreparation.batna/0")).first();
        assertThat(firstBatna.get("item", Document.class).getString("batna")).isEqualTo("Other hospitals");
        long before = items.countDocuments();
        String goal = ID.value() + "/internalPreparation.strategicGoals/0";
        items.updateOne(new Document("_id", goal), new Document("$set", new Document("untouched", true)));

        projection.on(new NoteAdded(ID, "A note", Phase.CO_DESIGN, ANNA, T0.plusSeconds(5)), 5, T0.plusSeconds(5));

        assertThat(items.countDocuments()).isEqualTo(before + 1);
        assertThat(items.find(new Document("_id", ID.value() + "/coDesign.notes/0")).first()
                .get("item", Document.class).getString("text")).isEqualTo("A note");
        assertThat(items.find(new Document("_id", goal)).first().getBoolean("untouched")).isTrue();
        PhaseStateDocuments.Stored read = new PhaseStateDocuments(mongo).find(ID.value()).orElseThrow();
        List<TrajectoryEvent> all = events();
        all.add(new NoteAdded(ID, "A note", Phase.CO_DESIGN, ANNA, T0.plusSeconds(5)));
        assertThat(read.state()).isEqualTo(PhaseStateFold.foldAll(all));
    }
}
