package nl.trajectorytracker.infra.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.bson.Document;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.mongodb.client.MongoDatabase;

import nl.trajectorytracker.infra.RunningTracker;

/** API tokens are stored only as SHA-256 hashes, shown once, and stop working when revoked. */
class ApiTokensAtRestTest {

    @TempDir
    static Path data;

    private static RunningTracker tracker;

    @BeforeAll
    static void start() {
        tracker = RunningTracker.start(data);
    }

    @AfterAll
    static void stop() {
        tracker.close();
    }

    private static List<String> storedSecurityDocuments() {
        MongoDatabase database = tracker.context().getBean("trackerDatabase", MongoDatabase.class);
        List<String> documents = new ArrayList<>();
        for (String collection : List.of(AccountStore.ACCOUNTS, AccountStore.TOKENS)) {
            database.getCollection(collection).find().forEach(document -> documents.add(document.toJson()));
        }
        return documents;
    }

    @Test
    void aToken_isStoredOnlyAsItsHash() {
        RunningTracker.Client negotiator = tracker.createNegotiator("hashed-negotiator", "Zilveren Kruis");

        assertThat(negotiator.token()).startsWith(ApiTokens.PREFIX).hasSizeGreaterThanOrEqualTo(40);
        List<String> stored = storedSecurityDocuments();
        assertThat(stored).isNotEmpty();
        assertThat(stored).noneMatch(document -> document.contains(negotiator.token()));
        assertThat(stored).noneMatch(document -> document.contains(negotiator.token().substring(3)));
        assertThat(stored).noneMatch(document -> document.contains(RunningTracker.ADMIN_TOKEN));
        MongoDatabase database = tracker.context().getBean("trackerDatabase", MongoDatabase.class);
        Document byHash = database.getCollection(AccountStore.TOKENS)
                .find(new Document("_id", ApiTokens.hash(negotiator.token()))).first();
        assertThat(byHash).isNotNull();
        assertThat(byHash.getString("accountId")).isEqualTo(negotiator.accountId());
    }

    @Test
    void theAccountList_showsTokenIdsButNeverTokens() {
        RunningTracker.Client auditor = tracker.createAuditor("listed-auditor");

        RunningTracker.Response list = tracker.asAdmin().get("/api/admin/accounts");

        assertThat(list.status()).isEqualTo(200);
        assertThat(list.body()).contains(auditor.tokenId()).doesNotContain(auditor.token())
                .doesNotContain(RunningTracker.ADMIN_TOKEN).doesNotContain(ApiTokens.hash(auditor.token()));
    }

    @Test
    void aRevokedToken_isRefused_whileAnotherTokenOfTheAccountStillWorks() {
        RunningTracker.Client auditor = tracker.createAuditor("two-token-auditor");
        RunningTracker.Response second = tracker.asAdmin().post("/api/admin/accounts/" + auditor.accountId()
                + "/tokens", "");
        assertThat(second.status()).isEqualTo(201);

        assertThat(tracker.asAdmin().delete("/api/admin/tokens/" + auditor.tokenId()).status()).isEqualTo(204);

        assertThat(auditor.get("/api/trajectories").status()).isEqualTo(401);
        assertThat(tracker.as(second.json().get("token").asText()).get("/api/trajectories").status()).isEqualTo(200);
    }

    @Test
    void aRevokedAccount_makesAllItsTokensUseless() {
        RunningTracker.Client auditor = tracker.createAuditor("revoked-account-auditor");
        assertThat(auditor.get("/api/trajectories").status()).isEqualTo(200);

        assertThat(tracker.asAdmin().post("/api/admin/accounts/" + auditor.accountId() + "/revoke", "").status())
                .isEqualTo(204);

        RunningTracker.Response refused = auditor.get("/api/trajectories");
        assertThat(refused.status()).isEqualTo(401);
        assertThat(refused.json().get("type").asText()).isEqualTo(Problems.UNAUTHENTICATED);
        assertThat(tracker.asAdmin().get("/api/admin/accounts/" + auditor.accountId()).json()
                .get("revokedAt").isNull()).isFalse();
    }

    @Test
    void aGuessedOrUnknownToken_isRefused() {
        assertThat(tracker.as(ApiTokens.generate()).get("/api/trajectories").status()).isEqualTo(401);
        assertThat(tracker.as("not-an-api-token").get("/api/trajectories").status()).isEqualTo(401);
    }

