package nl.trajectorytracker.infra.research;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.awaitility.Awaitility;
import org.bson.Document;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.data.mongodb.core.MongoTemplate;

import com.fasterxml.jackson.databind.JsonNode;

import nl.trajectorytracker.infra.RunningTracker;
import nl.trajectorytracker.infra.projections.ProjectionRebuilds;
import nl.trajectorytracker.query.research.ReleasedSets;
import nl.trajectorytracker.query.research.ResearchProjection;
import nl.trajectorytracker.query.research.ResearchSteps;
import nl.trajectorytracker.query.research.ResearchTrajectory;
import nl.trajectorytracker.query.research.Study;
import nl.trajectorytracker.query.research.StudyExport;

/**
 * Research over HTTP: six trajectories whose titles, organisations, people, e-mail addresses, rationales and notes
 * carry planted strings; every research endpoint in every format releases none of them, nor any trajectory id.
 * Five trajectories run their full course, the sixth stops in co-design, so cells of k = 5 are released and cells
 * of k - 1 are suppressed.
 */
class ResearchEndToEndTest {

    /** Not hexadecimal, so it can only turn up in the output by a leak, never inside a pseudonym or an id. */
    private static final String PLANT = "zq7k";
    private static final int TRAJECTORIES = 6;
    /**
     * When the trajectories started: in a year long past, so that the histories release every step (a step is
     * released only from the end of its start's year plus its day since the start).
     */
    private static final Instant STARTED = Instant.parse("2020-03-02T09:00:00Z");
    private static final Instant AGREEMENTS_ENDED = Instant.parse("2026-01-02T09:00:00Z");
    private static final List<String> VIEWS = List.of("histories", "aggregates/phase-durations",
            "aggregates/outcomes", "aggregates/contracts", "aggregates/goals", "aggregates/trust",
            "aggregates/lessons");

    @TempDir
    static Path data;

    private static RunningTracker tracker;
    private static final List<String> trajectoryIds = new ArrayList<>();
    private static final List<String> planted = new ArrayList<>();
    private static String studyA;
    private static String studyB;
    private static String studyNarrow;
    private static RunningTracker.Client researcher;
    private static RunningTracker.Client otherResearcher;

    @BeforeAll
    static void seed() {
        tracker = RunningTracker.start(data);
        for (int i = 0; i < TRAJECTORIES; i++) {
            seedTrajectory(i);
        }
        studyA = createStudy("{\"name\": \"Trust over time\", \"purpose\": \"Masterclass research\"}");
        studyB = createStudy("{\"name\": \"Contract forms\", \"purpose\": \"Another study\", \"k\": 5}");
        studyNarrow = createStudy("""
                {"name": "Phases only", "purpose": "Durations", "k": 3,
                 "eventTypes": ["TrajectoryStarted", "PhaseAdvanced", "TrajectoryConcluded"]}
                """);
        researcher = tracker.createResearcher("researcher-one", List.of(studyA, studyNarrow));
        otherResearcher = tracker.createResearcher("researcher-two", List.of(studyB));
        awaitResearchCaughtUp(tracker);
    }

