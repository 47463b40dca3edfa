package nl.trajectorytracker.infra.openapi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

import nl.trajectorytracker.api.playbook.Playbook;
import nl.trajectorytracker.api.playbook.Playbooks;
import nl.trajectorytracker.infra.RunningTracker;
import nl.trajectorytracker.infra.RunningTracker.Client;
import nl.trajectorytracker.infra.RunningTracker.Response;
import nl.trajectorytracker.infra.phasestate.Walkthrough;

/**
 * The served OpenAPI document describes the API exactly: it is the committed {@code openapi.json} the Java client
 * is generated from; every operation has a summary, a description and a tag named for people, in the playbook's
 * order; every refusal is a problem detail; and a trajectory walked through all five phases, every read of it in
 * every role and format, and the refusals of each kind keep to the document, request and answer, as the in-process
 * validator checks them.
 */
class ApiContractTest {

    /** Where the document the client is generated from is kept, relative to the module. */
    static final Path COMMITTED = Path.of("src/test/resources/openapi.json");
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    private static final String PARTIES = """
            [{"organisationName": "Zilveren Kruis", "type": "INSURER"},
             {"organisationName": "Ziekenhuis Amstelland", "type": "CARE_PROVIDER"}]""";

    @TempDir
    static Path data;

    private static RunningTracker tracker;
    private static String served;
    private static JsonNode document;
    private static ContractValidator contract;

    @BeforeAll
    static void start() {
        tracker = RunningTracker.start(data, "tracker.security.rate-limit.enabled=false");
        served = tracker.anonymous().get("/v3/api-docs").body();
        document = json(served);
        contract = ContractValidator.listeningTo(tracker);
    }

    @AfterAll
    static void stop() {
        try {
            if (contract != null) {
                contract.assertNoViolations();
            }
        } finally {
            tracker.close();
        }
    }

    @Test
    void theServedDocument_isTheCommittedOne_theGeneratedClientIsBuiltFrom() throws IOException {
        String normalised = JSON.writeValueAsString(document) + "\n";
        if (Boolean.getBoolean("openapi.update")) {
            Files.writeString(COMMITTED, normalised, StandardCharsets.UTF_8);
        }
        Path current = Path.of("target/openapi.json");
        Files.createDirectories(current.getParent());
        Files.writeString(current, normalised, StandardCharsets.UTF_8);
        assertThat(Files.exists(COMMITTED)).as("%s exists", COMMITTED).isTrue();
        assertThat(json(Files.readString(COMMITTED, StandardCharsets.UTF_8)))
                .as("the served document differs from %s; the served one is in infra/%s: copy it over "
                        + "(or run this test with -Dopenapi.update=true) and rebuild the client", COMMITTED, current)
                .isEqualTo(document);
    }

    @Test
    void everyOperation_hasASummary_aDescription_aTagNamedForPeople_andAUniqueId() {
        Set<String> tags = new HashSet<>();
        document.get("tags").forEach(tag -> tags.add(tag.get("name").asText()));
        Set<String> ids = new HashSet<>();
        List<String> lacking = new ArrayList<>();
        operations().forEach((key, operation) -> {
            if (operation.path("summary").asText().isBlank()) {
                lacking.add(key + ": no summary");
            }
            if (operation.path("description").asText().isBlank()) {
                lacking.add(key + ": no description");
            }
            if (operation.path("tags").size() != 1 || !tags.contains(operation.path("tags").get(0).asText())) {
                lacking.add(key + ": not one of the document's tags: " + operation.path("tags"));
            }
            if (!ids.add(operation.path("operationId").asText()) || operation.path("operationId").asText()
                    .matches(".*_\\d+")) {
                lacking.add(key + ": operation id " + operation.path("operationId") + " is not its own");
            }
        });
        assertThat(lacking).isEmpty();
        assertThat(operations()).hasSizeGreaterThan(100);
    }

