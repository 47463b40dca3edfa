package nl.trajectorytracker.infra.phasestate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;

import nl.trajectorytracker.infra.RunningTracker;
import nl.trajectorytracker.infra.RunningTracker.Client;
import nl.trajectorytracker.infra.RunningTracker.Response;
import nl.trajectorytracker.infra.openapi.ContractValidator;

/**
 * Walks the realistic trajectory of the walkthrough through the API, records what the live phase-state read model
 * showed at several moments, and reconstructs the trajectory as of those moments and versions from the event
 * store: the reconstruction must equal what the read model showed then. Also the diff, the audit report in its
 * three forms, and who may read all this.
 */
class PhaseStateTimeTravelTest {

    @TempDir
    static Path data;

    private static RunningTracker tracker;
    private static String id;
    /** What the live read model showed, by checkpoint name: the whole response. */
    private static final Map<String, JsonNode> SHOWN = new LinkedHashMap<>();
    private static final Map<String, Long> VERSION_OF_STEP = new LinkedHashMap<>();

    /** Checks every request and answer of the walk and its reads against the served OpenAPI document. */
    private static ContractValidator contract;

    @BeforeAll
    static void walkTheTrajectory() {
        tracker = RunningTracker.start(data);
        contract = ContractValidator.listeningTo(tracker);
        Response created = tracker.post("/api/trajectories", """
                {"title": "Zilveren Kruis and Ziekenhuis Amstelland: from one year to five years",
                 "parties": [{"organisationName": "Zilveren Kruis", "type": "INSURER"},
                             {"organisationName": "Ziekenhuis Amstelland", "type": "CARE_PROVIDER"}]}
                """);
        assertThat(created.status()).isEqualTo(201);
        id = created.json().get("id").asText();
        int advances = 0;
        long last = 0;
        for (Walkthrough.Step step : Walkthrough.STEPS) {
            Response response = tracker.post("/api/trajectories/" + id + "/" + step.path(), step.json());
            assertThat(response.status()).as("%s: %s", step.path(), response.body()).isEqualTo(200);
            long version = response.json().get("version").asLong();
            VERSION_OF_STEP.putIfAbsent(step.path(), version);
            last = version;
            if (step.path().equals("phase-advances") && ++advances == 1) {
                checkpoint("after phase 1", version);
            } else if (step.path().equals("agreement")) {
                checkpoint("after signing", version);
            }
        }
        checkpoint("at the end", last);
    }

    /** Waits until the read model has caught up with the version, then records what it shows. */
    private static void checkpoint(String name, long version) {
        Response shown = await().atMost(Duration.ofSeconds(15)).until(
                () -> tracker.get("/api/trajectories/" + id + "/phases"),
                response -> response.status() == 200 && response.json().get("version").asLong() >= version);
        assertThat(shown.json().get("version").asLong()).as(name).isEqualTo(version);
        assertThat(shown.json().get("source").asText()).isEqualTo("read-model");
        SHOWN.put(name, shown.json());
        // the next step must happen and be recorded at a later moment than this checkpoint's last one
        Instant last = Instant.parse(shown.json().at("/lastEvent/recordedAt").asText());
        await().until(() -> Instant.now().isAfter(last));
    }

    @AfterAll
    static void stop() {
        try {
            contract.assertNoViolations();
        } finally {
            tracker.close();
        }
    }

