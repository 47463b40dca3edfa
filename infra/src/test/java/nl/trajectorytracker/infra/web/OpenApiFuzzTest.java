package nl.trajectorytracker.infra.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.UUID;

import org.axonframework.eventhandling.GlobalSequenceTrackingToken;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.web.server.context.WebServerApplicationContext;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import nl.trajectorytracker.infra.RunningTracker;
import nl.trajectorytracker.infra.openapi.ContractValidator;

/**
 * A seeded fuzzer over every operation of the served OpenAPI document ({@code /v3/api-docs}): bodies generated from
 * each operation's schema and mutated (wrong types, missing and unknown fields, odd text, malformed JSON, deep
 * nesting, invalid UTF-8, bodies over the limit), path and query parameters valid, foreign, unknown or malformed
 * (bad percent-encoding, {@code %00}, {@code %2F}, {@code ..}), and odd headers ({@code Content-Type}, {@code Accept},
 * {@code If-Match}, {@code Idempotency-Key}, credentials), sent byte for byte over a socket, as every role. It asserts
 * that no answer is a 5xx, that every error is {@code application/problem+json} with its status, and that no refused
 * request appended an event (the event store's head is the same before and after it). Every answer to a request
 * sent with its operation's method, refusals first of all, must also be one the document describes for that
 * operation: a documented status, with the headers, media type and body described for it. {@code -Dfuzz.seed} and
 * {@code -Dfuzz.requests} change the run; a failure names the seed and the requests that failed.
 */
class OpenApiFuzzTest {

    private static final long SEED = Long.getLong("fuzz.seed", 20_261_206L);
    private static final int REQUESTS = Integer.getInteger("fuzz.requests", 3_000);
    private static final Duration BUDGET = Duration.ofMinutes(3);
    private static final ObjectMapper JSON = new ObjectMapper()
            .configure(JsonGenerator.Feature.ESCAPE_NON_ASCII, true);
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    @TempDir
    static Path data;

    private static RunningTracker tracker;

    @BeforeAll
    static void start() {
        // the rate limit would answer most requests with 429; the scheduled check would append events by itself
        tracker = RunningTracker.start(data, "tracker.security.rate-limit.enabled=false",
                "tracker.monitoring.overdue-check-enabled=false");
    }

    @AfterAll
    static void stop() {
        tracker.close();
    }

    /** One operation of the OpenAPI document. */
    private record Operation(String method, String path, List<JsonNode> parameters, JsonNode body,
            JsonNode example) {

        /**
         * In how many rounds one request is sent: a rebuild or an erasure rebuilds read models, a consistency check
         * replays the whole store, so they are sent less often, for the time the run may take.
         */
        int roundsPerRequest() {
            if (path.endsWith("/rebuild") || path.equals("/api/admin/erasures")) {
                return 6;
            }
            return path.endsWith("/consistency-check") ? 3 : 1;
        }
    }

    private final Random random = new Random(SEED);
    private final Map<String, String> tokens = new LinkedHashMap<>();
    private final List<String> ownTrajectories = new ArrayList<>();
    private String foreignTrajectory;
    private String study;
    private JsonNode schemas;