    @Test
    void theTags_areNamedForPeople_thePhasesFirst_inThePlaybooksOrder() {
        List<String> names = new ArrayList<>();
        document.get("tags").forEach(tag -> names.add(tag.get("name").asText()));
        assertThat(names).containsExactly("Internal preparation", "Co-design", "Negotiation", "Running agreement",
                "After the agreement", "Any phase", "Trajectories", "Playbook", "Audit", "Research",
                "Administration");
        Playbook playbook = Playbooks.current();
        for (int phase = 0; phase < 5; phase++) {
            assertThat(names.get(phase)).isEqualTo(playbook.phases().get(phase).name().en());
        }
    }

    /**
     * Within a phase, a step that answers one of the phase's guiding questions comes after every step answering an
     * earlier question of the playbook (steps that answer none keep their place beside their kin).
     */
    @Test
    void theStepsOfEachPhase_areListedInThePlaybooksOrder() {
        Playbook playbook = Playbooks.current();
        List<String> questions = new ArrayList<>();
        playbook.phases().forEach(phase -> phase.topics().forEach(topic -> topic.questions()
                .forEach(question -> questions.add(question.id()))));
        Map<String, ApiCatalogue.Operation> catalogue = ApiCatalogue.load().operations();
        for (int phase = 0; phase < 5; phase++) {
            String tag = playbook.phases().get(phase).name().en();
            String prefix = "P" + (phase + 1) + ".";
            int reached = -1;
            List<String> listed = new ArrayList<>();
            for (Map.Entry<String, JsonNode> operation : operations().entrySet()) {
                if (!operation.getValue().path("tags").get(0).asText().equals(tag)) {
                    continue;
                }
                listed.add(operation.getKey());
                List<String> answers = catalogue.get(operation.getKey()).answers();
                if (!answers.isEmpty() && answers.get(0).startsWith(prefix)) {
                    int at = questions.indexOf(answers.get(0));
                    assertThat(at).as("%s answers %s, which is in the playbook", operation.getKey(), answers.get(0))
                            .isNotNegative();
                    assertThat(at).as("%s is listed after a step of a later question", operation.getKey())
                            .isGreaterThanOrEqualTo(reached);
                    reached = at;
                }
            }
            assertThat(listed).as(tag).isNotEmpty();
        }
        List<String> phaseOne = new ArrayList<>();
        operations().forEach((key, operation) -> {
            if (operation.path("tags").get(0).asText().equals("Internal preparation")) {
                phaseOne.add(key.substring(key.lastIndexOf('/') + 1));
            }
        });
        assertThat(phaseOne).startsWith("strategic-goals", "strategic-goal-revisions", "internal-interests");
    }

    @Test
    void everyRefusal_isAProblemDetail_andEveryCommandDeclaresItsHeadersAndStatus() {
        JsonNode responses = document.at("/components/responses");
        responses.fields().forEachRemaining(response -> assertThat(response.getValue()
                .at("/content/application~1problem+json/schema/$ref").asText())
                .as(response.getKey()).isEqualTo("#/components/schemas/Problem"));
        assertThat(document.at("/components/schemas/Problem/properties").has("code")).isTrue();
        assertThat(document.at("/components/schemas/Problem/properties").has("field")).isTrue();
        assertThat(document.at("/components/schemas/Problem/properties").has("current_version")).isTrue();
        operations().forEach((key, operation) -> {
            operation.get("responses").fields().forEachRemaining(response -> {
                if (Integer.parseInt(response.getKey()) >= 400) {
                    assertThat(response.getValue().path("$ref").asText()).as("%s %s", key, response.getKey())
                            .startsWith("#/components/responses/");
                }
            });
            for (String status : List.of("400", "401", "403", "406", "429", "503")) {
                assertThat(operation.get("responses").has(status)).as("%s documents %s", key, status).isTrue();
            }
        });
        JsonNode step = operations().get("POST /api/trajectories/{id}/batna");
        assertThat(step.get("parameters").toString()).contains("If-Match", "Idempotency-Key", "X-Correlation-Id");
        assertThat(step.at("/responses/200/headers").has("ETag")).isTrue();
        assertThat(step.at("/responses/200/headers").has("Idempotent-Replayed")).isTrue();
        assertThat(step.get("responses").has("412")).isTrue();
        JsonNode start = operations().get("POST /api/trajectories");
        assertThat(start.get("responses").has("201")).isTrue();
        assertThat(start.get("responses").has("200")).isFalse();
        assertThat(start.at("/responses/201/headers").has("Location")).isTrue();
        assertThat(operations().get("POST /api/trajectories/{id}/follow-ups").get("responses").has("201")).isTrue();
        assertThat(operations().get("GET /api/trajectories/{id}/report").at("/responses/200/content").fieldNames())
                .toIterable().containsExactly("application/json", "text/html", "application/pdf");
    }

