package nl.trajectorytracker.infra.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.interfaces.RSAPrivateKey;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.List;

import org.axonframework.eventsourcing.eventstore.EventStore;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;

import nl.trajectorytracker.api.events.TrajectoryStarted;
import nl.trajectorytracker.infra.RunningTracker;

/**
 * With a JWT key configured, JWTs are accepted beside API tokens; role and organisation come from the configured
 * claims (here {@code tracker_role} and {@code org}). The key is generated locally, as an issuer's would be.
 */
class JwtClaimMappingTest {

    @TempDir
    static Path data;

    private static KeyPair issuerKey;
    private static KeyPair otherKey;
    private static RunningTracker tracker;

    @BeforeAll
    static void start() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        issuerKey = generator.generateKeyPair();
        otherKey = generator.generateKeyPair();
        Path publicKey = data.resolve("issuer.pub.pem");
        Files.writeString(publicKey, "-----BEGIN PUBLIC KEY-----\n"
                + Base64.getMimeEncoder(64, "\n".getBytes()).encodeToString(issuerKey.getPublic().getEncoded())
                + "\n-----END PUBLIC KEY-----\n");
        tracker = RunningTracker.start(data.resolve("tracker"),
                "spring.security.oauth2.resourceserver.jwt.public-key-location=" + publicKey.toUri(),
                "tracker.security.jwt.role-claim=tracker_role",
                "tracker.security.jwt.organisation-claim=org");
    }

    @AfterAll
    static void stop() {
        tracker.close();
    }

    private static String jwt(KeyPair key, JWTClaimsSet.Builder claims) throws Exception {
        SignedJWT jwt = new SignedJWT(new JWSHeader(JWSAlgorithm.RS256), claims.build());
        jwt.sign(new RSASSASigner((RSAPrivateKey) key.getPrivate()));
        return jwt.serialize();
    }

    private static JWTClaimsSet.Builder claims(String subject) {
        return new JWTClaimsSet.Builder().subject(subject).issueTime(new Date())
                .expirationTime(Date.from(Instant.now().plusSeconds(300)));
    }

    @Test
    void aNegotiatorsJwt_actsForTheOrganisationInItsClaim() throws Exception {
        RunningTracker.Client negotiator = tracker.as(jwt(issuerKey,
                claims("dora@ziekenhuis-amstelland.nl").claim("tracker_role", "negotiator")
                        .claim("org", "Ziekenhuis Amstelland")));

        RunningTracker.Response created = negotiator.post("/api/trajectories", """
                {"title": "Via OIDC", "parties": [
                  {"organisationName": "Zilveren Kruis", "type": "INSURER"},
                  {"organisationName": "Ziekenhuis Amstelland", "type": "CARE_PROVIDER"}]}
                """);

        assertThat(created.status()).isEqualTo(201);
        String id = created.json().get("id").asText();
        TrajectoryStarted started = (TrajectoryStarted) tracker.bean(EventStore.class).readEvents(id).asStream()
                .toList().get(0).getPayload();
        assertThat(started.actor().principal()).isEqualTo("dora@ziekenhuis-amstelland.nl");
        assertThat(started.actor().organisation()).isEqualTo("Ziekenhuis Amstelland");
        assertThat(negotiator.getEventually("/api/trajectories/" + id, 200).status()).isEqualTo(200);
        assertThat(negotiator.post("/api/admin/accounts", "{}").status()).isEqualTo(403);
    }

    @Test
    void aRoleListClaim_isMapped_andAnAuditorReadsButDoesNotWrite() throws Exception {
        RunningTracker.Client auditor = tracker.as(jwt(issuerKey,
                claims("eva-auditor").claim("tracker_role", List.of("offline_access", "ROLE_AUDITOR"))));

        assertThat(auditor.get("/api/trajectories").status()).isEqualTo(200);
        assertThat(auditor.post("/api/trajectories", "{}").status()).isEqualTo(403);
    }

    @Test
    void aJwtWithoutAUsableRoleOrOrganisation_isRefused() throws Exception {
        String noRole = jwt(issuerKey, claims("frank"));
        String unknownRole = jwt(issuerKey, claims("frank").claim("tracker_role", "emperor"));
        String defaultClaimName = jwt(issuerKey, claims("frank").claim("role", "AUDITOR"));
        String negotiatorWithoutOrganisation = jwt(issuerKey, claims("frank").claim("tracker_role", "NEGOTIATOR"));

        for (String token : List.of(noRole, unknownRole, defaultClaimName, negotiatorWithoutOrganisation)) {
            RunningTracker.Response refused = tracker.as(token).get("/api/trajectories");
            assertThat(refused.status()).isEqualTo(401);
            assertThat(refused.header("Content-Type")).startsWith("application/problem+json");
        }
    }

    @Test
    void aJwtSignedByAnotherKey_orExpired_isRefused() throws Exception {
        String forged = jwt(otherKey, claims("mallory").claim("tracker_role", "AUDITOR"));
        String expired = jwt(issuerKey, new JWTClaimsSet.Builder().subject("gert").claim("tracker_role", "AUDITOR")
                .issueTime(Date.from(Instant.now().minusSeconds(7200)))
                .expirationTime(Date.from(Instant.now().minusSeconds(3600))));

        assertThat(tracker.as(forged).get("/api/trajectories").status()).isEqualTo(401);
        assertThat(tracker.as(expired).get("/api/trajectories").status()).isEqualTo(401);
    }

    @Test
    void apiTokensStillWork_besideJwts() {
        assertThat(tracker.asAdmin().get("/api/admin/accounts").status()).isEqualTo(200);
        assertThat(tracker.as(ApiTokens.generate()).get("/api/admin/accounts").status()).isEqualTo(401);
    }
}