    @Test
    void everyOperation_answersWithoutA5xx_everyErrorIsAProblem_andNoRefusalAppendsAnEvent() throws Exception {
        setUp();
        List<Operation> operations = operations();
        assertThat(operations).hasSizeGreaterThan(90);
        RawHttp http = new RawHttp(((WebServerApplicationContext) tracker.context()).getWebServer().getPort());
        ContractValidator contract = ContractValidator.of(tracker);
        EventStorageEngine events = tracker.bean(EventStorageEngine.class);
        List<String> failures = new ArrayList<>();
        Map<Integer, Integer> statuses = new TreeMap<>();
        Map<String, Long> slowest = new java.util.HashMap<>();
        long started = System.nanoTime();

        List<Operation> schedule = new ArrayList<>();
        for (int round = 0; schedule.size() < REQUESTS; round++) {
            for (Operation operation : operations) {
                if (round % operation.roundsPerRequest() == 0 && schedule.size() < REQUESTS) {
                    schedule.add(operation);
                }
            }
        }
        for (int i = 0; i < REQUESTS; i++) {
            Operation operation = schedule.get(i);
            String method = random.nextInt(100) < 4 ? pick("PUT", "PATCH", "DELETE", "OPTIONS", "HEAD", "TRACE",
                    "GET", "POST") : operation.method();
            String target = target(operation);
            Map<String, String> headers = headers(operation);
            byte[] body = body(operation, headers);
            long before = head(events);
            long sent = System.nanoTime();
            RawHttp.Answer answer = http.send(method, target, headers, body);
            slowest.merge(operation.method() + " " + operation.path(), System.nanoTime() - sent, Long::sum);
            long after = head(events);
            statuses.merge(answer.status(), 1, Integer::sum);
            String problem = check(method, answer, before, after);
            if (method.equals(operation.method())) {
                contract.checkAnswer(method, operation.path().replaceAll("\\{[^}]+}", "x"), answer.status(),
                        headersOf(answer), answer.text(), "#" + i + " " + method + " " + target + " " + headers.keySet()
                                + " -> " + answer.status());
            }
            if (problem != null) {
                failures.add("#" + i + " " + method + " " + target + " " + headers.keySet() + " body "
                        + (body == null ? "-" : excerpt(new String(body, StandardCharsets.UTF_8))) + " -> "
                        + answer.status() + " " + answer.header("content-type") + " " + excerpt(answer.text())
                        + ": " + problem);
            }
        }
        Duration took = Duration.ofNanos(System.nanoTime() - started);

        System.out.printf("Fuzzed %d requests over %d operations in %s (seed %d): %s%n", REQUESTS,
                operations.size(), took, SEED, statuses);
        slowest.entrySet().stream().sorted(Map.Entry.<String, Long>comparingByValue().reversed()).limit(12)
                .forEach(entry -> System.out.printf("  %6d ms in %s%n", entry.getValue() / 1_000_000,
                        entry.getKey()));
        assertThat(failures.subList(0, Math.min(30, failures.size())))
                .as("seed %d; %d failures, the first ones", SEED, failures.size()).isEmpty();
        assertThat(contract.violations().subList(0, Math.min(30, contract.violations().size())))
                .as("seed %d; %d of %d answers are not as the served OpenAPI document describes them, the first ones",
                        SEED, contract.violations().size(), contract.checked())
                .isEmpty();
        assertThat(took).as("the fuzz run").isLessThan(BUDGET);
        assertThat(statuses.keySet()).as("the API was exercised: successes and refusals").contains(200, 201, 400,
                401, 403, 404);
    }

    /** Null when the answer is as it must be; else what is wrong with it. */
    private static String check(String method, RawHttp.Answer answer, long before, long after) {
        int status = answer.status();
        if (status >= 500) {
            return "a server error";
        }
        if (status < 400) {
            return null;
        }
        if (after != before) {
            return "a refused request appended " + (after - before) + " event position(s)";
        }
        String type = answer.header("content-type");
        if (method.equals("HEAD") && answer.body().length == 0) {
            return type == null || type.startsWith("application/problem+json") ? null : "not a problem: " + type;
        }
        if (type == null || !type.startsWith("application/problem+json")) {
            return "not a problem detail";
        }
        try {
            JsonNode problem = JSON.readTree(answer.body());
            return problem.path("status").asInt() == status && problem.hasNonNull("title") ? null
                    : "a problem without its status or title";
        } catch (IOException e) {
            return "a problem that is no JSON";
        }
    }

    private static Map<String, List<String>> headersOf(RawHttp.Answer answer) {
        Map<String, List<String>> headers = new LinkedHashMap<>();
        answer.headers().forEach((name, value) -> headers.put(name, List.of(value)));
        return headers;
    }

