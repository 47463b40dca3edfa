package nl.trajectorytracker.infra.security;

import java.time.Instant;

/** A stored API token, known by its id; the token itself is never stored, only its hash. */
public record ApiToken(String id, String accountId, Instant createdAt, Instant revokedAt) {

    public boolean active() {
        return revokedAt == null;
    }
}
