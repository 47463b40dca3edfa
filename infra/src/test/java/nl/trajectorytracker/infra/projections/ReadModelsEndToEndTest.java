package nl.trajectorytracker.infra.projections;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.tokenstore.TokenStore;
import org.bson.Document;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.data.mongodb.core.MongoOperations;

import com.fasterxml.jackson.databind.JsonNode;

import nl.trajectorytracker.infra.RunningTracker;
import nl.trajectorytracker.infra.monitoring.OverdueEvaluationCheck;
import nl.trajectorytracker.query.readmodel.ReplayableProjection;
import nl.trajectorytracker.query.research.ResearchProjection;
import nl.trajectorytracker.query.research.ResearchSteps;
import nl.trajectorytracker.query.trusttrend.TrustTrendProjection;

/**
 * Writes a realistic trajectory through the API (the walkthrough's: Zilveren Kruis and Ziekenhuis Amstelland, five
 * phases), reads every read model, and rebuilds them all: the rebuilt documents equal the live ones, document for
 * document, and the consistency check agrees.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ReadModelsEndToEndTest {

    @TempDir
    static Path data;

    private static RunningTracker tracker;
    private static String id;
    private static String municipal;

    @BeforeAll
    static void start() {
        tracker = RunningTracker.start(data, "tracker.monitoring.overdue-check-initial-delay=PT1H",
                "tracker.projections.progress-log-interval=1s");
        id = walkthrough();
        RunningTracker.Response created = tracker.post("/api/trajectories", """
                {"title": "Zilveren Kruis and Gemeente Amstelveen: care close to home",
                 "parties": [{"organisationName": "Zilveren Kruis", "type": "INSURER"},
                             {"organisationName": "Gemeente Amstelveen", "type": "MUNICIPALITY"}]}
                """);
        assertThat(created.status()).isEqualTo(201);
        municipal = created.json().get("id").asText();
        RunningTracker.Response foreign = tracker.createNegotiator("mila", "Menzis").post("/api/trajectories", """
                {"title": "Menzis and Ziekenhuis Amstelland: a five-year deal",
                 "parties": [{"organisationName": "Menzis", "type": "INSURER"},
                             {"organisationName": "Ziekenhuis Amstelland", "type": "CARE_PROVIDER"}]}
                """);
        assertThat(foreign.status()).isEqualTo(201);
        until("/api/trajectories/" + id + "/decisions",
                history -> history.get("entries").size() > 0 && history.get("phase").asText().equals("AFTER_AGREEMENT")
                        && last(history.get("entries")).get("type").asText().equals("TRAJECTORY_CONCLUDED"));
        until("/api/trajectories/" + municipal, overview -> true);
    }

    @AfterAll
    static void stop() {
        tracker.close();
    }

    @Test
    @Order(1)
    void theDecisionHistory_logsEveryDecisionLikeStep_inOrder_andFilters() {
        JsonNode entries = tracker.get("/api/trajectories/" + id + "/decisions").json().get("entries");
        List<String> types = new ArrayList<>();
        entries.forEach(entry -> types.add(entry.get("type").asText()));
        assertThat(types).containsSubsequence("BATNA_DEFINED", "BATNA_REVISED", "DECISION", "PHASE_ADVANCED",
                "DECISION", "GO_NO_GO", "PHASE_ADVANCED", "PROPOSAL_ACCEPTED", "DECISION", "AGREEMENT_SIGNED",
                "PHASE_ADVANCED", "CONTRACT_AMENDED", "EVALUATION_OVERDUE", "PHASE_ADVANCED", "TRAJECTORY_CONCLUDED");
        JsonNode first = entries.get(2);
        assertThat(first.get("decision").asText()).isEqualTo("We aim for a five-year shared-savings agreement");
        assertThat(first.get("alternatives").size()).isEqualTo(2);
        assertThat(first.get("evidence").get(0).asText()).isEqualTo("Vektis declaration data 2021-2025");
        assertThat(first.get("guidingQuestionId").asText()).isEqualTo("P1.PREVIOUS_AGREEMENTS_SERVE_GOALS");
        assertThat(first.get("phase").asText()).isEqualTo("INTERNAL_PREPARATION");
        assertThat(first.get("actor").asText()).isNotBlank();

        JsonNode decisions = tracker.get("/api/trajectories/" + id + "/decisions?type=decision").json();
        assertThat(decisions.get("entries").size()).isEqualTo(3);
        JsonNode inCoDesign = tracker.get("/api/trajectories/" + id + "/decisions?type=DECISION&phase=CO_DESIGN")
                .json();
        assertThat(inCoDesign.get("entries").size()).isEqualTo(1);
        assertThat(inCoDesign.get("entries").get(0).get("reference").asText()).isEqualTo("DEC-2");
        String actor = first.get("actor").asText();
        assertThat(tracker.get("/api/trajectories/" + id + "/decisions?actor=" + actor).json().get("entries").size())
                .isEqualTo(entries.size() - 1); // all but the overdue flag, which the system raised
        assertThat(tracker.get("/api/trajectories/" + id + "/decisions?from=2000-01-01&to=2000-01-02").json()
                .get("entries").size()).isZero();
        assertThat(tracker.get("/api/trajectories/" + id + "/decisions?type=nonsense").status()).isEqualTo(400);
    }

    @Test
    @Order(2)
    void theStakeholderNetwork_keepsEveryChange_andMarksRemovedStakeholders() {
        JsonNode network = tracker.get("/api/trajectories/" + id + "/stakeholders").json();
        JsonNode federation = network.get("stakeholders").get(0);
        assertThat(federation.get("stakeholderId").asText()).isEqualTo("S1");
        assertThat(federation.get("influence").asText()).isEqualTo("HIGH");
        assertThat(federation.get("history").size()).isEqualTo(2);
        assertThat(federation.get("history").get(0).get("influence").asText()).isEqualTo("MEDIUM");
        JsonNode board = network.get("stakeholders").get(1);
        assertThat(board.get("removed").asBoolean()).isTrue();
        assertThat(last(board.get("history")).get("change").asText()).isEqualTo("REMOVED");
        assertThat(network.get("networkParties").get(0).get("name").asText()).isEqualTo("Gemeente Amstelveen");
        assertThat(network.get("parties").size()).isEqualTo(2);
    }

    @Test
    @Order(3)
    void theTrustTrend_followsPersonAndOrganisationPerCounterpart() {
        JsonNode counterpart = tracker.get("/api/trajectories/" + id + "/trust").json().get("counterparts").get(0);
        assertThat(counterpart.get("counterpart").asText()).isEqualTo("Ziekenhuis Amstelland");
        assertThat(counterpart.get("assessments").size()).isEqualTo(2);
        assertThat(counterpart.get("latestPersonTrust").asInt()).isEqualTo(5);
        assertThat(counterpart.get("latestOrganisationTrust").asInt()).isEqualTo(4);
        assertThat(counterpart.get("personChange").asInt()).isEqualTo(1);
        assertThat(counterpart.get("organisationChange").asInt()).isEqualTo(2);
    }

    @Test
    @Order(4)
    void monitoring_showsIndicators_measurements_andEvaluationMoments() {
        JsonNode monitoring = tracker.get("/api/trajectories/" + id + "/monitoring").json();
        JsonNode indicator = monitoring.get("indicators").get(0);
        assertThat(indicator.get("target").asText()).isEqualTo("At most 5 weeks by the end of 2027");
        assertThat(indicator.get("measurements").size()).isEqualTo(2);
        assertThat(indicator.get("latest").get("value").asText()).isEqualTo("5 weeks");
        JsonNode moments = monitoring.get("evaluationMoments");
        assertThat(moments.get(0).get("status").asText()).isEqualTo("HELD");
        assertThat(moments.get(0).get("heldKind").asText()).isEqualTo("INTERIM");
        assertThat(moments.get(1).get("overdueFlaggedAt").isNull()).isFalse();
        assertThat(moments.get(1).get("heldKind").asText()).isEqualTo("FINAL");
        assertThat(moments.get(2).get("date").asText()).isEqualTo("2099-06-30");
        assertThat(moments.get(2).get("status").asText()).isEqualTo("SCHEDULED");
        assertThat(tracker.get("/api/trajectories/" + id + "/monitoring?asOf=2099-06-20").json()
                .get("evaluationMoments").get(2).get("status").asText()).isEqualTo("DUE");
        assertThat(tracker.get("/api/trajectories/" + id + "/monitoring?asOf=2099-07-01").json()
                .get("overdue").asInt()).isEqualTo(1);
    }

    @Test
    @Order(5)
    void everyReadModel_answers404_forAForeignOrUnknownTrajectory_andAuditorsReadAll() {
        RunningTracker.Client menzis = tracker.createNegotiator("max", "Menzis");
        RunningTracker.Client auditor = tracker.createAuditor("aud");
        for (String view : List.of("decisions", "stakeholders", "monitoring", "trust")) {
            assertThat(menzis.get("/api/trajectories/" + id + "/" + view).status()).as(view).isEqualTo(404);
            assertThat(tracker.get("/api/trajectories/5b0c8a52-5d0e-4a6b-9c1e-2f3a4b5c6d7e/" + view).status())
                    .as(view).isEqualTo(404);
            assertThat(tracker.get("/api/trajectories/not-an-id/" + view).status()).as(view).isEqualTo(404);
            assertThat(auditor.get("/api/trajectories/" + id + "/" + view).status()).as(view).isEqualTo(200);
            assertThat(tracker.asAdmin().get("/api/trajectories/" + id + "/" + view).status()).as(view)
                    .isEqualTo(403);
        }
    }

    @Test
    @Order(6)
    void theOverview_searchesByPhaseStatusPartyTypeOrganisationAndTitle_pagedAndSorted() {
        assertThat(titles("?text=FIVE")).containsExactly(
                "Zilveren Kruis and Ziekenhuis Amstelland: from one year to five years");
        assertThat(titles("?phase=AFTER_AGREEMENT&status=CONCLUDED")).hasSize(1);
        assertThat(titles("?status=ACTIVE")).containsExactly(
                "Zilveren Kruis and Gemeente Amstelveen: care close to home");
        assertThat(titles("?partyType=MUNICIPALITY")).hasSize(1);
        assertThat(titles("?party=Ziekenhuis%20Amstelland")).hasSize(1); // Menzis' trajectory is out of scope
        assertThat(titles("?sort=title,asc")).containsExactly(
                "Zilveren Kruis and Gemeente Amstelveen: care close to home",
                "Zilveren Kruis and Ziekenhuis Amstelland: from one year to five years");
        JsonNode page = tracker.get("/api/trajectories?sort=title,desc&size=1&page=1").json();
        assertThat(page.get("total").asLong()).isEqualTo(2);
        assertThat(page.get("items").get(0).get("title").asText()).contains("Gemeente Amstelveen");
        assertThat(page.get("items").get(0).get("version").asLong()).isZero();
        assertThat(tracker.createAuditor("auda").get("/api/trajectories?text=five").json().get("total").asLong())
                .isEqualTo(2);
        assertThat(tracker.get("/api/trajectories?sort=secret").status()).isEqualTo(400);
        assertThat(tracker.get("/api/trajectories?phase=SIXTH").status()).isEqualTo(400);
    }

    @Test
    @Order(7)
    void theOverdueCheck_flagsNothingTwice() {
        assertThat(tracker.bean(OverdueEvaluationCheck.class).check()).isZero();
    }

    @Test
    @Order(8)
    void projectionsAdministration_isForAdministrators_andUnknownNamesAre404() {
        assertThat(tracker.get("/api/admin/projections").status()).isEqualTo(403);
        RunningTracker.Response unknown = tracker.asAdmin().post("/api/admin/projections/no-such/rebuild", "{}");
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.json().get("type").asText()).isEqualTo("urn:trajectory-tracker:error:projection-not-found");
        assertThat(tracker.asAdmin().post("/api/admin/projections/no-such/consistency-check", "{}").status())
                .isEqualTo(404);
        JsonNode status = tracker.asAdmin().get("/api/admin/projections").json();
        List<String> names = new ArrayList<>();
        status.forEach(processor -> names.add(processor.get("name").asText()));
        assertThat(names).contains("decision-history", "monitoring", "stakeholder-network", "trajectory-overview",
                "trust-trend");
        status.forEach(processor -> assertThat(processor.get("running").asBoolean()).isTrue());
    }

    @Test
    @Order(9)
    void rebuildingEveryReadModel_givesTheSameDocuments_asTheLiveOnes() {
        MongoOperations mongo = tracker.bean(MongoOperations.class);
        List<ReplayableProjection> projections = List.copyOf(tracker.context()
                .getBeansOfType(ReplayableProjection.class).values());
        Map<String, Map<Object, Document>> live = snapshot(mongo, projections);

        RunningTracker.Response started = tracker.asAdmin().post("/api/admin/projections/rebuild", "{}");
        assertThat(started.status()).as(started.body()).isEqualTo(202);
        assertThat(started.json().size()).isGreaterThanOrEqualTo(projections.size());
        assertThat(started.json().get(0).get("eventsTotal").asLong()).isPositive();

        JsonNode status = awaitRebuilt();
        status.forEach(processor -> {
            JsonNode rebuild = processor.get("rebuild");
            assertThat(rebuild.get("eventsDone").asLong()).isEqualTo(rebuild.get("eventsTotal").asLong());
            assertThat(rebuild.get("etaSeconds").asLong()).isZero();
            assertThat(processor.get("lag").asLong()).isZero();
            assertThat(processor.get("replaying").asBoolean()).as("replaying after the rebuild: " + processor)
                    .isFalse();
        });
        assertThat(snapshot(mongo, projections)).isEqualTo(live);

        for (ReplayableProjection projection : projections) {
            JsonNode report = tracker.consistencyReport(projection.processingGroup());
            assertThat(report.get("consistent").asBoolean()).as(report.toString()).isTrue();
            assertThat(report.get("eventsReplayed").asLong()).isPositive();
        }

        RunningTracker.Response one = tracker.asAdmin().post("/api/admin/projections/decision-history/rebuild", "{}");
        assertThat(one.status()).isEqualTo(202);
        assertThat(one.header("Location")).isEqualTo("/api/admin/projections/decision-history");
        awaitRebuilt();
        assertThat(snapshot(mongo, projections)).isEqualTo(live);
    }

    @Test
    @Order(10)
    void theConsistencyCheck_reportsADocumentChangedBehindTheProjectionsBack() {
        MongoOperations mongo = tracker.bean(MongoOperations.class);
        mongo.getCollection("trust_trend").updateOne(new Document("_id", id),
                new Document("$set", new Document("lastSequence", 999L)));
        JsonNode report = tracker.consistencyReport("trust-trend");
        assertThat(report.get("consistent").asBoolean()).isFalse();
        assertThat(report.get("collections").get(0).get("changed").get(0).asText()).isEqualTo(id);
    }

    @Test
    @Order(11)
    void theRebuildOption_rebuildsAtStartUp_andRepairsAReadModel() {
        MongoOperations mongo = tracker.bean(MongoOperations.class);
        List<ReplayableProjection> projections = List.copyOf(tracker.context()
                .getBeansOfType(ReplayableProjection.class).values());
        Map<String, Map<Object, Document>> before = snapshot(mongo, projections);
        tracker.close();
        tracker = RunningTracker.start(data, "tracker.monitoring.overdue-check-initial-delay=PT1H", "rebuild=all");

        awaitRebuilt();
        mongo = tracker.bean(MongoOperations.class);
        Map<String, Map<Object, Document>> after = snapshot(mongo, projections);
        assertThat(after.get("trust_trend").get(id).get("lastSequence")).isNotEqualTo(999L);
        after.remove("trust_trend");
        before.remove("trust_trend");
        assertThat(after).isEqualTo(before);
        assertThat(tracker.consistencyReport("trust-trend").get("consistent").asBoolean()).isTrue();
    }

    @Test
    @Order(12)
    void aReadModelBuiltWithAnOlderShape_isRebuiltAtStartUp_byItself() {
        MongoOperations mongo = tracker.bean(MongoOperations.class);
        Document recorded = mongo.findById(ResearchProjection.NAME, Document.class, StoredShapes.COLLECTION);
        assertThat(recorded).as("the shape research was built with").isNotNull();
        long steps = mongo.getCollection(ResearchSteps.COLLECTION).countDocuments();
        assertThat(steps).isPositive();
        // as an older version left it: another shape, and none of the documents the current one needs
        mongo.getCollection(StoredShapes.COLLECTION).updateOne(new Document("_id", ResearchProjection.NAME),
                new Document("$set", new Document("shape", recorded.getInteger("shape") - 1)));
        mongo.getCollection(ResearchSteps.COLLECTION).drop();
        tracker.close();

        Instant restarted = Instant.now();
        tracker = RunningTracker.start(data, "tracker.monitoring.overdue-check-initial-delay=PT1H");
        // the start-up waits for the rebuild of a changed shape: it has finished once the tracker answers
        JsonNode rebuilt = tracker.asAdmin().get("/api/admin/projections/" + ResearchProjection.NAME).json();
        assertThat(rebuilt.at("/rebuild/state").asText()).as(rebuilt.toString()).isEqualTo("FINISHED");
        mongo = tracker.bean(MongoOperations.class);
        assertThat(mongo.getCollection(ResearchSteps.COLLECTION).countDocuments()).isEqualTo(steps);
        assertThat(mongo.findById(ResearchProjection.NAME, Document.class, StoredShapes.COLLECTION)
                .getInteger("shape")).isEqualTo(recorded.getInteger("shape"));
        JsonNode others = tracker.asAdmin().get("/api/admin/projections/" + TrustTrendProjection.NAME).json();
        // its latest rebuild, if any, is one of an earlier start
        JsonNode latest = others.path("rebuild");
        assertThat(latest.isNull() || latest.isMissingNode()
                || Instant.parse(latest.get("startedAt").asText()).isBefore(restarted))
                .as("only the changed read model is rebuilt: " + others).isTrue();
    }

    @Test
    @Order(13)
    void onTheEmbeddedDefault_eachReadModelRunsAsOneSegment() {
        EventProcessingConfiguration processing = tracker.bean(EventProcessingConfiguration.class);
        TokenStore tokens = tracker.bean(TokenStore.class);
        List<String> readModels = processing.eventProcessors().keySet().stream().sorted().toList();
        assertThat(readModels).isNotEmpty();
        for (String readModel : readModels) {
            assertThat(tokens.fetchSegments(readModel)).as(readModel).containsExactly(0);
        }
    }

    private static JsonNode awaitRebuilt() {
        return await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(100))
                .until(() -> tracker.asAdmin().get("/api/admin/projections").json(), status -> {
                    boolean finished = true;
                    for (JsonNode processor : status) {
                        finished &= processor.at("/rebuild/state").asText().equals("FINISHED");
                    }
                    return finished;
                });
    }

    private static Map<String, Map<Object, Document>> snapshot(MongoOperations mongo,
            List<ReplayableProjection> projections) {
        Map<String, Map<Object, Document>> documents = new HashMap<>();
        projections.forEach(projection -> projection.collections().forEach(collection -> {
            Map<Object, Document> byId = new HashMap<>();
            mongo.findAll(Document.class, collection).forEach(document -> byId.put(document.get("_id"), document));
            documents.put(collection, byId);
        }));
        return documents;
    }

    private static List<String> titles(String query) {
        RunningTracker.Response response = tracker.get("/api/trajectories" + query);
        assertThat(response.status()).as(response.body()).isEqualTo(200);
        List<String> titles = new ArrayList<>();
        response.json().get("items").forEach(item -> titles.add(item.get("title").asText()));
        return titles;
    }

    private static JsonNode last(JsonNode array) {
        return array.get(array.size() - 1);
    }

    private static JsonNode until(String path, Predicate<JsonNode> condition) {
        return await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100))
                .until(() -> tracker.get(path), response -> response.status() == 200
                        && condition.test(response.json())).json();
    }

    private static void step(String trajectory, String path, String json) {
        RunningTracker.Response response = tracker.post("/api/trajectories/" + trajectory + "/" + path, json);
        assertThat(response.status()).as("%s: %s", path, response.body()).isEqualTo(200);
    }

    /** The walkthrough trajectory, with a removed stakeholder and a missed evaluation moment added. */
    private static String walkthrough() {
        RunningTracker.Response created = tracker.post("/api/trajectories", """
                {"title": "Zilveren Kruis and Ziekenhuis Amstelland: from one year to five years",
                 "parties": [{"organisationName": "Zilveren Kruis", "type": "INSURER"},
                             {"organisationName": "Ziekenhuis Amstelland", "type": "CARE_PROVIDER"}]}
                """);
        assertThat(created.status()).isEqualTo(201);
        String id = created.json().get("id").asText();
        step(id, "strategic-goals", """
                {"goalId": "G1",
                 "goal": "Move from yearly volume deals to a multi-year agreement on value for patients",
                 "challenge": "Waiting lists for orthopaedics grow while premiums must stay affordable"}
                """);
        step(id, "stakeholders", """
                {"stakeholderId": "S1",
                 "name": "Regional patient federation",
                 "scope": "EXTERNAL",
                 "role": "Represents the patients on the waiting lists",
                 "interests": ["Shorter waiting times", "Care close to home"],
                 "influence": "MEDIUM"}
                """);
        step(id, "stakeholder-updates", """
                {"stakeholderId": "S1",
                 "name": "Regional patient federation",
                 "scope": "EXTERNAL",
                 "role": "Co-designs the patient outcome indicators",
                 "interests": ["Shorter waiting times", "Shared decision making"],
                 "influence": "HIGH"}
                """);
        step(id, "stakeholders", """
                {"stakeholderId": "S2",
                 "name": "Supervisory board",
                 "scope": "INTERNAL",
                 "role": "Approves multi-year commitments",
                 "interests": ["Financial stability"],
                 "influence": "HIGH"}
                """);
        step(id, "stakeholder-removals", """
                {"stakeholderId": "S2",
                 "why": "The board delegated the mandate to the director of purchasing"}
                """);
        step(id, "previous-agreement-assessments", """
                {"agreement": "One-year volume contract 2020 for hospital care",
                 "servesOurGoals": false,
                 "why": "Yearly price and volume haggling leaves no room for prevention or substitution",
                 "contractingQuestion": true}
                """);
        step(id, "batna", """
                {"batna": "Contract the orthopaedic volume with two other hospitals in the region",
                 "why": "Both have capacity and comparable outcomes"}
                """);
        step(id, "batna-revisions", """
                {"batna": "A one-year volume contract at last year's prices",
                 "why": "One of the alternative hospitals no longer has capacity"}
                """);
        step(id, "decisions", """
                {"decisionId": "DEC-1",
                 "decision": "We aim for a five-year shared-savings agreement",
                 "rationale": "A one-year contract leaves no room to earn back investments in prevention",
                 "alternativesConsidered": ["Another one-year volume contract", "Bundled payment for hip replacements"],
                 "evidence": ["Vektis declaration data 2021-2025"],
                 "guidingQuestionId": "P1.PREVIOUS_AGREEMENTS_SERVE_GOALS",
                 "agreedBy": ["Zilveren Kruis"]}
                """);
        step(id, "phase-advances", "{\"to\": \"CO_DESIGN\"}");
        step(id, "trust-assessments", """
                {"counterpart": "Ziekenhuis Amstelland",
                 "personTrust": 4,
                 "organisationTrust": 2,
                 "note": "I trust my counterpart; her board still thinks in yearly budgets"}
                """);
        step(id, "goals", """
                {"goalId": "Q1",
                 "goal": "Waiting time for a hip replacement below the Treeknorm",
                 "dimension": "QUALITY_OF_CARE",
                 "kind": "SMART",
                 "contextSource": {"kind": "NATIONAL_AGREEMENT", "name": "IZA: appropriate care"}}
                """);
        step(id, "network-parties", """
                {"name": "Gemeente Amstelveen",
                 "kind": "MUNICIPALITY",
                 "need": "Home support after day surgery"}
                """);
        step(id, "decisions", """
                {"decisionId": "DEC-2",
                 "decision": "Savings are measured against the 2019 Vektis baseline",
                 "rationale": "Both parties accept this data; no fact war about volumes",
                 "alternativesConsidered": ["Hospital production figures", "Insurer claims data only"],
                 "evidence": ["Vektis declaration data 2019"],
                 "guidingQuestionId": "P2.SHARED_DATA",
                 "agreedBy": ["Zilveren Kruis", "Ziekenhuis Amstelland"]}
                """);
        step(id, "go-no-go-decisions", """
                {"moment": "End of co-design",
                 "decision": "GO",
                 "why": "The joint facts support a shared-savings model"}
                """);
        step(id, "phase-advances", "{\"to\": \"NEGOTIATION\"}");
        step(id, "proposals", """
                {"proposalId": "P1",
                 "by": "Ziekenhuis Amstelland",
                 "terms": {"model": "SHARED_SAVINGS",
                    "durationMonths": 60,
                    "gainSharing": {"careProviderPercent": 50,
                                     "description": "Savings against the 2020 baseline are shared 50/50"},
                    "lossSharing": {"careProviderPercent": 50, "capEur": 2000000,
                                     "description": "Losses are shared 50/50, capped at EUR 2 million"},
                    "description": "Five-year shared-savings agreement for orthopaedic care"}}
                """);
        step(id, "proposal-acceptances", """
                {"proposalId": "P1",
                 "by": "Zilveren Kruis"}
                """);
        step(id, "monitoring-indicators", """
                {"indicatorId": "I1",
                 "name": "Waiting time for a hip replacement in weeks",
                 "kind": "SMART",
                 "target": "At most 5 weeks by the end of 2027",
                 "owner": "Hospital quality department",
                 "dimension": "QUALITY_OF_CARE"}
                """);
        step(id, "evaluation-moments", """
                {"date": "2023-06-30",
                 "purpose": "Interim evaluation of savings and waiting times"}
                """);
        step(id, "evaluation-moments", """
                {"date": "2024-06-30",
                 "purpose": "Second interim evaluation"}
                """);
        step(id, "evaluation-moments", """
                {"date": "2099-06-30",
                 "purpose": "Evaluation of the follow-up"}
                """);
        step(id, "decisions", """
                {"decisionId": "DEC-3",
                 "decision": "A five-year shared-savings agreement instead of a one-year volume contract",
                 "rationale": "Five years are needed to earn back the day-care investment and to see health gains",
                 "alternativesConsidered": ["One-year volume contract", "Three-year bundled payment"],
                 "evidence": ["Vektis declaration data 2019", "Business case day-care centre"],
                 "guidingQuestionId": "P3.DURATION",
                 "agreedBy": ["Zilveren Kruis", "Ziekenhuis Amstelland"]}
                """);
        step(id, "agreement", """
                {"terms": {"model": "SHARED_SAVINGS",
                    "durationMonths": 60,
                    "gainSharing": {"careProviderPercent": 50,
                                     "description": "Savings against the 2020 baseline are shared 50/50"},
                    "lossSharing": {"careProviderPercent": 50, "capEur": 2000000,
                                     "description": "Losses are shared 50/50, capped at EUR 2 million"},
                    "description": "Five-year shared-savings agreement for orthopaedic care"},
                 "signatories": [
                     {"name": "Anna de Vries", "organisation": "Zilveren Kruis", "role": "Director of purchasing"},
                     {"name": "Pieter Jansen", "organisation": "Ziekenhuis Amstelland", "role": "Chair of the board"}],
                 "startDate": "2021-01-01",
                 "endDate": "2025-12-31"}
                """);
        step(id, "phase-advances", "{\"to\": \"RUNNING_AGREEMENT\"}");
        step(id, "indicator-measurements", """
                {"indicatorId": "I1",
                 "value": "6 weeks",
                 "measuredOn": "2021-12-31",
                 "note": "Down from 11 weeks"}
                """);
        step(id, "contract-amendments", """
                {"what": "Knee replacements added to the shared-savings scope",
                 "why": "The approach works for hips and the teams asked for it"}
                """);
        step(id, "interim-evaluations", """
                {"findings": "Savings on track, staff satisfaction improved",
                 "adjustmentNeeded": false}
                """);
        step(id, "indicator-measurements", """
                {"indicatorId": "I1",
                 "value": "5 weeks",
                 "measuredOn": "2023-12-31",
                 "note": "Target reached"}
                """);
        step(id, "trust-assessments", """
                {"counterpart": "Ziekenhuis Amstelland",
                 "personTrust": 5,
                 "organisationTrust": 4,
                 "note": "Three years in, the organisation keeps its word too"}
                """);
        // the second interim evaluation was missed: the scheduled check flags it once the read model shows it
        until("/api/trajectories/" + id + "/monitoring", monitoring -> monitoring.get("overdue").asInt() == 1
                && monitoring.get("evaluationMoments").get(0).get("status").asText().equals("HELD"));
        assertThat(tracker.bean(OverdueEvaluationCheck.class).check()).isEqualTo(1);
        until("/api/trajectories/" + id + "/monitoring",
                monitoring -> !monitoring.get("evaluationMoments").get(1).get("overdueFlaggedAt").isNull());
        step(id, "phase-advances", "{\"to\": \"AFTER_AGREEMENT\"}");
        step(id, "final-evaluations", """
                {"form": "Joint reflection session with an external facilitator",
                 "outcomes": ["Waiting time 4 weeks", "Savings of 3.1 million euro shared 50/50"],
                 "lessons": ["Agree on the data source before the first proposal"]}
                """);
        step(id, "conclusion", """
                {"outcome": "AGREEMENT_FULFILLED",
                 "why": "Five years delivered: waiting time from 11 to 4 weeks, savings shared 50/50"}
                """);
        return id;
    }
}
