package nl.trajectorytracker.infra.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import com.fasterxml.jackson.databind.JsonNode;

import nl.trajectorytracker.infra.RunningTracker;

/**
 * Every endpoint with every kind of caller: the expected status of each cell of the table below. Columns: no
 * token, a revoked token, an administrator, a negotiator whose organisation is a party of the trajectory, a
 * negotiator of a foreign organisation, an auditor, a researcher.
 */
class AccessMatrixTest {

    enum Caller { NONE, REVOKED, ADMIN, OWN_NEGOTIATOR, FOREIGN_NEGOTIATOR, AUDITOR, RESEARCHER }

    private static final String TRAJECTORY = """
            {"title": "Zilveren Kruis and Ziekenhuis Amstelland",
             "parties": [{"organisationName": "Zilveren Kruis", "type": "INSURER"},
                         {"organisationName": "Ziekenhuis Amstelland", "type": "CARE_PROVIDER"}]}
            """;

    /** endpoint | NONE REVOKED ADMIN OWN FOREIGN AUDITOR RESEARCHER */
    private static final String[] TABLE = {
        "GET    /api/trajectories                 | 401 401 403 200 200 200 403",
        "GET    /api/trajectories/{trajectory}    | 401 401 403 200 404 200 403",
        "POST   /api/trajectories/{trajectory}/notes | 401 401 403 200 404 403 403",
        "POST   /api/trajectories                 | 401 401 403 201 400 403 403",
        "GET    /api/admin/accounts               | 401 401 200 403 403 403 403",
        "GET    /api/admin/accounts/{account}     | 401 401 200 403 403 403 403",
        "POST   /api/admin/accounts               | 401 401 201 403 403 403 403",
        "POST   /api/admin/accounts/{account}/tokens | 401 401 201 403 403 403 403",
        "POST   /api/admin/tokens/{token}/revoke  | 401 401 204 403 403 403 403",
        "DELETE /api/admin/tokens/{token}         | 401 401 204 403 403 403 403",
        "POST   /api/admin/accounts/{account}/revoke | 401 401 204 403 403 403 403",
        "DELETE /api/admin/accounts/{account}     | 401 401 204 403 403 403 403",
        "GET    /actuator/health                  | 200 401 200 200 200 200 200",
        "GET    /actuator/info                    | 401 401 200 403 403 403 403",
        "GET    /actuator/metrics                 | 401 401 200 403 403 403 403",
        "GET    /api/research/studies             | 401 401 403 403 403 403 200",
        "GET    /api/admin/studies                | 401 401 200 403 403 403 403",
        "GET    /api/playbook                     | 401 401 403 200 200 200 200",
        "GET    /api/audit/trajectories           | 401 401 403 403 403 404 403",
        "GET    /api/somewhere-else               | 401 401 403 403 403 403 403",
        "GET    /api/me                           | 401 401 200 200 200 200 200",
    };

    @TempDir
    static Path data;

    private static RunningTracker tracker;
    private static final Map<Caller, RunningTracker.Client> clients = new EnumMap<>(Caller.class);
    private static String trajectoryId;

    @BeforeAll
    static void start() {
        // every row sends a revoked token: the matrix is about who reaches what, not about throttling
        tracker = RunningTracker.start(data, "tracker.security.rate-limit.enabled=false",
                "tracker.security.failed-authentication.enabled=false");
        RunningTracker.Client revoked = tracker.createAuditor("revoked-auditor");
        assertThat(tracker.asAdmin().post("/api/admin/tokens/" + revoked.tokenId() + "/revoke", "").status())
                .isEqualTo(204);
        clients.put(Caller.NONE, tracker.anonymous());
        clients.put(Caller.REVOKED, revoked);
        clients.put(Caller.ADMIN, tracker.asAdmin());
        clients.put(Caller.OWN_NEGOTIATOR, tracker.createNegotiator("own-negotiator", "Zilveren Kruis"));
        clients.put(Caller.FOREIGN_NEGOTIATOR, tracker.createNegotiator("foreign-negotiator", "Gemeente Utrecht"));
        clients.put(Caller.AUDITOR, tracker.createAuditor("auditor"));
        clients.put(Caller.RESEARCHER, tracker.createResearcher("researcher", List.of("trust-2025")));

        RunningTracker.Response created = clients.get(Caller.OWN_NEGOTIATOR).post("/api/trajectories", TRAJECTORY);
        assertThat(created.status()).isEqualTo(201);
        trajectoryId = created.json().get("id").asText();
        assertThat(clients.get(Caller.OWN_NEGOTIATOR).getEventually("/api/trajectories/" + trajectoryId, 200)
                .status()).isEqualTo(200);
    }

