package nl.trajectorytracker.infra.security.admin;

import java.time.Instant;
import java.util.List;

import nl.trajectorytracker.infra.security.Account;
import nl.trajectorytracker.infra.security.ApiToken;

/** An account as administrators see it: never a token, only token ids and their state. */
public record AccountView(String id, String name, String role, String organisation, List<String> studies,
        Instant createdAt, Instant revokedAt, List<TokenView> tokens) {

    static AccountView of(Account account, List<ApiToken> tokens) {
        return new AccountView(account.id(), account.name(), account.role().name(), account.organisation(),
                account.studies(), account.createdAt(), account.revokedAt(),
                tokens.stream().map(TokenView::of).toList());
    }

    /** A token by id, with when it was issued and revoked. */
    public record TokenView(String id, Instant createdAt, Instant revokedAt) {

        static TokenView of(ApiToken token) {
            return new TokenView(token.id(), token.createdAt(), token.revokedAt());
        }
    }
}
