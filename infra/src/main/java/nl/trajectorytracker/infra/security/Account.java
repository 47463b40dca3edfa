package nl.trajectorytracker.infra.security;

import java.time.Instant;
import java.util.List;

/** A stored account: who it is, its one role and what binds that role, and whether it was revoked. */
public record Account(String id, String name, Role role, String organisation, List<String> studies,
        Instant createdAt, Instant revokedAt) {

    public Account {
        studies = studies == null ? List.of() : List.copyOf(studies);
    }

    public boolean active() {
        return revokedAt == null;
    }

    public TrackerPrincipal principal() {
        return new TrackerPrincipal(id, name, role, organisation, studies);
    }
}