    @Test
    void theStateAsOfEachMoment_equalsWhatTheReadModelShowedThen() {
        assertThat(SHOWN).containsOnlyKeys("after phase 1", "after signing", "at the end");
        Client auditor = tracker.createAuditor("auditor-" + System.nanoTime());
        for (Map.Entry<String, JsonNode> checkpoint : SHOWN.entrySet()) {
            JsonNode shown = checkpoint.getValue();
            long version = shown.get("version").asLong();
            String moment = shown.at("/lastEvent/occurredAt").asText();
            String recorded = shown.at("/lastEvent/recordedAt").asText();

            JsonNode byMoment = tracker.get("/api/trajectories/" + id + "/phases?asOf=" + moment).json();
            JsonNode byVersion = tracker.get("/api/trajectories/" + id + "/phases?version=" + version).json();
            JsonNode audited = auditor.get("/api/audit/trajectories/" + id + "/state?asOf=" + moment).json();
            JsonNode known = tracker.get("/api/trajectories/" + id + "/phases?knownAt=" + recorded).json();
            JsonNode both = tracker.get("/api/trajectories/" + id + "/phases?asOf=" + moment + "&knownAt="
                    + recorded).json();

            for (JsonNode reconstructed : new JsonNode[] {byMoment, byVersion, audited, known, both}) {
                assertThat(reconstructed.get("source").asText()).isEqualTo("event-store");
                assertThat(reconstructed.get("version").asLong()).as(checkpoint.getKey()).isEqualTo(version);
                assertThat(reconstructed.get("lastEvent")).isEqualTo(shown.get("lastEvent"));
                assertThat(reconstructed.get("state")).as(checkpoint.getKey()).isEqualTo(shown.get("state"));
            }
            assertThat(byMoment.get("asOf").asText()).isEqualTo(moment);
            assertThat(known.get("knownAt").asText()).isEqualTo(recorded);
            assertThat(byVersion.get("requestedVersion").asLong()).isEqualTo(version);
        }
        JsonNode afterPhase1 = SHOWN.get("after phase 1").get("state");
        assertThat(afterPhase1.get("currentPhase").asText()).isEqualTo("CO_DESIGN");
        assertThat(afterPhase1.at("/negotiation/proposals")).isEmpty();
        assertThat(afterPhase1.at("/internalPreparation/openQuestions")).isEmpty();
        JsonNode afterSigning = SHOWN.get("after signing").get("state");
        assertThat(afterSigning.at("/negotiation/signedAgreement/0/terms/model").asText()).isEqualTo("SHARED_SAVINGS");
        assertThat(afterSigning.at("/runningAgreement/measurements")).isEmpty();
        JsonNode atTheEnd = SHOWN.get("at the end").get("state");
        assertThat(atTheEnd.at("/conclusion/outcome").asText()).isEqualTo("AGREEMENT_FULFILLED");
        assertThat(atTheEnd.at("/runningAgreement/measurements")).hasSize(1);
    }

    @Test
    void onePhase_isReadOnItsOwn_nowAndAsOfAVersion() {
        JsonNode negotiation = tracker.get("/api/trajectories/" + id + "/phases/NEGOTIATION").json();
        assertThat(negotiation.get("phase").asText()).isEqualTo("NEGOTIATION");
        assertThat(negotiation.at("/progress/status").asText()).isEqualTo("COMPLETED");
        assertThat(negotiation.at("/recorded/proposals")).hasSize(2);

        long afterPhase1 = SHOWN.get("after phase 1").get("version").asLong();
        JsonNode then = tracker.get("/api/trajectories/" + id + "/phases/3?version=" + afterPhase1).json();
        assertThat(then.at("/progress/status").asText()).isEqualTo("NOT_STARTED");
        assertThat(then.at("/recorded/proposals")).isEmpty();
    }

    @Test
    void theDiff_showsTheBatnaRevision_andWhatWasAddedBetweenTwoMoments() {
        long defined = VERSION_OF_STEP.get("batna");
        long revised = VERSION_OF_STEP.get("batna-revisions");
        JsonNode diff = tracker.get("/api/trajectories/" + id + "/diff?from=" + defined + "&to=" + revised).json();
        assertThat(diff.get("highlights").toString()).contains("BATNA revised: v1 → v2");
        assertThat(diff.get("events")).hasSize(1);
        assertThat(diff.at("/events/0/type").asText()).isEqualTo("BatnaRevised");
        assertThat(diff.get("changes").toString()).contains("internalPreparation.batna[#" + revised + "]");

        String from = SHOWN.get("after phase 1").at("/lastEvent/occurredAt").asText();
        String to = SHOWN.get("after signing").at("/lastEvent/occurredAt").asText();
        JsonNode between = tracker.get("/api/trajectories/" + id + "/diff?from=" + from + "&to=" + to).json();
        assertThat(between.at("/from/version").asLong()).isEqualTo(SHOWN.get("after phase 1").get("version").asLong());
        assertThat(between.at("/to/version").asLong()).isEqualTo(SHOWN.get("after signing").get("version").asLong());
        assertThat(between.get("highlights").toString()).contains("Phase advanced: CO_DESIGN → NEGOTIATION")
                .contains("added to negotiation.proposals");
        assertThat(between.get("events").size()).isEqualTo(between.at("/to/version").asInt()
                - between.at("/from/version").asInt());
    }

