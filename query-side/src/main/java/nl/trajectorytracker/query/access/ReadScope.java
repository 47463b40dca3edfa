package nl.trajectorytracker.query.access;

import java.util.List;

import nl.trajectorytracker.api.values.Party;

/**
 * Which trajectories a reader may see: all of them ({@code organisation == null}), or only those in which the
 * given organisation is a party.
 */
public record ReadScope(String organisation) {

    public static ReadScope everything() {
        return new ReadScope(null);
    }

    public static ReadScope organisation(String organisation) {
        if (organisation == null || organisation.isBlank()) {
            throw new IllegalArgumentException("A scope limited to an organisation needs its name");
        }
        return new ReadScope(organisation);
    }

    public boolean permits(List<Party> parties) {
        return organisation == null
                || parties != null && parties.stream().anyMatch(party -> party.organisationName().equals(organisation));
    }
}
