package nl.trajectorytracker.query.stakeholdernetwork;

import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;

import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.SequenceNumber;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.mongodb.core.MongoOperations;
import org.springframework.stereotype.Component;

import nl.trajectorytracker.api.events.NetworkPartyInvolved;
import nl.trajectorytracker.api.events.StakeholderAdded;
import nl.trajectorytracker.api.events.StakeholderRemoved;
import nl.trajectorytracker.api.events.StakeholderUpdated;
import nl.trajectorytracker.api.events.TrajectoryEvent;
import nl.trajectorytracker.api.events.TrajectoryStarted;
import nl.trajectorytracker.query.readmodel.DocumentStore;
import nl.trajectorytracker.query.readmodel.ReplayableProjection;
import nl.trajectorytracker.query.stakeholdernetwork.StakeholderNetwork.Change;
import nl.trajectorytracker.query.stakeholdernetwork.StakeholderNetwork.NetworkParty;
import nl.trajectorytracker.query.stakeholdernetwork.StakeholderNetwork.Stakeholder;

/** Writes the stakeholder network of each trajectory as it evolves. */
@Component
@ProcessingGroup(StakeholderNetworkProjection.NAME)
public class StakeholderNetworkProjection implements ReplayableProjection {

    public static final String NAME = "stakeholder-network";
    public static final String COLLECTION = "stakeholder_network";

    private final DocumentStore<StakeholderNetwork> networks;

    @Autowired
    public StakeholderNetworkProjection(MongoOperations mongo) {
        this(new DocumentStore<>(mongo, StakeholderNetwork.class, COLLECTION));
    }

    StakeholderNetworkProjection(DocumentStore<StakeholderNetwork> networks) {
        this.networks = networks;
    }

    @EventHandler
    void on(TrajectoryStarted event, @SequenceNumber long sequence) {
        if (networks.find(event.trajectoryId().value()).isEmpty()) {
            networks.save(new StakeholderNetwork(event.trajectoryId().value(), event.parties(), List.of(), List.of(),
                    sequence));
        }
    }

    @EventHandler
    void on(StakeholderAdded e, @SequenceNumber long sequence) {
        Change change = new Change(sequence, "ADDED", e.name(), e.scope(), e.role(), e.interests(), e.influence(),
                null, e.correction(), e.actor().principal(), e.occurredAt());
        update(e, sequence, network -> withStakeholder(network, e.stakeholderId(), sequence,
                previous -> new Stakeholder(e.stakeholderId(), e.name(), e.scope(), e.role(), e.interests(),
                        e.influence(), false, appended(previous, change))));
    }

    @EventHandler
    void on(StakeholderUpdated e, @SequenceNumber long sequence) {
        Change change = new Change(sequence, "UPDATED", e.name(), e.scope(), e.role(), e.interests(), e.influence(),
                null, e.correction(), e.actor().principal(), e.occurredAt());
        update(e, sequence, network -> withStakeholder(network, e.stakeholderId(), sequence,
                previous -> new Stakeholder(e.stakeholderId(), e.name(), e.scope(), e.role(), e.interests(),
                        e.influence(), false, appended(previous, change))));
    }

    @EventHandler
    void on(StakeholderRemoved e, @SequenceNumber long sequence) {
        update(e, sequence, network -> withStakeholder(network, e.stakeholderId(), sequence,
                previous -> previous == null ? null
                : new Stakeholder(previous.stakeholderId(), previous.name(), previous.scope(), previous.role(),
                        previous.interests(), previous.influence(), true, appended(previous,
                                new Change(sequence, "REMOVED", previous.name(), previous.scope(), previous.role(),
                                        previous.interests(), previous.influence(), e.why(), e.correction(),
                                        e.actor().principal(), e.occurredAt())))));
    }

    @EventHandler
    void on(NetworkPartyInvolved e, @SequenceNumber long sequence) {
        update(e, sequence, network -> {
            List<NetworkParty> parties = new ArrayList<>(network.networkParties());
            parties.add(new NetworkParty(e.name(), e.kind(), e.need(), e.actor().principal(), e.occurredAt()));
            return new StakeholderNetwork(network.id(), network.parties(), network.stakeholders(), parties,
                    sequence);
        });
    }

    private static List<Change> appended(Stakeholder previous, Change change) {
        List<Change> history = new ArrayList<>(previous == null ? List.of() : previous.history());
        history.add(change);
        return history;
    }

    /** Replaces (or adds) the stakeholder with the given id; {@code change} gets the current one or null. */
    private static StakeholderNetwork withStakeholder(StakeholderNetwork network, String stakeholderId,
            long sequence, UnaryOperator<Stakeholder> change) {
        return new StakeholderNetwork(network.id(), network.parties(), replaced(network, stakeholderId, change),
                network.networkParties(), sequence);
    }

    private static List<Stakeholder> replaced(StakeholderNetwork network, String stakeholderId,
            UnaryOperator<Stakeholder> change) {
        List<Stakeholder> stakeholders = new ArrayList<>(network.stakeholders());
        for (int i = 0; i < stakeholders.size(); i++) {
            if (stakeholders.get(i).stakeholderId().equals(stakeholderId)) {
                stakeholders.set(i, change.apply(stakeholders.get(i)));
                return stakeholders;
            }
        }
        Stakeholder added = change.apply(null);
        if (added != null) {
            stakeholders.add(added);
        }
        return stakeholders;
    }

    /** Applies the change unless the event was applied already. */
    private void update(TrajectoryEvent event, long sequence, UnaryOperator<StakeholderNetwork> change) {
        networks.updateIfNewer(event.trajectoryId().value(), sequence, StakeholderNetwork::lastSequence, change);
    }

    @ResetHandler
    void reset() {
        networks.clear();
    }

    @Override
    public String processingGroup() {
        return NAME;
    }

    @Override
    public List<String> collections() {
        return List.of(COLLECTION);
    }

    @Override
    public Object writingTo(MongoOperations mongo, String prefix) {
        return new StakeholderNetworkProjection(
                new DocumentStore<>(mongo, StakeholderNetwork.class, prefix + COLLECTION));
    }
}