    private static long head(EventStorageEngine events) {
        TrackingToken head = events.createHeadToken();
        return head instanceof GlobalSequenceTrackingToken global ? global.getGlobalIndex() : -1;
    }

    private static String excerpt(String text) {
        String flat = text.replaceAll("\\p{Cntrl}", "?");
        return flat.length() <= 200 ? flat : flat.substring(0, 200) + "...";
    }

    // ------------------------------------------------------------------------------------------ set-up

    private void setUp() throws IOException {
        RunningTracker.Client own = tracker.negotiator();
        RunningTracker.Client other = tracker.createNegotiator("fuzz-other", "Menzis");
        RunningTracker.Client auditor = tracker.createAuditor("fuzz-auditor");
        study = tracker.asAdmin().post("/api/admin/studies", """
                {"name": "Fuzz", "purpose": "Finding the edges", "k": 2}""").json().get("id").asText();
        RunningTracker.Client researcher = tracker.createResearcher("fuzz-researcher", List.of(study));
        tokens.put("negotiator", own.token());
        tokens.put("other", other.token());
        tokens.put("auditor", auditor.token());
        tokens.put("researcher", researcher.token());
        tokens.put("admin", RunningTracker.ADMIN_TOKEN);

        String parties = """
                [{"organisationName": "Zilveren Kruis", "type": "INSURER"},
                 {"organisationName": "Ziekenhuis Amstelland", "type": "CARE_PROVIDER"}]""";
        List<String> advances = List.of("CO_DESIGN", "NEGOTIATION", "RUNNING_AGREEMENT", "AFTER_AGREEMENT");
        for (int phases : List.of(0, 2, 4)) {
            String id = own.post("/api/trajectories", "{\"title\": \"Fuzz " + phases + "\", \"parties\": "
                    + parties + "}").json().get("id").asText();
            own.post("/api/trajectories/" + id + "/strategic-goals", "{\"goalId\": \"G1\", \"goal\": \"Better care\"}");
            own.post("/api/trajectories/" + id + "/batna", "{\"batna\": \"Other hospitals\", \"why\": \"Capacity\"}");
            own.post("/api/trajectories/" + id + "/stakeholders", """
                    {"stakeholderId": "S1", "name": "Patients", "scope": "EXTERNAL", "role": "Voice",
                     "interests": ["Care close to home"], "influence": "HIGH"}""");
            for (String next : advances.subList(0, phases)) {
                own.post("/api/trajectories/" + id + "/phase-advances",
                        "{\"to\": \"" + next + "\", \"overrideReason\": \"Fuzz set-up\"}");
            }
            ownTrajectories.add(id);
        }
        foreignTrajectory = other.post("/api/trajectories", """
                {"title": "Menzis alone", "parties": [{"organisationName": "Menzis", "type": "INSURER"}]}""")
                .json().get("id").asText();
        schemas = tracker.anonymous().get("/v3/api-docs").json().path("components").path("schemas");
    }

    private List<Operation> operations() {
        JsonNode document = tracker.anonymous().get("/v3/api-docs").json();
        List<Operation> operations = new ArrayList<>();
        document.path("paths").fields().forEachRemaining(path -> path.getValue().fields().forEachRemaining(op -> {
            List<JsonNode> parameters = new ArrayList<>();
            op.getValue().path("parameters").forEach(parameters::add);
            JsonNode json = op.getValue().path("requestBody").path("content").path("application/json");
            operations.add(new Operation(op.getKey().toUpperCase(java.util.Locale.ROOT), path.getKey(), parameters,
                    json.has("schema") ? json.get("schema") : null, json.has("example") ? json.get("example") : null));
        }));
        return operations;
    }

    // ------------------------------------------------------------------------------------------ generation

    @SafeVarargs
    private <T> T pick(T... choices) {
        return choices[random.nextInt(choices.length)];
    }

    private boolean chance(int percent) {
        return random.nextInt(100) < percent;
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }

