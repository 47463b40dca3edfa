package nl.trajectorytracker.infra.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.data.mongodb.core.MongoOperations;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import nl.trajectorytracker.infra.RunningTracker;

/**
 * The inputs the issue found answered with a 5xx, an HTML page or Spring Boot's own JSON, one by one, through the
 * HTTP API byte for byte: each is now a problem detail with a 4xx, and none records anything.
 */
class EdgesOfTheApiTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path data;

    private static RunningTracker tracker;
    private static RawHttp http;
    private static String token;
    private static String id;

    @BeforeAll
    static void start() {
        tracker = RunningTracker.start(data);
        http = new RawHttp(((WebServerApplicationContext) tracker.context()).getWebServer().getPort());
        token = tracker.negotiator().token();
        id = tracker.post("/api/trajectories", """
                {"title": "Zilveren Kruis and Ziekenhuis Amstelland",
                 "parties": [{"organisationName": "Zilveren Kruis", "type": "INSURER"},
                             {"organisationName": "Ziekenhuis Amstelland", "type": "CARE_PROVIDER"}]}
                """).json().get("id").asText();
        // the trajectory's reads answer from read models that follow the event store: wait until they have it
        tracker.getEventually("/api/trajectories/" + id, 200);
    }

    @AfterAll
    static void stop() {
        tracker.close();
    }

    private static long commits() {
        return tracker.bean(MongoOperations.class).getCollection("event_commits").countDocuments();
    }

    private static RawHttp.Answer send(String method, String target, String body, String... headers)
            throws IOException {
        Map<String, String> all = new LinkedHashMap<>();
        all.put("Authorization", "Bearer " + token);
        for (int i = 0; i + 1 < headers.length; i += 2) {
            all.put(headers[i], headers[i + 1]);
        }
        if (body != null && !all.containsKey("Content-Type")) {
            all.put("Content-Type", "application/json");
        }
        return http.send(method, target, all, body == null ? null : body.getBytes(StandardCharsets.UTF_8));
    }

    /** A problem detail with this status and type, whose body says the same status. */
    private static JsonNode problem(RawHttp.Answer answer, int status, String type) throws IOException {
        assertThat(answer.status()).as(answer.text()).isEqualTo(status);
        assertThat(answer.header("Content-Type")).startsWith("application/problem+json");
        JsonNode problem = JSON.readTree(answer.body());
        assertThat(problem.get("status").asInt()).isEqualTo(status);
        assertThat(problem.get("type").asText()).isEqualTo("urn:trajectory-tracker:error:" + type);
        return problem;
    }

    @Test
    void badPercentEncodingInAQueryParameter_is400NamingIt() throws IOException {
        for (String target : new String[] {"/api/trajectories?text=%ZZ", "/api/trajectories/" + id
                + "/decisions?actor=%E0%A4%A", "/api/trajectories/" + id + "/phases?asOf=%"}) {
            JsonNode problem = problem(send("GET", target, null), 400, "invalid-value");
            assertThat(problem.get("field").asText()).isIn("text", "actor", "asOf");
        }
    }

    @Test
    void aWildcardOrUnreadableContentType_is415_andRecordsNothing() throws IOException {
        long before = commits();
        for (String type : new String[] {"*/*", "application/*", ";;;", "text/plain", "application/xml",
                "multipart/form-data", "multipart/form-data; boundary=x", "multipart/mixed",
                // JSON that Jackson would read, but no operation takes: the contract names application/json alone
                "application/merge-patch+json", "application/vnd.foo+json", "application/json; charset=latin1",
                "application/json;v=2"}) {
            RawHttp.Answer answer = send("POST", "/api/trajectories/" + id + "/notes", "{\"text\": \"x\"}",
                    "Content-Type", type);

            assertThat(answer.status()).as(type).isEqualTo(415);
            assertThat(answer.header("Content-Type")).startsWith("application/problem+json");
        }
        assertThat(commits()).isEqualTo(before);
    }

    /** A gzip-encoded body was read as if it were not encoded; a plain one so labelled was recorded. */
    @Test
    void aBodyWithAContentEncoding_is415_andRecordsNothing() throws IOException {
        long before = commits();

        problem(send("POST", "/api/trajectories/" + id + "/notes", "{\"text\": \"x\"}", "Content-Encoding", "gzip"),
                415, "unsupported-media-type");

        assertThat(commits()).isEqualTo(before);
    }

    @Test
    void whatTomcatRefuses_isAProblemDetail_notItsHtmlPage() throws IOException {
        problem(send("POST", "/api/trajectories/" + id + "/notes", "{\"text\": \"x\"}", "If-Match", "\"1\u0001\""),
                400, "malformed-request");
        problem(send("GET", "/api/trajectories/" + id, null, "If-Match", "a".repeat(9_000)), 400,
                "malformed-request");
        problem(send("POST", "/api/trajectories/" + id + "/notes", "{\"text\": \"x\"}", "Idempotency-Key",
                "k".repeat(9_000)), 400, "malformed-request");
        problem(send("GET", "/api/trajectories/%00", null), 400, "malformed-request");
        problem(send("GET", "/api/trajectories/a%2Fb", null), 400, "malformed-request");
        problem(send("GET", "/api/trajectories?text=" + "a".repeat(9_000), null), 400, "malformed-request");
    }

    @Test
    void whatTheSecurityFirewallRefuses_isAProblemDetail() throws IOException {
        for (String target : new String[] {"/api/trajectories/%2e%2e/x", "/api/trajectories/..;/x",
                "/api/trajectories//x"}) {
            problem(send("GET", target, null), 400, "malformed-request");
        }
    }

    @Test
    void jsonTypesAreStrict_andUnknownPropertiesRefused() throws IOException {
        long before = commits();
        String[][] cases = {{"{\"text\": 12345}", "text"}, {"{\"text\": true}", "text"},
                {"{\"text\": \"a\", \"bogus\": 1}", "bogus"}};
        for (String[] sent : cases) {
            JsonNode problem = problem(send("POST", "/api/trajectories/" + id + "/notes", sent[0]), 400,
                    "invalid-value");
            assertThat(problem.get("field").asText()).isEqualTo(sent[1]);
        }
        JsonNode fraction = problem(send("POST", "/api/trajectories/" + id + "/trust-assessments",
                "{\"counterpart\": \"Ziekenhuis Amstelland\", \"personTrust\": 4.5, \"organisationTrust\": 3}"), 400,
                "invalid-value");
        assertThat(fraction.get("field").asText()).isEqualTo("personTrust");
        JsonNode farFuture = problem(send("POST", "/api/trajectories/" + id + "/planning",
                "{\"milestones\": [{\"name\": \"Far\", \"due\": \"+999999999-12-31\"}]}"), 400, "invalid-value");
        assertThat(farFuture.get("field").asText()).isEqualTo("milestones[0].due");
        assertThat(commits()).isEqualTo(before);
    }

    /**
     * An overlong form (two or three bytes for one ASCII character) was read as the character it disguises: "a" C0 A2
     * "z" was stored as a"z. Every byte sequence that is not UTF-8 is refused alike, before anything reads it.
     */
    @Test
    void aBodyThatIsNotUtf8_isRefused_overlongFormsToo_andRecordsNothing() throws IOException {
        long before = commits();
        byte[][] disguises = {{(byte) 0xC0, (byte) 0xA2}, {(byte) 0xC0, (byte) 0xAF}, {(byte) 0xC1, (byte) 0x81},
            {(byte) 0xE0, (byte) 0x80, (byte) 0xAF}, {(byte) 0xF4, (byte) 0x90, (byte) 0x80, (byte) 0x80},
            {(byte) 0xFF}};
        for (byte[] disguise : disguises) {
            java.io.ByteArrayOutputStream body = new java.io.ByteArrayOutputStream();
            body.writeBytes("{\"text\": \"a".getBytes(StandardCharsets.US_ASCII));
            body.writeBytes(disguise);
            body.writeBytes("z\"}".getBytes(StandardCharsets.US_ASCII));
            RawHttp.Answer answer = http.send("POST", "/api/trajectories/" + id + "/notes",
                    Map.of("Authorization", "Bearer " + token, "Content-Type", "application/json"),
                    body.toByteArray());

            JsonNode problem = problem(answer, 400, "invalid-value");
            assertThat(problem.get("field").asText()).isEqualTo("body");
        }
        assertThat(commits()).isEqualTo(before);
    }

    /** An id in upper case, or with a blank after it, is no id of a trajectory: the same 404 as an unknown one. */
    @Test
    void anIdNotAsTheServiceWritesIt_namesNoTrajectory() throws IOException {
        for (String alias : new String[] {id.toUpperCase(java.util.Locale.ROOT), id + "%20"}) {
            problem(send("GET", "/api/trajectories/" + alias, null), 404, "trajectory-not-found");
            problem(send("POST", "/api/trajectories/" + alias + "/notes", "{\"text\": \"x\"}"), 404,
                    "trajectory-not-found");
        }
        assertThat(send("GET", "/api/trajectories/" + id, null).status()).isEqualTo(200);
    }

    /** ?size=1&size=2: the service read the first, a proxy or a cache in front of it may read the last. */
    @Test
    void aQueryParameterGivenTwice_is400NamingIt() throws IOException {
        JsonNode problem = problem(send("GET", "/api/trajectories?size=1&size=2&page=0", null), 400, "invalid-value");
        assertThat(problem.get("field").asText()).isEqualTo("size");
    }

    /** Two credentials in one request: a proxy that reads the last one would let one caller through as another. */
    @Test
    void twoAuthorizationHeaders_areRefused() throws IOException {
        RawHttp.Answer answer = http.send("GET", "/api/trajectories/" + id,
                Map.of("Authorization", "Bearer " + token + "\r\nAuthorization: Bearer tt_someone-else"), null);

        problem(answer, 400, "malformed-request");
    }

    /** Spring MVC's own refusals carry the API's stable types, as every other error does. */
    @Test
    void theFrameworksRefusals_haveStableTypes() throws IOException {
        problem(send("PUT", "/api/trajectories/" + id + "/notes", "{\"text\": \"x\"}"), 405, "method-not-allowed");
        problem(send("POST", "/api/trajectories/" + id + "/notes", "text=x", "Content-Type",
                "application/x-www-form-urlencoded"), 415, "unsupported-media-type");
        assertThat(http.send("GET", "/v3/api-docs.yaml", Map.of(), null).status()).isEqualTo(200);
    }

    /** What a proxy reading the first of two names would see differently is refused, not read as the last one. */
    @Test
    void aNameTwiceInOneObject_isRefused_andRecordsNothing() throws IOException {
        long before = commits();
        JsonNode twice = problem(send("POST", "/api/trajectories/" + id + "/notes",
                "{\"text\": \"x\", \"text\": \"y\"}"), 400, "invalid-value");
        assertThat(twice.get("detail").asText()).contains("text").contains("twice");
        problem(send("POST", "/api/trajectories", """
                {"title": "a", "title": "b", "parties": [{"organisationName": "Zilveren Kruis", "type": "INSURER",
                 "type": "CARE_PROVIDER"}]}"""), 400, "invalid-value");
        assertThat(commits()).isEqualTo(before);
    }

    /**
     * A step's time or a query's moment with a year beyond four digits parses as ISO-8601, but a step started at
     * -999999999-01-01 was acknowledged and stopped the overview read model for good, and such an asOf answered 500.
     */
    @Test
    void aMomentBeyondFourDigitYears_is400NamingIt_andRecordsNothing() throws IOException {
        long before = commits();
        for (String moment : new String[] {"-999999999-01-01T00:00:00Z", "+10000-01-01", ""}) {
            JsonNode problem = problem(send("POST", "/api/trajectories", """
                    {"title": "Deep past", "parties": [{"organisationName": "Zilveren Kruis", "type": "INSURER"}],
                     "occurredAt": "%s"}""".formatted(moment)), 400, "invalid-value");
            assertThat(problem.get("field").asText()).as(moment).isEqualTo("occurredAt");
        }
        for (String target : new String[] {"/monitoring?asOf=%2B999999999-12-31T23:59:59-18:00",
                "/phases?asOf=-999999999-01-01", "/report?asOf=%2B10000-01-01"}) {
            JsonNode problem = problem(send("GET", "/api/trajectories/" + id + target, null), 400, "invalid-value");
            assertThat(problem.get("field").asText()).as(target).isEqualTo("asOf");
        }
        assertThat(commits()).isEqualTo(before);
    }

    @Test
    void notAcceptableAndUnsupported_areProblems_andAWriteIsRefusedBeforeItWrites() throws IOException {
        long before = commits();

        problem(send("GET", "/api/trajectories/" + id, null, "Accept", "///"), 406, "not-acceptable");
        problem(send("POST", "/api/trajectories/" + id + "/notes", "{\"text\": \"x\"}", "Accept", "text/html"), 406,
                "not-acceptable");
        RawHttp.Answer xml = send("GET", "/api/trajectories/" + id, null, "Accept", "application/xml");
        assertThat(xml.status()).isEqualTo(406);
        assertThat(xml.header("Content-Type")).startsWith("application/problem+json");
        // JSON the service does not write: Latin-1, a version parameter, a problem only; the framework found out
        // when it wrote the answer, and answered 406 over a step it had recorded
        for (String accept : new String[] {"application/json;charset=latin1", "application/json; charset=iso-8859-1",
                "application/json;v=2", "application/problem+json"}) {
            problem(send("POST", "/api/trajectories/" + id + "/notes", "{\"text\": \"x\"}", "Accept", accept), 406,
                    "not-acceptable");
        }
        assertThat(commits()).isEqualTo(before);

        RawHttp.Answer utf8 = send("POST", "/api/trajectories/" + id + "/notes", "{\"text\": \"x\"}", "Accept",
                "application/json; charset=UTF-8");
        assertThat(utf8.status()).as(utf8.text()).isEqualTo(200);
        assertThat(utf8.header("Content-Type")).startsWith("application/json");
        assertThat(commits()).isEqualTo(before + 1);
    }

    /**
     * A read asking for a version of JSON the service does not have was answered {@code Content-Type:
     * application/json;v=2}, claiming it: a range with an unknown parameter is left out, and alone it is 406.
     */
    @Test
    void aReadAskingForAParameterTheServiceDoesNotHave_isNotAnsweredAsIfItHadIt() throws IOException {
        problem(send("GET", "/api/trajectories/" + id, null, "Accept", "application/json;v=2"), 406,
                "not-acceptable");
        RawHttp.Answer fallback = send("GET", "/api/trajectories/" + id, null, "Accept",
                "application/json;v=2, application/json;q=0.5");
        assertThat(fallback.status()).isEqualTo(200);
        assertThat(fallback.header("Content-Type")).doesNotContain("v=2").startsWith("application/json");
        RawHttp.Answer latin1 = send("GET", "/api/trajectories/" + id, null, "Accept",
                "application/json;charset=latin1, */*;q=0.1");
        assertThat(latin1.status()).isEqualTo(200);
        assertThat(latin1.header("Content-Type")).doesNotContain("latin1");
    }

    @Test
    void theReport_rendersAnyRecordedText() throws IOException {
        RawHttp.Answer recorded = send("POST", "/api/trajectories/" + id + "/notes",
                "{\"text\": \"odd \\uFFFE text \\uD83D\\uDE00\"}");
        // recorded while the input takes such text; once it refuses it (400), older steps may still hold it
        assertThat(recorded.status()).isIn(200, 400);
        String atTheNote = recorded.status() == 200 ? "version=" + JSON.readTree(recorded.body()).get("version")
                .asLong() : "version=0";

        RawHttp.Answer pdf = send("GET", "/api/trajectories/" + id + "/report?" + atTheNote, null, "Accept",
                "application/pdf");
        RawHttp.Answer html = send("GET", "/api/trajectories/" + id + "/report?format=html&" + atTheNote, null);

        assertThat(pdf.status()).isEqualTo(200);
        assertThat(new String(pdf.body(), 0, 4, StandardCharsets.US_ASCII)).isEqualTo("%PDF");
        assertThat(html.status()).isEqualTo(200);
        assertThat(html.text()).doesNotContain("\uFFFE");
    }

    /**
     * The report comes as JSON, HTML or PDF: asked for none of them (an Accept of image/png only), it answered JSON
     * with 200 as if that were what was asked for.
     */
    @Test
    void theReport_askedForAFormatItDoesNotHave_isNotAcceptable() throws IOException {
        RawHttp.Answer png = send("GET", "/api/trajectories/" + id + "/report", null, "Accept", "image/png");
        RawHttp.Answer refusedPdf = send("GET", "/api/trajectories/" + id + "/report", null, "Accept",
                "application/pdf;q=0, text/csv");
        RawHttp.Answer anything = send("GET", "/api/trajectories/" + id + "/report", null, "Accept",
                "image/png, */*;q=0.1");

        assertThat(png.status()).as(png.text()).isEqualTo(406);
        assertThat(png.header("Content-Type")).startsWith("application/problem+json");
        assertThat(JSON.readTree(png.body()).get("type").asText()).endsWith("not-acceptable");
        assertThat(refusedPdf.status()).isEqualTo(406);
        assertThat(anything.status()).isEqualTo(200);
        assertThat(anything.header("Content-Type")).startsWith("application/json");
    }

    /** The container refuses an expectation it cannot meet, before anything reads the request: as the contract says. */
    @Test
    void anExpectationOtherThanContinue_isRefusedWithAStableType() throws IOException {
        long before = commits();

        RawHttp.Answer bogus = send("POST", "/api/trajectories/" + id + "/notes", "{\"text\": \"expected\"}",
                "Expect", "bogus");

        assertThat(bogus.status()).isEqualTo(417);
        assertThat(bogus.header("Content-Type")).startsWith("application/problem+json");
        assertThat(JSON.readTree(bogus.body()).get("type").asText()).endsWith(":expectation-failed");
        assertThat(commits()).isEqualTo(before);
    }
}