    @Test
    void theReport_asJson_hasTheDecisionsWithReasons_andTheSignedTerms() {
        JsonNode report = tracker.get("/api/trajectories/" + id + "/report").json();
        assertThat(report.get("decisions")).hasSize(3);
        assertThat(report.at("/decisions/2/decision/rationale").asText())
                .isEqualTo("Five years are needed to earn back the day-care investment and to see health gains");
        assertThat(report.at("/agreement/terms/model").asText()).isEqualTo("SHARED_SAVINGS");
        assertThat(report.at("/agreement/signatories")).hasSize(2);
        assertThat(report.get("finalEvaluations")).hasSize(1);
        assertThat(report.get("trust")).hasSize(2);
        assertThat(report.get("phases")).hasSize(5);
        assertThat(report.at("/conclusion/outcome").asText()).isEqualTo("AGREEMENT_FULFILLED");
        assertThat(report.get("asOf").isNull()).isTrue();
        assertThat(report.get("timeAxes").asText()).contains("as recorded (recordedAt) by now")
                .contains("in the order they happened");

        String signed = SHOWN.get("after signing").at("/lastEvent/occurredAt").asText();
        JsonNode then = tracker.get("/api/trajectories/" + id + "/report?asOf=" + signed).json();
        assertThat(then.get("asOf").asText()).isEqualTo(signed);
        assertThat(then.get("timeAxes").asText()).contains("that happened (occurredAt) by " + signed)
                .contains("in the order they happened");
        assertThat(then.at("/agreement/terms/model").asText()).isEqualTo("SHARED_SAVINGS");
        assertThat(then.get("finalEvaluations")).isEmpty();
    }

    @Test
    void theReport_asHtml_showsReasonsAndTerms_andEscapesRecordedText() {
        Response html = tracker.negotiator().send("GET", "/api/trajectories/" + id + "/report", null,
                "Accept", "text/html");
        assertThat(html.status()).isEqualTo(200);
        assertThat(html.header("Content-Type")).startsWith("text/html");
        assertThat(html.body()).contains("Time axes:").contains("occurredAt").contains("recordedAt")
                .contains("A one-year contract leaves no room to earn back investments in prevention")
                .contains("Five-year shared-savings agreement for orthopaedic care")
                .contains("Anna de Vries").contains("Joint reflection session with an external facilitator");

        Response other = tracker.post("/api/trajectories", """
                {"title": "<script>alert('x')</script> & co",
                 "parties": [{"organisationName": "Zilveren Kruis", "type": "INSURER"},
                             {"organisationName": "Ziekenhuis <b>Amstelland</b>", "type": "CARE_PROVIDER"}]}
                """);
        String otherId = other.json().get("id").asText();
        assertThat(tracker.post("/api/trajectories/" + otherId + "/notes", """
                {"text": "<img src=x onerror=alert(1)> \\"quoted\\""}
                """).status()).isEqualTo(200);
        String escaped = tracker.get("/api/trajectories/" + otherId + "/report?format=html").body();
        assertThat(escaped).doesNotContain("<script>").doesNotContain("<img").doesNotContain("<b>Amstelland")
                .contains("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; co")
                .contains("&lt;img src=x onerror=alert(1)&gt; &quot;quoted&quot;");
    }