    /** Malformed or hostile path and query values, sent as they are. */
    private String rawGarbage() {
        return pick("%ZZ", "%", "%E0%A4%A", "%00", "%2F", "a%2Fb", "..", "%2e%2e", "..;", "a;b=c", "%C3%A9",
                "%F0%9F%98%80", "x".repeat(300), "not-a-uuid", "00000000-0000-0000-0000-000000000000", "%0d%0a",
                "%EF%BF%BE", "%ED%A0%80", "-1", "%u0041", "NaN");
    }

    private String pathValue(String name, String path) {
        if (chance(12)) {
            return rawGarbage();
        }
        if (chance(6)) {
            return UUID.randomUUID().toString();
        }
        String value;
        if (name.equals("id") && path.contains("trajectories")) {
            value = chance(80) ? ownTrajectories.get(random.nextInt(ownTrajectories.size())) : foreignTrajectory;
        } else if (name.equals("id") && path.contains("studies") || name.equals("studyId")) {
            value = study;
        } else if (name.equals("name")) {
            value = pick("trajectory-overview", "phase-state", "research", "monitoring", "trust-trend",
                    "decision-history", "stakeholder-network", "follow-up-links", "nope");
        } else if (name.equals("view")) {
            value = pick("phase-durations", "outcomes", "contracts", "goals", "trust", "lessons", "nope");
        } else if (name.equals("phase")) {
            value = pick("CO_DESIGN", "co-design", "2", "6", "after_agreement", "phase");
        } else if (name.equals("version")) {
            value = pick("2025.1", "1999.9", "latest");
        } else {
            value = UUID.randomUUID().toString();
        }
        return encode(value);
    }

    private String queryValue(String name, String type) {
        if (chance(10)) {
            return rawGarbage();
        }
        String value = switch (name) {
            case "asOf", "from", "to" -> pick("2026-03-01T12:00:00Z", "2026-03-01", "2020-01-01T00:00:00+01:00",
                    "yesterday", "9999-12-31T23:59:59Z", "", "0");
            case "version", "fromSequence" -> pick("0", "1", "3", "-2", "99999999999999999999", "x", "");
            case "format" -> pick("json", "csv", "jsonl", "html", "pdf", "xml", "");
            case "phase" -> pick("CO_DESIGN", "2", "co-design", "zz");
            case "status" -> pick("ACTIVE", "CONCLUDED", "x");
            case "partyType" -> pick("INSURER", "MUNICIPALITY", "BANK");
            case "sort" -> pick("title", "title,asc", "version,desc", "x,y", ",", "lastActivityAt,sideways");
            case "playbookVersion" -> pick("2025.1", "1.0");
            default -> "integer".equals(type) ? pick("0", "1", "20", "200", "201", "-1", "99999999999", "1.5",
                    "abc", "") : text();
        };
        return encode(value);
    }

    private String target(Operation operation) {
        String path = operation.path();
        StringBuilder query = new StringBuilder();
        for (JsonNode parameter : operation.parameters()) {
            String name = parameter.path("name").asText();
            String in = parameter.path("in").asText();
            if (in.equals("path")) {
                path = path.replace("{" + name + "}", pathValue(name, operation.path()));
            } else if (in.equals("query") && chance(45)) {
                query.append(query.isEmpty() ? "?" : "&").append(name).append('=')
                        .append(queryValue(name, parameter.path("schema").path("type").asText()));
            }
        }
        if (chance(4)) {
            query.append(query.isEmpty() ? "?" : "&").append(pick("unknown=1", "%ZZ=1", "a", "=x", "&&"));
        }
        return path + query;
    }

