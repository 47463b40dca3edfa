package nl.trajectorytracker.query.stakeholdernetwork;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import nl.trajectorytracker.api.events.NetworkPartyInvolved;
import nl.trajectorytracker.api.events.StakeholderAdded;
import nl.trajectorytracker.api.events.StakeholderRemoved;
import nl.trajectorytracker.api.events.StakeholderUpdated;
import nl.trajectorytracker.api.events.TrajectoryStarted;
import nl.trajectorytracker.api.queries.FindStakeholderNetwork;
import nl.trajectorytracker.api.values.Actor;
import nl.trajectorytracker.api.values.Influence;
import nl.trajectorytracker.api.values.NetworkPartyKind;
import nl.trajectorytracker.api.values.Party;
import nl.trajectorytracker.api.values.PartyType;
import nl.trajectorytracker.api.values.StakeholderScope;
import nl.trajectorytracker.api.values.TrajectoryId;
import nl.trajectorytracker.query.readmodel.InMemoryMongo;
import nl.trajectorytracker.query.stakeholdernetwork.StakeholderNetwork.Stakeholder;

/** The stakeholder network keeps each stakeholder's history and marks removed ones. */
class StakeholderNetworkProjectionTest {

    private static final TrajectoryId ID = new TrajectoryId("7f0c8a52-5d0e-4a6b-9c1e-2f3a4b5c6d7e");
    private static final Actor ANNA = new Actor("anna", "Zilveren Kruis");
    private static final Instant AT = Instant.parse("2026-03-01T09:00:00Z");

    private final InMemoryMongo mongo = new InMemoryMongo();
    private final StakeholderNetworkProjection projection = new StakeholderNetworkProjection(mongo.template());
    private final StakeholderNetworkQueries queries = new StakeholderNetworkQueries(mongo.template());

    @AfterEach
    void stop() {
        mongo.close();
    }

    @Test
    void stakeholders_evolve_withTheirHistory_andRemovedOnesStayMarked() {
        projection.on(new TrajectoryStarted(ID, "Five years", List.of(new Party("Zilveren Kruis", PartyType.INSURER)),
                ANNA, AT), 0);
        projection.on(new StakeholderAdded(ID, "S1", "Patients", StakeholderScope.EXTERNAL, "Represent patients",
                List.of("Short waits"), Influence.MEDIUM, false, ANNA, AT), 1);
        projection.on(new StakeholderAdded(ID, "S2", "Board", StakeholderScope.INTERNAL, "Mandate", List.of(),
                Influence.HIGH, false, ANNA, AT), 2);
        projection.on(new StakeholderUpdated(ID, "S1", "Patients", StakeholderScope.EXTERNAL, "Co-design",
                List.of("Short waits", "Shared decisions"), Influence.HIGH, false, ANNA, AT), 3);
        projection.on(new StakeholderRemoved(ID, "S2", "Mandate delegated", false, ANNA, AT), 4);
        projection.on(new NetworkPartyInvolved(ID, "Gemeente", NetworkPartyKind.MUNICIPALITY, "Home support", false,
                ANNA, AT), 5);
        projection.on(new StakeholderRemoved(ID, "S1", "Replayed out of order", false, ANNA, AT), 3);

        StakeholderNetwork network = queries.handle(new FindStakeholderNetwork(ID, "Zilveren Kruis")).orElseThrow();
        Stakeholder patients = network.stakeholders().get(0);
        assertThat(patients.removed()).isFalse();
        assertThat(patients.influence()).isEqualTo(Influence.HIGH);
        assertThat(patients.history()).extracting(StakeholderNetwork.Change::change).containsExactly("ADDED",
                "UPDATED");
        assertThat(patients.history().get(0).role()).isEqualTo("Represent patients");
        Stakeholder board = network.stakeholders().get(1);
        assertThat(board.removed()).isTrue();
        assertThat(board.history().get(1).why()).isEqualTo("Mandate delegated");
        assertThat(network.networkParties()).extracting(StakeholderNetwork.NetworkParty::name)
                .containsExactly("Gemeente");
        assertThat(queries.handle(new FindStakeholderNetwork(ID, "Menzis"))).isEmpty();
    }
}
