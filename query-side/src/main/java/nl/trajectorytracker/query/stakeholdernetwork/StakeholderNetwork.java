package nl.trajectorytracker.query.stakeholdernetwork;

import java.time.Instant;
import java.util.List;

import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.mapping.Document;

import nl.trajectorytracker.api.values.Influence;
import nl.trajectorytracker.api.values.NetworkPartyKind;
import nl.trajectorytracker.api.values.Party;
import nl.trajectorytracker.api.values.StakeholderScope;

/**
 * The network of one trajectory, keyed by its id: the parties, every stakeholder as it is now with the history of
 * its changes (removed ones stay, marked), and the external network parties involved.
 */
@Document(StakeholderNetworkProjection.COLLECTION)
public record StakeholderNetwork(
        @Id String id,
        List<Party> parties,
        List<Stakeholder> stakeholders,
        List<NetworkParty> networkParties,
        long lastSequence) {

    public StakeholderNetwork {
        parties = parties == null ? List.of() : List.copyOf(parties);
        stakeholders = stakeholders == null ? List.of() : List.copyOf(stakeholders);
        networkParties = networkParties == null ? List.of() : List.copyOf(networkParties);
    }

    /** A stakeholder as it is now; {@code history} holds every version, oldest first. */
    public record Stakeholder(
            String stakeholderId,
            String name,
            StakeholderScope scope,
            String role,
            List<String> interests,
            Influence influence,
            boolean removed,
            List<Change> history) {

        public Stakeholder {
            interests = interests == null ? List.of() : List.copyOf(interests);
            history = history == null ? List.of() : List.copyOf(history);
        }
    }

    /** One change of a stakeholder: what it looked like after the change, who changed it, when and why. */
    public record Change(
            long sequence,
            String change,
            String name,
            StakeholderScope scope,
            String role,
            List<String> interests,
            Influence influence,
            String why,
            boolean correction,
            String actor,
            Instant occurredAt) {

        public Change {
            interests = interests == null ? List.of() : List.copyOf(interests);
        }
    }

    /** An external party involved in the network (another financier, a regional network...). */
    public record NetworkParty(String name, NetworkPartyKind kind, String need, String actor, Instant occurredAt) {
    }
}