    private Map<String, String> headers(Operation operation) {
        Map<String, String> headers = new LinkedHashMap<>();
        String path = operation.path();
        String principal;
        if (path.startsWith("/api/admin") || path.startsWith("/actuator")) {
            principal = chance(80) ? "admin" : pick("negotiator", "auditor", "researcher");
        } else if (path.startsWith("/api/research")) {
            principal = chance(80) ? "researcher" : pick("negotiator", "admin");
        } else if (path.startsWith("/api/audit")) {
            principal = chance(80) ? "auditor" : pick("negotiator", "researcher");
        } else {
            principal = chance(65) ? "negotiator" : pick("other", "auditor", "researcher", "admin");
        }
        int credentials = random.nextInt(100);
        if (credentials < 5) {
            principal = null;
        } else if (credentials < 8) {
            headers.put("Authorization", "Bearer tt_" + UUID.randomUUID());
        } else if (credentials < 9) {
            headers.put("Authorization", pick("Basic YWRtaW46YWRtaW4=", "Bearer", "Bearer eyJhbGciOiJub25lIn0.e30.",
                    "Bearer " + "t".repeat(9_000)));
        } else {
            headers.put("Authorization", "Bearer " + tokens.get(principal));
        }
        if (chance(30)) {
            headers.put("Accept", pick("application/json", "*/*", "text/html", "application/pdf", "text/csv",
                    "application/jsonl", "application/xml", "///", "application/problem+json",
                    "text/*;q=0.5, */*;q=0.1", "application/json;q=abc"));
        }
        if (chance(20)) {
            headers.put("If-Match", pick("\"0\"", "\"1\"", "\"3\"", "\"999\"", "*", "W/\"2\"", "abc", "\"-1\"",
                    "\"99999999999999999999\"", "\"\"", "\"1\", \"2\""));
        }
        if (chance(15)) {
            headers.put("Idempotency-Key", pick(UUID.randomUUID().toString(), "fuzz-shared-key", "k".repeat(250),
                    "caf\u00e9", "line\u0001break", " "));
        }
        if (chance(5)) {
            headers.put("X-Correlation-Id", pick("fuzz-" + UUID.randomUUID(), "<script>", "x".repeat(500)));
        }
        return headers;
    }

    private byte[] body(Operation operation, Map<String, String> headers) throws IOException {
        if (operation.body() == null && !chance(8)) {
            return null;
        }
        if (!chance(12)) {
            headers.put("Content-Type", "application/json");
        } else if (!chance(15)) {
            headers.put("Content-Type", pick("application/json; charset=UTF-8", "text/plain", "*/*", "application/*",
                    "application/xml", "garbage", "application/json; charset=UTF-16", "multipart/form-data; boundary=x",
                    "multipart/form-data",
                    "application/x-www-form-urlencoded", "application/merge-patch+json", "application/json;;"));
        }
        int shape = random.nextInt(100);
        if (shape < 4) {
            return new byte[0];
        } else if (shape < 8) {
            return pick("{", "{\"a\":", "[]", "123", "\"text\"", "null", "not json", "{\"a\":1}}", "{'a': 1}")
                    .getBytes(StandardCharsets.UTF_8);
        } else if (shape < 10) {
            return ("[".repeat(3_000) + "]".repeat(3_000)).getBytes(StandardCharsets.UTF_8);
        } else if (shape < 12) {
            return new byte[] {'{', '"', 't', 'e', 'x', 't', '"', ':', '"', (byte) 0xC3, (byte) 0x28, '"', '}'};
        } else if (shape < 13) {
            return ("{\"text\": \"" + "x".repeat(1_100_000) + "\"}").getBytes(StandardCharsets.UTF_8);
        }
        JsonNode value;
        if (operation.example() != null && chance(35)) {
            value = operation.example().deepCopy();
            if (value instanceof ObjectNode object && object.size() > 0 && chance(30)) {
                List<String> names = new ArrayList<>();
                object.fieldNames().forEachRemaining(names::add);
                object.set(names.get(random.nextInt(names.size())), chance(50) ? confused() : NODES.textNode(text()));
            }
        } else {
            value = value(operation.body() == null ? NODES.objectNode() : operation.body(), 0);
        }
        if (value instanceof ObjectNode object && chance(5)) {
            object.put("unexpected", "field");
        }
        return JSON.writeValueAsBytes(value);
    }

