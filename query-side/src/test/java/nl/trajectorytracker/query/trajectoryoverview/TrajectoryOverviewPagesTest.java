package nl.trajectorytracker.query.trajectoryoverview;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.axonframework.eventhandling.AnnotationEventHandlerAdapter;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.messaging.unitofwork.BatchingUnitOfWork;
import org.axonframework.messaging.unitofwork.RollbackConfigurationType;
import org.bson.Document;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import com.mongodb.MongoNamespace;
import com.mongodb.client.model.RenameCollectionOptions;

import nl.trajectorytracker.api.events.NoteAdded;
import nl.trajectorytracker.api.events.PhaseAdvanced;
import nl.trajectorytracker.api.events.TrajectoryEvent;
import nl.trajectorytracker.api.events.TrajectoryStarted;
import nl.trajectorytracker.api.queries.FindTrajectories;
import nl.trajectorytracker.api.values.Actor;
import nl.trajectorytracker.api.values.Party;
import nl.trajectorytracker.api.values.PartyType;
import nl.trajectorytracker.api.values.Phase;
import nl.trajectorytracker.api.values.TrajectoryId;
import nl.trajectorytracker.query.readmodel.BatchedWrites;
import nl.trajectorytracker.query.readmodel.InMemoryMongo;

/**
 * List pages answer from a copy of the overview that is current with every step the projection applied, whichever
 * instance applied it, through batches, redeliveries and a rebuilt collection renamed over the live one.
 */
class TrajectoryOverviewPagesTest {

    private static final Actor ANNA = new Actor("anna", "Zilveren Kruis");
    private static final Instant AT = Instant.parse("2026-03-01T09:00:00.123456Z");
    private static final Party ZK = new Party("Zilveren Kruis", PartyType.INSURER);
    private static final Party MENZIS = new Party("Menzis", PartyType.INSURER);
    private static final Party AMSTELLAND = new Party("Ziekenhuis Amstelland", PartyType.CARE_PROVIDER);

    private final InMemoryMongo mongo = new InMemoryMongo();
    private final TrajectoryOverviewProjection projection = new TrajectoryOverviewProjection(mongo.template());
    private final TrajectoryOverviewQueries pages = new TrajectoryOverviewQueries(mongo.template());

    @AfterEach
    void stop() {
        mongo.close();
    }

    @Test
    void aPage_showsAStep_assoonAsTheProjectionAppliedIt() {
        List<TrajectoryEvent> events = twentyFive();
        events.forEach(event -> handle(projection, event, 0));
        assertThat(pages.handle(query(null, Phase.CO_DESIGN, null)).total()).isZero();

        handle(projection, advanced(events.get(3)), 1);

        TrajectoryPage inCoDesign = pages.handle(query(null, Phase.CO_DESIGN, null));
        assertThat(inCoDesign.total()).isEqualTo(1);
        assertThat(inCoDesign.items().get(0).id()).isEqualTo(id(events.get(3)));
        assertThat(pages.handle(new FindTrajectories(0, 1)).items().get(0).id())
                .as("newest activity first").isEqualTo(id(events.get(3)));
    }

    @Test
    void anotherInstancesSteps_reachThisInstancesPages() {
        TrajectoryOverviewQueries otherInstance = new TrajectoryOverviewQueries(mongo.template());
        List<TrajectoryEvent> events = twentyFive();
        events.subList(0, 10).forEach(event -> handle(projection, event, 0));
        assertThat(otherInstance.handle(new FindTrajectories(0, 20)).total()).isEqualTo(10);

        TrajectoryOverviewProjection writingInstance = new TrajectoryOverviewProjection(mongo.template());
        events.subList(10, 25).forEach(event -> handle(writingInstance, event, 0));

        assertThat(otherInstance.handle(new FindTrajectories(0, 20)).total()).isEqualTo(25);
        assertThat(pages.handle(new FindTrajectories(0, 20)).total()).isEqualTo(25);
    }

