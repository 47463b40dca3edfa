package nl.trajectorytracker.infra.security;

import static com.mongodb.client.model.Filters.and;
import static com.mongodb.client.model.Filters.eq;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.bson.Document;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoWriteException;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;

import nl.trajectorytracker.infra.audit.SigningKey;


/**
 * Accounts and their API tokens in MongoDB. A token document's {@code _id} is the SHA-256 of the token, so the
 * look-up on every request is an {@code _id} look-up; the token itself is never stored.
 */
@Component
public class AccountStore {

    private static final Logger log = LoggerFactory.getLogger(AccountStore.class);

    static final String ACCOUNTS = "security_accounts";
    static final String TOKENS = "security_api_tokens";

    /** What an account's seal covers: everything that decides who it is and what it may do. */
    private static final List<String> ACCOUNT_FIELDS = List.of("_id", "name", "role", "organisation", "studies",
            "createdAt", "revokedAt");
    private static final List<String> TOKEN_FIELDS = List.of("_id", "tokenId", "accountId", "configured", "createdAt",
            "revokedAt");

    private final MongoCollection<Document> accounts;
    private final MongoCollection<Document> tokens;
    private final Clock clock;
    private final DocumentSeals seals;

    public AccountStore(MongoDatabase trackerDatabase, Clock clock, SigningKey signingKey,
            @Value("${tracker.data-dir:./data}") Path dataDirectory) {
        this.accounts = trackerDatabase.getCollection(ACCOUNTS);
        this.tokens = trackerDatabase.getCollection(TOKENS);
        this.clock = clock;
        this.seals = DocumentSeals.keyedFrom(signingKey, "account-seals", "Accounts and tokens");
        accounts.createIndex(Indexes.ascending("name"), new IndexOptions().unique(true).name("account_name"));
        tokens.createIndex(Indexes.ascending("tokenId"), new IndexOptions().unique(true).name("token_id"));
        seals.adoptOnce(dataDirectory, DocumentSeals.ADOPTED, List.of(accounts, tokens),
                List.of(ACCOUNT_FIELDS, TOKEN_FIELDS));
    }

    /** Thrown when an account name is taken already. */
    public static final class NameTaken extends RuntimeException {
        NameTaken(String name) {
            super("An account named '" + name + "' exists already");
        }
    }

    public Account create(String name, Role role, String organisation, List<String> studies) {
        Account account = new Account(UUID.randomUUID().toString(), name, role, organisation, studies,
                now(), null);
        try {
            accounts.insertOne(seals.sealed(new Document("_id", account.id())
                    .append("name", account.name())
                    .append("role", account.role().name())
                    .append("organisation", account.organisation())
                    .append("studies", account.studies())
                    .append("createdAt", Date.from(account.createdAt()))
                    .append("revokedAt", null), ACCOUNT_FIELDS));
        } catch (MongoWriteException e) {
            if (e.getError().getCategory() == ErrorCategory.DUPLICATE_KEY) {
                throw new NameTaken(name);
            }
            throw e;
        }
        return account;
    }

    /** Issues a new token for the account and returns it; this is the only time the token is seen. */
    public IssuedToken issueToken(String accountId) {
        String token = ApiTokens.generate();
        ApiToken stored = storeToken(accountId, token, false);
        return new IssuedToken(stored, token);
    }

    /**
     * Stores the hash of a token chosen elsewhere (the configured administrator token), marked as configured so a
     * later configuration can replace it.
     */
    public ApiToken storeConfiguredToken(String accountId, String token) {
        return storeToken(accountId, token, true);
    }

    private ApiToken storeToken(String accountId, String token, boolean configured) {
        ApiToken stored = new ApiToken(UUID.randomUUID().toString(), accountId, now(), null);
        tokens.insertOne(seals.sealed(new Document("_id", ApiTokens.hash(token))
                .append("tokenId", stored.id())
                .append("accountId", accountId)
                .append("configured", configured)
                .append("createdAt", Date.from(stored.createdAt()))
                .append("revokedAt", null), TOKEN_FIELDS));
        return stored;
    }

    /** Revokes every active configured token except {@code token}; returns how many were revoked. */
    public long revokeConfiguredTokensOtherThan(String token) {
        String keep = ApiTokens.hash(token);
        List<String> replaced = new ArrayList<>();
        tokens.find(and(eq("configured", true), eq("revokedAt", null))).forEach(document -> {
            if (!keep.equals(document.getString("_id"))) {
                replaced.add(document.getString("tokenId"));
            }
        });
        replaced.forEach(this::revokeToken);
        return replaced.size();
    }

    /** The token stored under the hash of {@code token}, if any. */
    public Optional<ApiToken> findToken(String token) {
        return Optional.ofNullable(tokens.find(eq("_id", ApiTokens.hash(token))).first()).flatMap(this::token);
    }

    /** The active account the token belongs to, when both the token and the account are active. */
    public Optional<Account> authenticate(String token) {
        return findToken(token)
                .filter(ApiToken::active)
                .flatMap(stored -> findAccount(stored.accountId()))
                .filter(Account::active);
    }