    @AfterAll
    static void stop() {
        tracker.close();
    }

    static Stream<Arguments> cells() {
        List<Arguments> cells = new ArrayList<>();
        for (String row : TABLE) {
            String[] halves = row.split("\\|");
            String[] endpoint = halves[0].trim().split("\\s+");
            String[] statuses = halves[1].trim().split("\\s+");
            assertThat(statuses).hasSize(Caller.values().length);
            for (Caller caller : Caller.values()) {
                cells.add(Arguments.of(endpoint[0], endpoint[1], caller, Integer.parseInt(statuses[caller.ordinal()])));
            }
        }
        return cells.stream();
    }

    @ParameterizedTest(name = "{0} {1} as {2} -> {3}")
    @MethodSource("cells")
    void everyCallerGetsTheExpectedStatus(String method, String template, Caller caller, int expected) {
        String path = template.replace("{trajectory}", trajectoryId);
        if (path.contains("{account}")) {
            path = path.replace("{account}", throwawayAccount().accountId());
        }
        if (path.contains("{token}")) {
            path = path.replace("{token}", throwawayAccount().tokenId());
        }
        String body = method.equals("POST") ? bodyFor(path) : null;

        RunningTracker.Response response = clients.get(caller).send(method, path, body);

        assertThat(response.status()).as(response.body()).isEqualTo(expected);
        if (expected == 401 || expected == 403) {
            assertThat(response.header("Content-Type")).startsWith("application/problem+json");
            assertThat(response.json().get("status").asInt()).isEqualTo(expected);
        }
        if (expected == 401) {
            assertThat(response.header("WWW-Authenticate")).startsWith("Bearer");
        }
    }

    @Test
    void everyCaller_learnsWhoTheyAre_roleOrganisationAndStudies() {
        JsonNode negotiator = clients.get(Caller.OWN_NEGOTIATOR).get("/api/me").json();
        assertThat(negotiator.get("name").asText()).isEqualTo("own-negotiator");
        assertThat(negotiator.get("role").asText()).isEqualTo("NEGOTIATOR");
        assertThat(negotiator.get("organisation").asText()).isEqualTo("Zilveren Kruis");
        assertThat(negotiator.get("studies")).isEmpty();

        JsonNode researcher = clients.get(Caller.RESEARCHER).get("/api/me").json();
        assertThat(researcher.get("role").asText()).isEqualTo("RESEARCHER");
        assertThat(researcher.get("organisation").isNull()).isTrue();
        assertThat(researcher.get("studies").toString()).isEqualTo("[\"trust-2025\"]");

        assertThat(clients.get(Caller.AUDITOR).get("/api/me").json().get("role").asText()).isEqualTo("AUDITOR");
        assertThat(clients.get(Caller.ADMIN).get("/api/me").json().get("role").asText()).isEqualTo("ADMIN");
    }

    private static String bodyFor(String path) {
        if (path.equals("/api/trajectories")) {
            return TRAJECTORY;
        }
        if (path.endsWith("/notes")) {
            return "{\"text\": \"A note from the access matrix\"}";
        }
        if (path.equals("/api/admin/accounts")) {
            return "{\"name\": \"matrix-" + UUID.randomUUID() + "\", \"role\": \"AUDITOR\"}";
        }
        return "";
    }

    private static RunningTracker.Client throwawayAccount() {
        return tracker.createAuditor("throwaway-" + UUID.randomUUID());
    }
}