    @Test
    void totals_countEveryMatch_onEveryPage_withinTheReadersScope() {
        twentyFive().forEach(event -> handle(projection, event, 0));

        for (int page = 0; page < 4; page++) {
            TrajectoryPage all = pages.handle(new FindTrajectories(page, 10));
            assertThat(all.total()).isEqualTo(25);
            assertThat(all.items()).hasSize(page < 2 ? 10 : page == 2 ? 5 : 0);
        }
        assertThat(pages.handle(new FindTrajectories(0, 20, "Menzis")).total()).isEqualTo(12);
        assertThat(pages.handle(new FindTrajectories(0, 20, "Zilveren Kruis")).total()).isEqualTo(13);
        assertThat(pages.handle(query("Menzis", null, "CARE 1")).total())
                .as("Care 1, Care 10 ... Care 19 of Menzis").isEqualTo(5);
        assertThat(pages.handle(query(null, null, "cArE 2")).items()).extracting(TrajectorySummary::title)
                .containsExactly("Care 25", "Care 24", "Care 23", "Care 22", "Care 21", "Care 20", "Care 2");
    }

    @Test
    void aBatch_storesTheRevision_ofOneEventAtATime_andOfAFreshRebuild() {
        List<TrajectoryEvent> events = new ArrayList<>(twentyFive());
        events.add(advanced(events.get(0)));
        events.add(new NoteAdded(events.get(0).trajectoryId(), "A note", Phase.CO_DESIGN, ANNA, AT.plusSeconds(9)));
        Object rebuilt = projection.writingTo(mongo.template(), "rebuilt_");
        events.forEach(event -> handle(rebuilt, event, sequence(events, event)));

        BatchingUnitOfWork<EventMessage<?>> batch = batchOf(events);
        AnnotationEventHandlerAdapter handler = new AnnotationEventHandlerAdapter(projection);
        batch.executeWithResult(() -> new BatchedWrites().handle(batch, () -> handler.handle(batch.getMessage())),
                RollbackConfigurationType.ANY_THROWABLE);

        assertThat(revision("")).isNotNull().isEqualTo(revision("rebuilt_"));
        assertThat(pages.handle(query(null, Phase.CO_DESIGN, null)).total()).isEqualTo(1);
    }

    @Test
    void anEventSeenAgain_countsTheRevisionAgain() {
        List<TrajectoryEvent> events = twentyFive();
        events.forEach(event -> handle(projection, event, 0));
        String counted = revision("").getString("checksum");
        assertThat(pages.handle(query(null, Phase.CO_DESIGN, null)).total()).isZero();
        // a step whose summary was written, but not the revision after it: the batch is handled again
        handle(projection, advanced(events.get(0)), 1);
        mongo.template().getCollection(OverviewRevision.COLLECTION).updateOne(new Document("_id", OverviewRevision.ID),
                new Document("$set", new Document("checksum", counted)));

        handle(projection, advanced(events.get(0)), 1);

        Object rebuilt = projection.writingTo(mongo.template(), "rebuilt_");
        events.forEach(event -> handle(rebuilt, event, 0));
        handle(rebuilt, advanced(events.get(0)), 1);
        assertThat(revision("").getString("checksum")).isNotEqualTo(counted);
        assertThat(revision("")).isEqualTo(revision("rebuilt_"));
        assertThat(pages.handle(query(null, Phase.CO_DESIGN, null)).total()).isEqualTo(1);
    }

    @Test
    void eventsDeliveredAgain_leaveTheRevisionAsItWas() {
        List<TrajectoryEvent> events = twentyFive();
        events.forEach(event -> handle(projection, event, 0));
        handle(projection, advanced(events.get(4)), 1);
        Document before = revision("");

        events.subList(20, 25).forEach(event -> handle(projection, event, 0));
        handle(projection, advanced(events.get(4)), 1);

        assertThat(revision("")).isEqualTo(before);
    }