    public Optional<Account> findAccount(String id) {
        return Optional.ofNullable(accounts.find(eq("_id", id)).first()).flatMap(this::account);
    }

    public List<Account> allAccounts() {
        List<Account> all = new ArrayList<>();
        accounts.find().sort(new Document("createdAt", 1)).forEach(document -> account(document).ifPresent(all::add));
        return all;
    }

    public List<ApiToken> tokensOf(String accountId) {
        List<ApiToken> all = new ArrayList<>();
        tokens.find(eq("accountId", accountId)).forEach(document -> token(document).ifPresent(all::add));
        all.sort(java.util.Comparator.comparing(ApiToken::createdAt));
        return all;
    }

    public Optional<ApiToken> findTokenById(String tokenId) {
        return Optional.ofNullable(tokens.find(eq("tokenId", tokenId)).first()).flatMap(this::token);
    }

    public boolean hasActiveAdministrator() {
        return activeAdministrators() > 0;
    }

    /** The administrators that can sign in: one raised to it in the database does not count (nor keep the last). */
    public long activeAdministrators() {
        List<Account> administrators = new ArrayList<>();
        accounts.find(and(eq("role", Role.ADMIN.name()), eq("revokedAt", null)))
                .forEach(document -> account(document).filter(Account::active).ifPresent(administrators::add));
        return administrators.size();
    }

    /** Revokes a token; true when it existed. Revoking twice keeps the first moment. */
    public boolean revokeToken(String tokenId) {
        Document stored = tokens.find(eq("tokenId", tokenId)).first();
        Optional<ApiToken> token = Optional.ofNullable(stored).flatMap(this::token);
        if (token.filter(ApiToken::active).isPresent()) {
            stored.put("revokedAt", Date.from(now()));
            tokens.replaceOne(eq("_id", stored.get("_id")), seals.sealed(stored, TOKEN_FIELDS));
        }
        return token.isPresent();
    }

    /** Revokes an account, which makes all its tokens useless; true when it existed. */
    public boolean revokeAccount(String accountId) {
        Document stored = accounts.find(eq("_id", accountId)).first();
        Optional<Account> account = Optional.ofNullable(stored).flatMap(this::account);
        if (account.filter(Account::active).isPresent()) {
            stored.put("revokedAt", Date.from(now()));
            accounts.replaceOne(eq("_id", accountId), seals.sealed(stored, ACCOUNT_FIELDS));
        }
        return account.isPresent();
    }

    /**
     * Replaces the name of every account with this name by {@code [erased]-<id>} and revokes it; returns how many
     * accounts there were.
     */
    public int anonymise(String name) {
        List<Document> named = new ArrayList<>();
        accounts.find(eq("name", name.strip())).forEach(named::add);
        for (Document stored : named) {
            // by the stored document, not the account read from it: one a database write left unreadable is erased too
            Object id = stored.get("_id");
            if (stored.get("revokedAt") == null) {
                stored.put("revokedAt", Date.from(now()));
            }
            stored.put("name", "[erased]-" + id);
            accounts.replaceOne(eq("_id", id), seals.sealed(stored, ACCOUNT_FIELDS));
        }
        return named.size();
    }

    private Instant now() {
        return clock.instant();
    }

    /**
     * The account a document describes; none when a database write left it unreadable (a role this service does not
     * have, a date as text): such an account cannot sign in (401, not 500), and the log says which and why.
     */
    private Optional<Account> account(Document document) {
        if (!seals.holds(document, ACCOUNT_FIELDS)) {
            log.error("Account {} is not as this service stored it (changed in the database?); it cannot sign in",
                    document.get("_id"));
            return Optional.empty();
        }
        try {
            return Optional.of(new Account(document.getString("_id"), document.getString("name"),
                    Role.valueOf(document.getString("role")), document.getString("organisation"),
                    document.getList("studies", String.class), instant(document.getDate("createdAt")),
                    instant(document.getDate("revokedAt"))));
        } catch (RuntimeException e) {
            log.error("Account {} is stored in a form this service does not write ({}); it cannot sign in",
                    document.get("_id"), e.toString());
            return Optional.empty();
        }
    }

    /** The token a document describes; none when a database write left it unreadable, which then cannot sign in. */
    private Optional<ApiToken> token(Document document) {
        if (!seals.holds(document, TOKEN_FIELDS)) {
            log.error("Token {} is not as this service stored it (changed in the database?); it cannot sign in",
                    document.get("tokenId"));
            return Optional.empty();
        }
        try {
            return Optional.of(new ApiToken(document.getString("tokenId"), document.getString("accountId"),
                    instant(document.getDate("createdAt")), instant(document.getDate("revokedAt"))));
        } catch (RuntimeException e) {
            log.error("Token {} is stored in a form this service does not write ({}); it cannot sign in",
                    document.get("tokenId"), e.toString());
            return Optional.empty();
        }
    }

    private static Instant instant(Date date) {
        return date == null ? null : date.toInstant();
    }

    /** A freshly issued token: its stored description and the token itself, shown once. */
    public record IssuedToken(ApiToken stored, String token) {
    }
}
