package nl.trajectorytracker.infra.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.web.server.context.WebServerApplicationContext;

import nl.trajectorytracker.infra.RunningTracker;

/** Abuse gets 413 and 429 problem details, not an out-of-memory. */
class LimitsTest {

    @TempDir
    Path data;

    @Test
    void aBodyAboveTheLimit_isA413_whetherItsLengthIsDeclaredOrNot() throws Exception {
        try (RunningTracker tracker = RunningTracker.start(data, "tracker.security.max-body-size=1KB")) {
            String big = "{\"title\": \"" + "x".repeat(2000) + "\", \"parties\": []}";

            RunningTracker.Response declared = tracker.post("/api/trajectories", big);
            HttpResponse<String> chunked = postChunked(tracker, big);

            assertThat(declared.status()).isEqualTo(413);
            assertThat(declared.header("Content-Type")).startsWith("application/problem+json");
            assertThat(declared.json().get("type").asText()).isEqualTo(Problems.PAYLOAD_TOO_LARGE);
            assertThat(chunked.statusCode()).isEqualTo(413);
            assertThat(chunked.headers().firstValue("Content-Type")).hasValueSatisfying(
                    type -> assertThat(type).startsWith("application/problem+json"));
            assertThat(tracker.post("/api/trajectories", """
                    {"title": "small", "parties": [{"organisationName": "Zilveren Kruis", "type": "INSURER"}]}
                    """).status()).isEqualTo(201);
        }
    }

    private static HttpResponse<String> postChunked(RunningTracker tracker, String body) throws Exception {
        int port = ((WebServerApplicationContext) tracker.context()).getWebServer().getPort();
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/trajectories"))
                .header("Authorization", "Bearer " + tracker.negotiator().token())
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofInputStream(
                        () -> new ByteArrayInputStream(body.getBytes(StandardCharsets.UTF_8))))
                .build();
        return HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void aPrincipalAboveTheRate_getsA429WithRetryAfter_whileOthersAreServed() {
        try (RunningTracker tracker = RunningTracker.start(data,
                "tracker.security.rate-limit.requests-per-second=0.5",
                "tracker.security.rate-limit.burst=3")) {
            RunningTracker.Client auditor = tracker.createAuditor("busy-auditor");
            RunningTracker.Client other = tracker.createAuditor("quiet-auditor");

            for (int i = 0; i < 3; i++) {
                assertThat(auditor.get("/api/trajectories").status()).isEqualTo(200);
            }

            assertRateLimited(auditor.get("/api/trajectories"));
            assertThat(other.get("/api/trajectories").status()).isEqualTo(200);
        }
    }

    @Test
    void aTokenRefusedTooOften_getsA429BeforeItIsLookedAt_whileOtherClientsOnTheSameAddressAreServed() {
        try (RunningTracker tracker = RunningTracker.start(data,
                "tracker.security.failed-authentication.per-minute=30",
                "tracker.security.failed-authentication.burst=3")) {
            RunningTracker.Client wrongToken = tracker.as(ApiTokens.generate());
            RunningTracker.Client auditor = tracker.createAuditor("auditor-on-the-same-address");

            for (int i = 0; i < 3; i++) {
                assertThat(wrongToken.get("/api/trajectories").status()).isEqualTo(401);
            }

            assertRateLimited(wrongToken.get("/api/trajectories"));
            // behind a proxy every client shares an address: a broken one must not lock out the others
            assertThat(auditor.get("/api/trajectories").status()).isEqualTo(200);
            assertThat(tracker.as(ApiTokens.generate()).get("/api/trajectories").status()).isEqualTo(401);
            // a refusal is forgiven every two seconds here
            assertThat(wrongToken.getEventually("/api/trajectories", 401).status()).isEqualTo(401);
        }
    }

    /** A 429 problem that says when to try again: within the two seconds these tests' rates refill a token in. */
    private static void assertRateLimited(RunningTracker.Response response) {
        assertThat(response.status()).isEqualTo(429);
        assertThat(response.header("Content-Type")).startsWith("application/problem+json");
        assertThat(response.json().get("type").asText()).isEqualTo(Problems.RATE_LIMITED);
        assertThat(Integer.parseInt(response.header("Retry-After"))).isBetween(1, 2);
    }
}