    @Test
    void requiredAndNullableMembers_areDeclared() {
        JsonNode schemas = document.at("/components/schemas");
        assertThat(schemas.at("/History/properties/nextFromSequence/type").toString()).contains("null");
        assertThat(schemas.at("/PhaseState/properties/predecessorId/type").toString()).contains("null");
        assertThat(schemas.at("/SharingArrangement/properties/capEur/type").toString()).contains("null");
        assertThat(schemas.at("/PhaseProgress/properties/enteredBy/anyOf").toString()).contains("null");
        assertThat(schemas.at("/SetStrategicGoalRequest/required").toString()).contains("goalId", "goal")
                .doesNotContain("challenge", "occurredAt");
        assertThat(schemas.at("/StepRecorded/required").toString()).contains("trajectoryId", "version");

        RecordSchemas catalogue = ApiCatalogue.load().recordSchemas();
        List<String> stale = new ArrayList<>();
        for (String schema : catalogue.listedSchemas()) {
            JsonNode properties = schemas.path(schema).path("properties");
            if (properties.isMissingNode()) {
                stale.add(schema + " is no schema of the document");
            }
        }
        assertThat(stale).as("openapi/schemas.json lists only schemas of the document").isEmpty();
    }

    @Test
    void aTrajectoryWalkedThroughAllFivePhases_andEveryReadOfIt_keepToTheDocument() {
        Client negotiator = tracker.negotiator();
        String id = negotiator.post("/api/trajectories", "{\"title\": \"Contract walk\", \"parties\": " + PARTIES
                + "}").json().get("id").asText();
        long version = 0;
        for (Walkthrough.Step step : Walkthrough.STEPS) {
            Response answer = negotiator.post("/api/trajectories/" + id + "/" + step.path(), step.json(),
                    "If-Match", "\"" + version + "\"", "Idempotency-Key", "walk-" + id + "-" + version,
                    "X-Correlation-Id", "contract-" + version);
            assertThat(answer.status()).as("%s: %s", step.path(), answer.body()).isEqualTo(200);
            version = answer.json().get("version").asLong();
        }
        Response followUp = negotiator.post("/api/trajectories/" + id + "/follow-ups", "{\"title\": \"Next\", "
                + "\"parties\": " + PARTIES + "}", "If-Match", "\"" + version + "\"");
        assertThat(followUp.status()).as(followUp.body()).isEqualTo(201);
        String base = "/api/trajectories/" + id;
        long last = version;
        await().atMost(Duration.ofSeconds(15)).until(() -> negotiator.get(base + "/phases").json()
                .path("version").asLong() > last);
        await().atMost(Duration.ofSeconds(15)).until(() -> negotiator.get("/api/audit/tree-head").status() == 200);

        for (String read : List.of("/api/trajectories?page=0&size=5", "/api/trajectories?phase=after-agreement"
                + "&partyType=INSURER&sort=title,asc", base, base + "/phases", base + "/phases/CO_DESIGN",
                base + "/phases/3?version=20", base + "/phases?asOf=2030-01-01&knownAt=2099-01-01T00:00:00Z",
                base + "/diff?from=10&to=30", base + "/diff?fromKnownAt=2020-01-01", base + "/decisions",
                base + "/decisions?from=2000-01-01&to=2099-12-31&phase=NEGOTIATION", base + "/trust",
                base + "/stakeholders", base + "/monitoring", base + "/monitoring?asOf=2030-01-01&dueWithinDays=10",
                base + "/verify", base + "/history?page=1&size=5", base + "/history", base + "/export",
                base + "/report", base + "/report?version=12", "/api/playbook", "/api/playbook/versions",
                "/api/playbook/versions/2025.1", "/api/audit/public-key", "/api/audit/consistency?from=1")) {
            Response answer = negotiator.get(read);
            assertThat(answer.status()).as("%s: %s", read, answer.body()).isEqualTo(200);
        }
        Client auditor = tracker.createAuditor("contract-auditor");
        for (String read : List.of(base, base + "/report?format=html", "/api/audit/trajectories/" + id + "/state",
                "/api/audit/trajectories/" + id + "/state?asOf=2020-06-01", "/api/audit/breaks", "/api/playbook",
                "/api/playbook/versions/2025.1")) {
            Response answer = auditor.get(read);
            assertThat(answer.status()).as("%s: %s", read, answer.body()).isEqualTo(200);
        }
    }

