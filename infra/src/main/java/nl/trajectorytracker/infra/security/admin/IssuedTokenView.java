package nl.trajectorytracker.infra.security.admin;

import java.time.Instant;

/** A freshly issued token; {@code token} is shown this once and stored only as a hash. */
public record IssuedTokenView(String id, String accountId, String token, Instant createdAt) {
}