    @Test
    void theReport_asPdf_isARealPdfWithPages() throws Exception {
        HttpResponse<byte[]> pdf = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(
                baseUrl() + "/api/trajectories/" + id + "/report"))
                .header("Authorization", "Bearer " + tracker.negotiator().token())
                .header("Accept", "application/pdf").build(), HttpResponse.BodyHandlers.ofByteArray());
        assertThat(pdf.statusCode()).isEqualTo(200);
        assertThat(pdf.headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("application/pdf"));
        assertThat(new String(pdf.body(), 0, 5, StandardCharsets.US_ASCII)).isEqualTo("%PDF-");
        try (PDDocument document = Loader.loadPDF(pdf.body())) {
            assertThat(document.getNumberOfPages()).isGreaterThanOrEqualTo(2);
        }
        Response byFormat = tracker.get("/api/trajectories/" + id + "/report?format=pdf");
        assertThat(byFormat.status()).isEqualTo(200);
        assertThat(byFormat.body()).startsWith("%PDF");
    }

    @Test
    void aForeignNegotiator_getsNotFound_aResearcherIsForbidden_andBadPointsAreRefusedByName() {
        Client foreign = tracker.createNegotiator("foreign-" + System.nanoTime(), "CZ");
        for (String path : new String[] {"/phases", "/phases?version=3", "/phases/CO_DESIGN", "/diff?from=1&to=2",
                "/report", "/report?format=pdf"}) {
            assertThat(foreign.get("/api/trajectories/" + id + path).status()).as(path).isEqualTo(404);
        }
        Client researcher = tracker.createResearcher("researcher-" + System.nanoTime(), java.util.List.of());
        assertThat(researcher.get("/api/trajectories/" + id + "/phases").status()).isEqualTo(403);
        assertThat(researcher.get("/api/trajectories/" + id + "/report").status()).isEqualTo(403);
        assertThat(researcher.get("/api/audit/trajectories/" + id + "/state").status()).isEqualTo(403);
        assertThat(tracker.get("/api/audit/trajectories/" + id + "/state").status()).isEqualTo(403);
        Client auditor = tracker.createAuditor("auditor-" + System.nanoTime());
        assertThat(auditor.get("/api/trajectories/" + id + "/phases").status()).isEqualTo(200);
        assertThat(auditor.get("/api/trajectories/" + id + "/report?format=html").status()).isEqualTo(200);
        assertThat(tracker.get("/api/trajectories/" + java.util.UUID.randomUUID() + "/phases?version=1").status())
                .isEqualTo(404);

        assertRefused("/phases?asOf=yesterday", "asOf");
        assertRefused("/phases?knownAt=2026-13-01", "knownAt");
        assertRefused("/phases?knownAt=2026-03-01&version=3", "knownAt");
        assertRefused("/report?asOf=2026-03-01T12:00:00", "asOf");
        assertRefused("/diff?fromKnownAt=soon", "fromKnownAt");
        assertRefused("/diff", "from");
        assertRefused("/phases?version=-1", "version");
        assertRefused("/phases?version=abc", "version");
        assertRefused("/phases/SEVENTH", "phase");
        assertRefused("/diff?from=soon", "from");
        assertRefused("/diff?from=1&to=later", "to");
        assertRefused("/report?format=docx", "format");
    }

    /** A request that is wrong on purpose: its answer must still be one the document describes. */
    private static void assertRefused(String path, String field) {
        Response[] answered = new Response[1];
        contract.onlyAnswers(() -> answered[0] = tracker.get("/api/trajectories/" + id + path));
        Response refused = answered[0];
        assertThat(refused.status()).as(path).isEqualTo(400);
        assertThat(refused.json().get("field").asText()).as(path).isEqualTo(field);
    }

    private static String baseUrl() {
        int port = ((org.springframework.boot.web.server.context.WebServerApplicationContext) tracker.context())
                .getWebServer().getPort();
        return "http://127.0.0.1:" + port;
    }
}