    @Test
    void theReport_answersInEachOfItsThreeMediaTypes_asTheDocumentSays() {
        Client negotiator = tracker.negotiator();
        String id = started(negotiator);
        Map<String, String> answered = new LinkedHashMap<>();
        for (String accept : List.of("application/json", "text/html", "application/pdf")) {
            Response answer = negotiator.send("GET", "/api/trajectories/" + id + "/report", null, "Accept", accept);
            assertThat(answer.status()).as(accept).isEqualTo(200);
            answered.put(accept, answer.header("Content-Type"));
        }
        for (String format : List.of("json", "html", "pdf")) {
            assertThat(negotiator.get("/api/trajectories/" + id + "/report?format=" + format).status()).isEqualTo(200);
        }
        assertThat(answered.get("application/json")).startsWith("application/json");
        assertThat(answered.get("text/html")).startsWith("text/html");
        assertThat(answered.get("application/pdf")).startsWith("application/pdf");
    }

    @Test
    void researchersAndAdministrators_keepToTheDocument() {
        Client admin = tracker.asAdmin();
        Response study = admin.post("/api/admin/studies", """
                {"name": "Contract", "purpose": "Checking the API's description", "k": 2}""");
        assertThat(study.status()).as(study.body()).isEqualTo(201);
        String studyId = study.json().get("id").asText();
        Client researcher = tracker.createResearcher("contract-researcher", List.of(studyId));
        for (String read : List.of("/api/research/studies", "/api/research/studies/" + studyId,
                "/api/research/studies/" + studyId + "/histories",
                "/api/research/studies/" + studyId + "/histories?format=csv",
                "/api/research/studies/" + studyId + "/histories?format=jsonl&partyType=INSURER&year=2026",
                "/api/research/studies/" + studyId + "/aggregates/trust",
                "/api/research/studies/" + studyId + "/aggregates/outcomes?format=csv", "/api/playbook")) {
            Response answer = researcher.get(read);
            assertThat(answer.status()).as("%s: %s", read, answer.body()).isEqualTo(200);
        }

        Client someone = tracker.createNegotiator("contract-someone", "Menzis");
        Response issued = admin.post("/api/admin/accounts/" + someone.accountId() + "/tokens", null);
        assertThat(admin.get("/api/admin/projections/trust-trend/consistency-check").status())
                .as("no check asked for yet").isEqualTo(404);
        assertThat(admin.post("/api/admin/projections/trust-trend/consistency-check", null).status()).isEqualTo(202);
        assertThat(issued.status()).as(issued.body()).isEqualTo(201);
        for (String read : List.of("/api/admin/accounts", "/api/admin/accounts/" + someone.accountId(),
                "/api/admin/studies", "/api/admin/studies/" + studyId, "/api/admin/studies/" + studyId + "/exports",
                "/api/admin/projections", "/api/admin/projections/trajectory-overview",
                "/api/admin/projections/trust-trend/consistency-check", "/api/admin/audit/breaks",
                "/api/admin/audit/access-log?page=0&size=10")) {
            Response answer = admin.get(read);
            assertThat(answer.status()).as("%s: %s", read, answer.body()).isEqualTo(200);
        }
        assertThat(admin.post("/api/admin/audit/checkpoints", null).status()).isEqualTo(200);
        assertThat(admin.post("/api/admin/tokens/" + issued.json().get("id").asText() + "/revoke", null).status())
                .isEqualTo(204);
        assertThat(admin.delete("/api/admin/accounts/" + someone.accountId()).status()).isEqualTo(204);
    }