    private JsonNode resolve(JsonNode schema) {
        String ref = schema.path("$ref").asText(null);
        return ref == null ? schema : schemas.path(ref.substring(ref.lastIndexOf('/') + 1));
    }

    /** A value for the schema, mostly of the right type, sometimes not. */
    private JsonNode value(JsonNode declared, int depth) {
        JsonNode schema = resolve(declared);
        if (chance(depth == 0 ? 3 : 8)) {
            return confused();
        }
        String type = schema.path("type").asText(schema.has("properties") ? "object" : "string");
        switch (type) {
            case "object" -> {
                ObjectNode object = NODES.objectNode();
                Iterator<Map.Entry<String, JsonNode>> properties = schema.path("properties").fields();
                while (properties.hasNext()) {
                    Map.Entry<String, JsonNode> property = properties.next();
                    if (depth < 4 && !chance(10)) {
                        object.set(property.getKey(), value(property.getValue(), depth + 1));
                    }
                }
                return object;
            }
            case "array" -> {
                ArrayNode array = NODES.arrayNode();
                int size = chance(5) ? 60 : random.nextInt(4);
                for (int i = 0; i < size && depth < 4; i++) {
                    array.add(value(schema.path("items"), depth + 1));
                }
                return array;
            }
            case "integer", "number" -> {
                return NODES.numberNode(pick(0L, 1L, 2L, 3L, 4L, 5L, 12L, 24L, 60L, -1L, 241L, 100L,
                        Integer.MAX_VALUE + 1L, Long.MAX_VALUE));
            }
            case "boolean" -> {
                return NODES.booleanNode(random.nextBoolean());
            }
            default -> {
                if (schema.has("enum") && !chance(10)) {
                    JsonNode values = schema.path("enum");
                    return values.get(random.nextInt(values.size()));
                }
                String format = schema.path("format").asText("");
                if (format.equals("date")) {
                    return NODES.textNode(pick("2026-01-01", "2030-12-31", "2021-06-30", "2026-02-30", "01-01-2026",
                            "2026-1-1", "+999999999-12-31"));
                }
                if (format.equals("date-time")) {
                    return NODES.textNode(pick("2026-03-01T12:00:00Z", "2026-03-01", "tomorrow"));
                }
                return NODES.textNode(text());
            }
        }
    }

    private JsonNode confused() {
        return switch (random.nextInt(7)) {
            case 0 -> NODES.numberNode(12_345);
            case 1 -> NODES.booleanNode(true);
            case 2 -> NODES.nullNode();
            case 3 -> NODES.arrayNode().add("a");
            case 4 -> NODES.objectNode().put("a", 1);
            case 5 -> NODES.numberNode(4.5);
            default -> NODES.textNode(text());
        };
    }

    /** Ordinary and hostile text: names of the parties, ids, and what text fields must withstand. */
    private String text() {
        return pick("Zilveren Kruis", "Ziekenhuis Amstelland", "Menzis", "P1", "P2", "G1", "S1", "D1", "I1", "L1",
                "DEC-1", "Q1", "P1.BATNA", "P3.DURATION", "NEGOTIATOR", "AUDITOR", "A reasonable note", "", " ", "\t",
                "x".repeat(5_000), "y".repeat(301), "\u0000", "nul\u0000in between", "\u0007bell", "\uFFFE",
                "\uFFFF", "lone \uD800 surrogate", "\uDC00", "\uD83D\uDE00 emoji", "\u0645\u0631\u062D\u0628\u0627",
                "e\u0301", "\u202Eevil", "<script>alert(1)</script>", "'; DROP TABLE x;--", "${jndi:ldap://x/a}",
                "%ZZ", "../../etc/passwd", "null", "NaN", "\r\nX-Injected: 1", "2025.1", "trajectory-overview");
    }
}