    /**
     * Waits until the research projection has handled every stored event, without asking a research endpoint: a
     * release while it catches up would be remembered, and a later one would differ from it by a few trajectories.
     */
    static void awaitResearchCaughtUp(RunningTracker tracker) {
        ProjectionRebuilds projections = tracker.bean(ProjectionRebuilds.class);
        Awaitility.await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100)).until(() -> {
            ProjectionRebuilds.ProcessorStatus status = projections.status(ResearchProjection.NAME);
            return status.position() != null && status.position() >= status.head() && !status.replaying();
        });
    }

    @AfterAll
    static void stop() {
        tracker.close();
    }

    private static String createStudy(String body) {
        RunningTracker.Response created = tracker.asAdmin().post("/api/admin/studies", body);
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        assertThat(created.body()).doesNotContain("secret");
        return created.json().get("id").asText();
    }

    private static void seedTrajectory(int i) {
        String organisation = "PLANTED-ORG-" + PLANT + "-" + i;
        String provider = "PLANTED-PROVIDER-" + PLANT + "-" + i;
        String person = "planted.person." + i + "@example.org";
        String signatory = "PLANTED-SIGNATORY-" + PLANT + "-" + i;
        String rationale = "PLANTED-RATIONALE-" + PLANT + "-" + i;
        String note = "PLANTED-NOTE-" + PLANT + "-" + i + " mail planted.mail." + i + "@example.org";
        String title = "PLANTED-TITLE-" + PLANT + "-" + i;
        planted.addAll(List.of(organisation, provider, person, signatory, rationale, note, title,
                "planted.mail." + i + "@example.org"));
        RunningTracker.Client negotiator = tracker.createNegotiator(person, organisation);
        Instant start = STARTED.plus(Duration.ofDays(i));
        RunningTracker.Response created = negotiator.post("/api/trajectories", """
                {"title": "%s", "parties": [{"organisationName": "%s", "type": "INSURER"},
                                            {"organisationName": "%s", "type": "CARE_PROVIDER"}],
                 "occurredAt": "%s"}
                """.formatted(title, organisation, provider, start));
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        String id = created.json().get("id").asText();
        trajectoryIds.add(id);
        Steps steps = new Steps(negotiator, id, start);
        steps.post("strategic-goals", """
                {"goalId": "G1", "goal": "%s", "challenge": "%s"}""".formatted(rationale, note));
        steps.post("previous-agreement-assessments", """
                {"agreement": "%s", "servesOurGoals": false, "why": "%s", "contractingQuestion": true}
                """.formatted(title, rationale));
        steps.post("batna", """
                {"batna": "%s", "why": "%s"}""".formatted(provider, rationale));
        steps.post("team-members", """
                {"name": "%s", "role": "Lead negotiator, %s", "knowledgeAndSkills": ["%s"]}
                """.formatted(signatory, person, note));
        steps.post("decisions", """
                {"decisionId": "DEC-1", "decision": "%s", "rationale": "%s",
                 "alternativesConsidered": ["%s"], "evidence": ["%s"],
                 "guidingQuestionId": "P1.PREVIOUS_AGREEMENTS_SERVE_GOALS", "agreedBy": ["%s"]}
                """.formatted(title, rationale, provider, note, organisation));
        steps.post("pitfalls", """
                {"aboutPhase": "INTERNAL_PREPARATION", "pitfall": "%s", "tag": "planning"}""".formatted(note));
        steps.post("notes", """
                {"text": "%s"}""".formatted(note));
        steps.post("phase-advances", "{\"to\": \"CO_DESIGN\"}");
        steps.post("goals", """
                {"goalId": "Q1", "goal": "%s", "dimension": "QUALITY_OF_CARE", "kind": "SMART"}
                """.formatted(rationale));
        if (i < 4) {
            steps.post("goals", """
                    {"goalId": "Q2", "goal": "%s", "dimension": "POPULATION_HEALTH", "kind": "DIRECTIONAL"}
                    """.formatted(rationale));
        }
        steps.post("trust-assessments", """
                {"counterpart": "%s", "personTrust": %d, "organisationTrust": %d, "note": "%s"}
                """.formatted(provider, i % 2 == 0 ? 4 : 3, 2 + i % 3, note));
        if (i == 5) {
            steps.post("success-factors", """
                    {"aboutPhase": "CO_DESIGN", "successFactor": "%s", "tag": "PLANTED-TAG-%s"}
                    """.formatted(note, PLANT));
            planted.add("PLANTED-TAG-" + PLANT);
            return;
        }
        steps.post("phase-advances", "{\"to\": \"NEGOTIATION\"}");
        steps.post("proposals", """
                {"proposalId": "P1", "by": "%s",
                 "terms": {"model": "SHARED_SAVINGS", "durationMonths": %d,
                    "gainSharing": {"careProviderPercent": 50, "description": "%s"},
                    "lossSharing": {"careProviderPercent": 40, "capEur": 2000000, "description": "%s"},
                    "description": "%s"}}
                """.formatted(provider, i == 0 ? 12 : 60, rationale, note, title));
        steps.post("proposal-acceptances", """
                {"proposalId": "P1", "by": "%s"}""".formatted(organisation));
        steps.post("agreement", """
                {"terms": {"model": "SHARED_SAVINGS", "durationMonths": %d,
                    "gainSharing": {"careProviderPercent": 50, "description": "%s"},
                    "lossSharing": {"careProviderPercent": 40, "capEur": 2000000, "description": "%s"},
                    "description": "%s"},
                 "signatories": [{"name": "%s", "organisation": "%s", "role": "Director"},
                                 {"name": "%s", "organisation": "%s", "role": "Chair"}],
                 "startDate": "2021-01-01", "endDate": "%s"}
                """.formatted(i == 0 ? 12 : 60, rationale, note, title, signatory, organisation, person, provider,
                i == 0 ? "2021-12-31" : "2025-12-31"));
        steps.post("phase-advances", "{\"to\": \"RUNNING_AGREEMENT\"}");
        steps.post("relationship-check-ins", """
                {"participants": ["%s", "%s"], "summary": "%s"}""".formatted(signatory, person, note));
        steps.jumpTo(AGREEMENTS_ENDED); // the gate to the last phase: the agreement has reached its end date
        steps.post("phase-advances", "{\"to\": \"AFTER_AGREEMENT\"}");
        steps.post("success-factors", """
                {"aboutPhase": "CO_DESIGN", "successFactor": "%s", "tag": "joint-fact-finding"}
                """.formatted(note));
        steps.post("conclusion", """
                {"outcome": "AGREEMENT_FULFILLED", "why": "%s"}""".formatted(rationale));
        steps.post("notes", """
                {"text": "%s"}""".formatted(note));
    }

    /** Posts the steps of one trajectory, each a day after the one before. */
    private static final class Steps {
        private final RunningTracker.Client negotiator;
        private final String id;
        private Instant at;

        Steps(RunningTracker.Client negotiator, String id, Instant start) {
            this.negotiator = negotiator;
            this.id = id;
            this.at = start;
        }

        void jumpTo(Instant moment) {
            at = moment;
        }

        void post(String path, String json) {
            at = at.plus(Duration.ofDays(1));
            String dated = json.replaceFirst("\\{", "{\"occurredAt\": \"" + at + "\", ");
            RunningTracker.Response response = negotiator.post("/api/trajectories/" + id + "/" + path, dated);
            assertThat(response.status()).as("%s: %s", path, response.body()).isEqualTo(200);
        }
    }

    @Test
    void everyResearchEndpoint_inEveryFormat_releasesNoPlantedStringAndNoTrajectoryId() {
        List<String> answers = new ArrayList<>();
        for (String view : VIEWS) {
            for (String query : List.of("", "?format=json", "?format=csv", "?format=jsonl",
                    "?format=csv&partyType=CARE_PROVIDER", "?format=jsonl&year=2020&playbookVersion=2025.1",
                    "?partyType=MUNICIPALITY")) {
                RunningTracker.Response answer = researcher.get("/api/research/studies/" + studyA + "/" + view
                        + query);
                assertThat(answer.status()).as(view + query + ": " + answer.body()).isEqualTo(200);
                answers.add(answer.body());
            }
            for (String accept : List.of("text/csv", "application/jsonl", "application/x-ndjson")) {
                RunningTracker.Response answer = researcher.send("GET", "/api/research/studies/" + studyA + "/"
                        + view, null, "Accept", accept);
                assertThat(answer.status()).isEqualTo(200);
                assertThat(answer.header("Content-Type")).startsWith(accept.equals("text/csv") ? "text/csv"
                        : "application/jsonl");
                answers.add(answer.body());
            }
        }
        answers.add(researcher.get("/api/research/studies").body());
        answers.add(researcher.get("/api/research/studies/" + studyA).body());
        answers.add(researcher.get("/api/research/studies/" + studyNarrow + "/histories?format=csv").body());

        String everything = String.join("\n", answers);
        assertThat(everything).contains("T-", "O-", "P-", "AGREEMENT_FULFILLED", "SHARED_SAVINGS");
        for (String secret : planted) {
            assertThat(everything).doesNotContain(secret);
        }
        assertThat(everything).doesNotContainIgnoringCase("planted").doesNotContain(PLANT)
                .doesNotContain("example.org");
        for (String id : trajectoryIds) {
            assertThat(everything).doesNotContain(id);
        }
    }

    @Test
    void histories_keepPartyTypesAndStructure_dropFreeText_andWhatWouldUndoTheGeneralisation() {
        JsonNode histories = researcher.get("/api/research/studies/" + studyA + "/histories").json();

        assertThat(histories.get("trajectories").asInt()).isEqualTo(TRAJECTORIES);
        assertThat(histories.get("rows")).hasSize(TRAJECTORIES);
        JsonNode first = histories.get("rows").get(0);
        assertThat(first.get("trajectory").asText()).matches("T-[0-9a-f]{20}");
        assertThat(first.at("/parties/0/organisation").asText()).matches("O-[0-9a-f]{20}");
        assertThat(first.at("/parties/0/type").asText()).isEqualTo("INSURER");
        JsonNode start = first.at("/steps/0");
        assertThat(start.get("type").asText()).isEqualTo("TrajectoryStarted");
        assertThat(start.get("day").asLong()).isZero();
        assertThat(start.get("person").asText()).matches("P-[0-9a-f]{20}");
        String text = histories.toString();
        // six trajectories and k = 5: the contract model is hidden, and with it how gains and losses are shared
        // (shared savings is the model with gain sharing); an agreement's end would give its duration to the month
        assertThat(histories.at("/anonymisation/generalised/contractModel").asText()).isEqualTo("hidden");
        assertThat(text).contains("\"startDate\":").doesNotContain("endDate").doesNotContain("Sharing")
                .contains("\"guidingQuestionId\":\"P1.PREVIOUS_AGREEMENTS_SERVE_GOALS\"")
                .doesNotContain("\"tag\"").doesNotContain("rationale").doesNotContain("\"title\"");
    }

    @Test
    void theKGate_releasesACellOfK_andSuppressesACellOfKMinusOne_sayingWhy() {
        JsonNode outcomes = researcher.get("/api/research/studies/" + studyA + "/aggregates/outcomes").json();
        assertThat(outcomes.get("k").asInt()).isEqualTo(5);
        // one ongoing is suppressed; five fulfilled would reveal it by subtraction from the six, so they go too
        // every outcome is listed, empty ones too, in order and for one reason: which held what is not told
        assertThat(outcomes.get("rows")).isEmpty();
        assertThat(outcomes.get("suppressed").findValuesAsText("suppressed")).containsExactly(
                "outcome=AGREEMENT_FULFILLED", "outcome=FALLBACK_TO_BATNA", "outcome=ABANDONED", "outcome=ONGOING");
        assertThat(outcomes.get("suppressed").findValuesAsText("reason")).allMatch(
                reason -> reason.startsWith("not described"));
        JsonNode fulfilled = researcher.get("/api/research/studies/" + studyA
                + "/aggregates/outcomes?partyType=CARE_PROVIDER&year=2020")
                .json();
        assertThat(fulfilled.get("trajectories").asInt()).isEqualTo(6);

        // quality in all six, population health in four: the shares of all goals would give the four by subtraction
        JsonNode goals = researcher.get("/api/research/studies/" + studyA + "/aggregates/goals").json();
        assertThat(goals.get("rows")).isEmpty();
        assertThat(goals.get("suppressed").findValuesAsText("suppressed")).contains("dimension=POPULATION_HEALTH",
                "dimension=QUALITY_OF_CARE");

        JsonNode contracts = researcher.get("/api/research/studies/" + studyA + "/aggregates/contracts").json();
        JsonNode all = null;
        for (JsonNode row : contracts.get("rows")) {
            if (row.get("contractModel").asText().equals("ALL")) {
                all = row;
            }
        }
        assertThat(all).isNotNull();
        assertThat(all.get("trajectories").asInt()).isEqualTo(5);
        assertThat(all.get("multiYearShare").asDouble()).isEqualTo(0.8);
        // 12, 60, 60, 60, 60: five values, so every quartile is their mean
        assertThat(all.get("q1DurationMonths").asDouble()).isEqualTo(50.4);
        assertThat(all.get("medianDurationMonths").asDouble()).isEqualTo(50.4);

        JsonNode lessons = researcher.get("/api/research/studies/" + studyA + "/aggregates/lessons").json();
        assertThat(lessons.get("rows").toString()).contains("planning", "joint-fact-finding");
        assertThat(lessons.get("suppressed").toString()).contains("tags held back").doesNotContain("one tag");

        JsonNode municipalities = researcher.get("/api/research/studies/" + studyA
                + "/histories?partyType=MUNICIPALITY").json();
        assertThat(municipalities.get("rows")).isEmpty();
        assertThat(municipalities.get("trajectories").isNull()).isTrue();
        assertThat(municipalities.at("/suppressed/0/suppressed").asText()).isEqualTo("all");
    }

    @Test
    void aFullRebuild_ofTheResearchProjection_givesTheSameHistories() {
        String before = researcher.get("/api/research/studies/" + studyA + "/histories").body();

        tracker.bean(ProjectionRebuilds.class).rebuild("research");

        await("the same histories after the rebuild").atMost(Duration.ofSeconds(20))
                .until(() -> researcher.get("/api/research/studies/" + studyA + "/histories").body(), before::equals);
    }

    @Test
    void pseudonyms_areStableWithinAStudy_andDifferAcrossStudies() {
        Set<String> first = trajectoryPseudonyms(researcher, studyA);
        Set<String> again = trajectoryPseudonyms(researcher, studyA);
        Set<String> otherStudy = trajectoryPseudonyms(otherResearcher, studyB);

        assertThat(first).hasSize(TRAJECTORIES).isEqualTo(again);
        assertThat(otherStudy).hasSize(TRAJECTORIES).doesNotContainAnyElementsOf(first);
    }

    private static Set<String> trajectoryPseudonyms(RunningTracker.Client client, String study) {
        Set<String> pseudonyms = new HashSet<>();
        client.get("/api/research/studies/" + study + "/histories").json().get("rows")
                .forEach(row -> pseudonyms.add(row.get("trajectory").asText()));
        return pseudonyms;
    }

    @Test
    void aStudySeesOnlyItsEventTypes() {
        JsonNode narrow = researcher.get("/api/research/studies/" + studyNarrow + "/histories").json();
        Set<String> types = new HashSet<>();
        narrow.get("rows").forEach(row -> row.get("steps").forEach(step -> types.add(step.get("type").asText())));
        assertThat(types).containsExactlyInAnyOrder("TrajectoryStarted", "PhaseAdvanced", "TrajectoryConcluded");
        assertThat(researcher.get("/api/research/studies/" + studyNarrow + "/aggregates/trust").status())
                .isEqualTo(403);
        assertThat(researcher.get("/api/research/studies/" + studyNarrow + "/aggregates/phase-durations").status())
                .isEqualTo(200);
    }

    @Test
    void researchers_reachOnlyTheirOwnStudies_andOnlyResearchEndpoints() {
        assertThat(otherResearcher.get("/api/research/studies/" + studyA + "/histories").status()).isEqualTo(404);
        assertThat(otherResearcher.get("/api/research/studies/" + studyA).status()).isEqualTo(404);
        assertThat(researcher.get("/api/research/studies/" + studyB + "/aggregates/trust").status()).isEqualTo(404);
        assertThat(researcher.get("/api/research/studies/no-such-study/histories").status()).isEqualTo(404);
        assertThat(researcher.get("/api/research/studies/" + studyA + "/aggregates/nope").status()).isEqualTo(404);
        assertThat(researcher.get("/api/research/studies/" + studyA + "/histories?format=xml").status())
                .isEqualTo(400);

        assertThat(researcher.get("/api/trajectories").status()).isEqualTo(403);
        assertThat(researcher.get("/api/trajectories/" + trajectoryIds.get(0)).status()).isEqualTo(403);
        assertThat(researcher.get("/api/admin/studies").status()).isEqualTo(403);
        assertThat(researcher.get("/api/admin/studies/" + studyA + "/exports").status()).isEqualTo(403);
        assertThat(researcher.post("/api/admin/studies", "{\"name\": \"x\", \"purpose\": \"y\"}").status())
                .isEqualTo(403);
        assertThat(researcher.get("/api/audit/trajectories/" + trajectoryIds.get(0)).status()).isEqualTo(403);
        assertThat(researcher.get("/actuator/metrics").status()).isEqualTo(403);

        assertThat(tracker.get("/api/research/studies/" + studyA + "/histories").status()).isEqualTo(403);
        assertThat(tracker.asAdmin().get("/api/research/studies/" + studyA + "/histories").status())
                .isEqualTo(403);
        assertThat(tracker.anonymous().get("/api/research/studies/" + studyA + "/histories").status())
                .isEqualTo(401);
    }

    @Test
    void administrators_createListAndReadStudies_withoutTheirSecret_andSeeEveryExport() {
        RunningTracker.Client admin = tracker.asAdmin();
        assertThat(admin.post("/api/admin/studies", "{\"name\": \"x\", \"purpose\": \"y\", \"k\": 1}").status())
                .isEqualTo(400);
        assertThat(admin.post("/api/admin/studies", "{\"name\": \"x\", \"purpose\": \"y\", \"eventTypes\": [\"Nope\"]}")
                .json().get("field").asText()).isEqualTo("eventTypes");
        JsonNode study = admin.get("/api/admin/studies/" + studyA).json();
        assertThat(study.get("k").asInt()).isEqualTo(5);
        assertThat(admin.get("/api/admin/studies").json().size()).isGreaterThanOrEqualTo(3);
        assertThat(admin.get("/api/admin/studies").body()).doesNotContain("secret");
        assertThat(admin.get("/api/admin/studies/no-such-study").status()).isEqualTo(404);

        researcher.get("/api/research/studies/" + studyA + "/aggregates/trust?format=csv");
        JsonNode exports = admin.get("/api/admin/studies/" + studyA + "/exports").json();
        assertThat(exports.size()).isGreaterThan(0);
        JsonNode last = exports.get(exports.size() - 1);
        assertThat(last.get("researcher").asText()).isEqualTo("researcher-one");
        assertThat(last.get("what").asText()).isEqualTo("trust");
        assertThat(last.get("format").asText()).isEqualTo("csv");
        assertThat(last.get("at").asText()).isNotBlank();
        assertThat(last.get("rows").asInt()).isGreaterThanOrEqualTo(0);
    }

    /** The research tables themselves, read straight from MongoDB, as someone with a copy of the store would. */
    @Test
    void theResearchCollections_holdNoPlantedStringNoIdNoTagAndNoInstant() {
        researcher.get("/api/research/studies/" + studyA + "/aggregates/trust");
        MongoTemplate mongo = tracker.bean(MongoTemplate.class);
        StringBuilder stored = new StringBuilder();
        for (String collection : List.of(ResearchTrajectory.COLLECTION, ResearchSteps.COLLECTION, Study.COLLECTION,
                ReleasedSets.COLLECTION, StudyExport.COLLECTION)) {
            List<Document> documents = mongo.findAll(Document.class, collection);
            assertThat(documents).as(collection).isNotEmpty();
            documents.forEach(document -> stored.append(document.toJson()).append('\n'));
        }
        String everything = stored.toString();

        for (String secret : planted) {
            assertThat(everything).doesNotContain(secret);
        }
        assertThat(everything).doesNotContainIgnoringCase("planted").doesNotContain(PLANT).doesNotContain("example.org")
                .doesNotContain("planning").doesNotContain("joint-fact-finding").doesNotContain("\"secret\"");
        for (String id : trajectoryIds) {
            assertThat(everything).doesNotContain(id);
        }
        String research = mongo.findAll(Document.class, ResearchTrajectory.COLLECTION).toString()
                + mongo.findAll(Document.class, ResearchSteps.COLLECTION);
        assertThat(research).as("no instants, only days since the start").doesNotContainPattern("\\d{2}:\\d{2}:\\d{2}")
                .doesNotContain("$date").doesNotContain(java.time.Year.now(java.time.ZoneOffset.UTC) + "-");
    }
}