    @Test
    void aCopyFarBehind_isReadAgainWhole() {
        List<TrajectoryEvent> events = new ArrayList<>();
        for (int i = 0; i < OverviewRevision.RECENT + 50; i++) {
            events.add(new TrajectoryStarted(new TrajectoryId(String.format("%08d-0000-4a6b-9c1e-2f3a4b5c6d7e", i)),
                    "Trajectory " + i, List.of(ZK), ANNA, AT.plusSeconds(i)));
        }
        handle(projection, events.get(0), 0);
        assertThat(pages.handle(new FindTrajectories(0, 20)).total()).isEqualTo(1);

        events.subList(1, events.size()).forEach(event -> handle(projection, event, 0));

        TrajectoryPage page = pages.handle(new FindTrajectories(0, 20, null, null, null, null, null, "trajectory 0",
                null));
        assertThat(page.total()).isEqualTo(1);
        assertThat(pages.handle(new FindTrajectories(0, 20)).total()).isEqualTo(events.size());
    }

    @Test
    void aRebuiltCollection_renamedOverTheLiveOne_isWhatPagesShow() {
        List<TrajectoryEvent> events = twentyFive();
        events.forEach(event -> handle(projection, event, 0));
        assertThat(pages.handle(new FindTrajectories(0, 20)).total()).isEqualTo(25);

        Object rebuilt = projection.writingTo(mongo.template(), "rebuilt_");
        events.subList(0, 7).forEach(event -> handle(rebuilt, event, 0));
        for (String collection : projection.collections()) {
            mongo.template().getCollection("rebuilt_" + collection).renameCollection(
                    new MongoNamespace(mongo.template().getDb().getName(), collection),
                    new RenameCollectionOptions().dropTarget(true));
        }

        assertThat(pages.handle(new FindTrajectories(0, 20)).total()).isEqualTo(7);
    }

    @Test
    void aClearedOverview_listsNothing() {
        twentyFive().forEach(event -> handle(projection, event, 0));
        assertThat(pages.handle(new FindTrajectories(0, 20)).total()).isEqualTo(25);

        new AnnotationEventHandlerAdapter(projection).prepareReset();

        assertThat(pages.handle(new FindTrajectories(0, 20)).total()).isZero();
    }

    /** Care 1 to Care 25, a minute apart; the even ones with Menzis, the odd ones with Zilveren Kruis. */
    private static List<TrajectoryEvent> twentyFive() {
        List<TrajectoryEvent> events = new ArrayList<>();
        for (int i = 1; i <= 25; i++) {
            events.add(new TrajectoryStarted(new TrajectoryId(String.format("%08d-5d0e-4a6b-9c1e-2f3a4b5c6d7e", i)),
                    "Care " + i, List.of(i % 2 == 0 ? MENZIS : ZK, AMSTELLAND), ANNA, AT.plusSeconds(60L * i)));
        }
        return events;
    }

    private static PhaseAdvanced advanced(TrajectoryEvent started) {
        return new PhaseAdvanced(started.trajectoryId(), Phase.INTERNAL_PREPARATION, Phase.CO_DESIGN, List.of(),
                null, ANNA, AT.plusSeconds(86_400));
    }

    private static FindTrajectories query(String organisation, Phase phase, String text) {
        return new FindTrajectories(0, 20, organisation, phase, null, null, null, text, null);
    }

    private static String id(TrajectoryEvent event) {
        return event.trajectoryId().value();
    }

    private static long sequence(List<TrajectoryEvent> events, TrajectoryEvent event) {
        return events.subList(0, events.indexOf(event)).stream()
                .filter(earlier -> earlier.trajectoryId().equals(event.trajectoryId())).count();
    }

    private static void handle(Object projection, TrajectoryEvent event, long sequence) {
        try {
            new AnnotationEventHandlerAdapter(projection).handle(message(event, sequence));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static GenericDomainEventMessage<TrajectoryEvent> message(TrajectoryEvent event, long sequence) {
        return new GenericDomainEventMessage<>("Trajectory", event.trajectoryId().value(), sequence, event);
    }

    private static BatchingUnitOfWork<EventMessage<?>> batchOf(List<TrajectoryEvent> events) {
        List<EventMessage<?>> messages = new ArrayList<>();
        events.forEach(event -> messages.add(message(event, sequence(events, event))));
        return new BatchingUnitOfWork<>(messages);
    }

    private Document revision(String prefix) {
        return mongo.template().findById(OverviewRevision.ID, Document.class, prefix + OverviewRevision.COLLECTION);
    }
}