    @Test
    void anAnswerToAClientThatAcceptsProblemDetails_isStillJson_asTheDocumentSays() {
        Response answer = tracker.negotiator().send("GET", "/api/playbook", null, "Accept",
                "application/problem+json");
        assertThat(answer.status()).isEqualTo(200);
        assertThat(answer.header("Content-Type")).startsWith("application/json");
    }

    @Test
    void theRefusalsOfEachKind_areTheProblemDetailsTheDocumentDescribes() {
        Client negotiator = tracker.negotiator();
        String id = started(negotiator);
        String notes = "/api/trajectories/" + id + "/notes";
        Client stranger = tracker.createNegotiator("contract-stranger", "Menzis");
        Client auditor = tracker.createAuditor("contract-refused-auditor");
        Map<Integer, Response> refused = new LinkedHashMap<>();
        contract.onlyAnswers(() -> {
            refused.put(400, negotiator.post(notes, "{\"text\": 12345}"));
            refused.put(401, tracker.anonymous().get("/api/trajectories"));
            refused.put(403, auditor.post(notes, "{\"text\": \"Auditors change nothing\"}"));
            refused.put(404, stranger.get("/api/trajectories/" + id));
            refused.put(406, negotiator.send("GET", "/api/playbook", null, "Accept", "text/csv"));
            refused.put(409, negotiator.post("/api/trajectories/" + id + "/agreement", """
                    {"terms": {"model": "FEE_FOR_SERVICE", "durationMonths": 12},
                     "signatories": [{"name": "A", "organisation": "Zilveren Kruis"}],
                     "startDate": "2026-01-01", "endDate": "2026-12-31"}"""));
            refused.put(412, negotiator.post(notes, "{\"text\": \"Stale\"}", "If-Match", "\"7\""));
            refused.put(413, negotiator.post(notes, "{\"text\": \"" + "x".repeat(1_100_000) + "\"}"));
            refused.put(415, negotiator.send("POST", notes, null, "Content-Type", "application/*"));
            negotiator.post(notes, "{\"text\": \"Once\"}", "Idempotency-Key", "contract-" + id);
            refused.put(422, negotiator.post(notes, "{\"text\": \"Twice\"}", "Idempotency-Key", "contract-" + id));
        });
        refused.forEach((status, answer) -> {
            assertThat(answer.status()).as("%s: %s", status, answer.body()).isEqualTo(status);
            assertThat(answer.header("Content-Type")).as(String.valueOf(status)).startsWith("application/problem+json");
        });
        assertThat(refused.get(412).header("ETag")).isEqualTo("\"0\"");
    }

    private static String started(Client negotiator) {
        Response created = negotiator.post("/api/trajectories", "{\"title\": \"Contract\", \"parties\": " + PARTIES
                + "}");
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        return created.json().get("id").asText();
    }

    /** The operations of the document by {@code "METHOD path"}, in the document's order. */
    private static Map<String, JsonNode> operations() {
        Map<String, JsonNode> operations = new LinkedHashMap<>();
        Iterator<Map.Entry<String, JsonNode>> paths = document.get("paths").fields();
        while (paths.hasNext()) {
            Map.Entry<String, JsonNode> path = paths.next();
            path.getValue().fields().forEachRemaining(operation -> operations.put(
                    operation.getKey().toUpperCase(java.util.Locale.ROOT) + " " + path.getKey(),
                    operation.getValue()));
        }
        return operations;
    }

    private static JsonNode json(String text) {
        try {
            return JSON.readTree(text);
        } catch (IOException e) {
            throw new IllegalStateException("Not JSON: " + text, e);
        }
    }
}