    @Test
    void accountsAreValidated() {
        RunningTracker.Client admin = tracker.asAdmin();

        RunningTracker.Response noOrganisation = admin.post("/api/admin/accounts",
                "{\"name\": \"n1\", \"role\": \"NEGOTIATOR\"}");
        RunningTracker.Response unknownRole = admin.post("/api/admin/accounts",
                "{\"name\": \"n2\", \"role\": \"KING\"}");
        RunningTracker.Response auditorWithOrganisation = admin.post("/api/admin/accounts",
                "{\"name\": \"n3\", \"role\": \"AUDITOR\", \"organisation\": \"Zilveren Kruis\"}");
        tracker.createAuditor("taken-name");
        RunningTracker.Response taken = admin.post("/api/admin/accounts",
                "{\"name\": \"taken-name\", \"role\": \"AUDITOR\"}");

        assertThat(noOrganisation.status()).isEqualTo(400);
        assertThat(noOrganisation.json().get("field").asText()).isEqualTo("organisation");
        assertThat(unknownRole.status()).isEqualTo(400);
        assertThat(unknownRole.json().get("field").asText()).isEqualTo("role");
        assertThat(auditorWithOrganisation.status()).isEqualTo(400);
        assertThat(taken.status()).isEqualTo(409);
        assertThat(taken.header("Content-Type")).startsWith("application/problem+json");
    }

    @Test
    void theLastAdministrator_cannotBeRevoked() {
        String adminId = tracker.asAdmin().get("/api/admin/accounts").json().findParents("role").stream()
                .filter(account -> account.get("role").asText().equals("ADMIN"))
                .findFirst().orElseThrow().get("id").asText();

        RunningTracker.Response refused = tracker.asAdmin().post("/api/admin/accounts/" + adminId + "/revoke", "");

        assertThat(refused.status()).isEqualTo(409);
        assertThat(tracker.asAdmin().get("/api/admin/accounts").status()).isEqualTo(200);
    }

    /**
     * An account or token a database write left in a form this service never writes (a role it does not have, a
     * revocation as text) answered 500 to its holder and broke the administrators' account list: it cannot sign in,
     * and the list goes on without it.
     */
    @Test
    void anAccountOrTokenInAFormTheServiceNeverWrites_cannotSignIn_andBreaksNothingElse() {
        RunningTracker.Client promoted = tracker.createNegotiator("self-promoted", "Zilveren Kruis");
        RunningTracker.Client unrevoked = tracker.createNegotiator("unrevoked", "Zilveren Kruis");
        MongoDatabase database = tracker.context().getBean("trackerDatabase", MongoDatabase.class);
        database.getCollection(AccountStore.ACCOUNTS).updateOne(new Document("_id", promoted.accountId()),
                new Document("$set", new Document("role", "SUPERUSER")));
        database.getCollection(AccountStore.TOKENS).updateOne(new Document("_id", ApiTokens.hash(unrevoked.token())),
                new Document("$set", new Document("revokedAt", "no")));

        assertThat(promoted.get("/api/me").status()).isEqualTo(401);
        assertThat(unrevoked.get("/api/me").status()).isEqualTo(401);
        RunningTracker.Response list = tracker.asAdmin().get("/api/admin/accounts");
        assertThat(list.status()).as(list.body()).isEqualTo(200);
        assertThat(list.body()).contains("unrevoked");
    }

    /**
     * Whoever could write the database raised a researcher to administrator, moved a negotiator into another
     * organisation, renamed one into another's name, revived a revoked account and added a token of their own for
     * the administrator, each taking effect within seconds: the steps they then took were signed as genuine. The
     * accounts and tokens are sealed with a key kept outside the database: none of them can sign in.
     */
    @Test
    void accountsAndTokensChangedInTheDatabase_cannotSignIn() {
        RunningTracker.Client researcher = tracker.createResearcher("raised-researcher", List.of());
        RunningTracker.Client moved = tracker.createNegotiator("moved-negotiator", "Zorggroep Eemland");
        RunningTracker.Client revived = tracker.createNegotiator("revived-negotiator", "Zilveren Kruis");
        assertThat(tracker.asAdmin().post("/api/admin/accounts/" + revived.accountId() + "/revoke", "{}").status())
                .isIn(200, 204);
        MongoDatabase database = tracker.context().getBean("trackerDatabase", MongoDatabase.class);
        var accounts = database.getCollection(AccountStore.ACCOUNTS);
        accounts.updateOne(new Document("_id", researcher.accountId()),
                new Document("$set", new Document("role", "ADMIN")));
        accounts.updateOne(new Document("_id", moved.accountId()),
                new Document("$set", new Document("organisation", "Zilveren Kruis")));
        accounts.updateOne(new Document("_id", revived.accountId()),
                new Document("$set", new Document("revokedAt", null)));
        Document admin = accounts.find(new Document("role", "ADMIN")).first();
        String forged = "tt_" + "A".repeat(43);
        database.getCollection(AccountStore.TOKENS).insertOne(new Document("_id", ApiTokens.hash(forged))
                .append("tokenId", java.util.UUID.randomUUID().toString()).append("accountId", admin.get("_id"))
                .append("configured", false).append("createdAt", new java.util.Date()).append("revokedAt", null));

        assertThat(researcher.get("/api/me").status()).isEqualTo(401);
        assertThat(moved.get("/api/me").status()).isEqualTo(401);
        assertThat(revived.get("/api/me").status()).isEqualTo(401);
        assertThat(tracker.as(forged).get("/api/me").status()).isEqualTo(401);
        assertThat(tracker.asAdmin().get("/api/me").status()).as("the administrator's own token still works")
                .isEqualTo(200);
    }
}
