package nl.trajectorytracker.infra;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;

import nl.trajectorytracker.infra.openapi.ContractValidator;

/**
 * Walks one realistic trajectory through all five phases over HTTP, with the playbook's own example: the insurer
 * Zilveren Kruis and the hospital Ziekenhuis Amstelland move from a one-year volume contract to a five-year
 * shared-savings agreement (2021-2025), evaluate it, conclude it and start a follow-up. Every step sends the
 * version it last saw as {@code If-Match} and gets the new one back as {@code ETag}. Every request and answer keeps
 * to the served OpenAPI document.
 */
class TrajectoryWalkthroughEndToEndTest {

    @TempDir
    static Path data;

    private static RunningTracker tracker;
    /** Checks every request and answer of the walkthrough against the served OpenAPI document. */
    private static ContractValidator contract;

    @BeforeAll
    static void start() {
        tracker = RunningTracker.start(data);
        contract = ContractValidator.listeningTo(tracker);
    }

    @AfterAll
    static void stop() {
        try {
            contract.assertNoViolations();
        } finally {
            tracker.close();
        }
    }

    private static final String INSURER_AND_HOSPITAL = """
            {"title": "Zilveren Kruis and Ziekenhuis Amstelland: from one year to five years",
             "parties": [{"organisationName": "Zilveren Kruis", "type": "INSURER"},
                         {"organisationName": "Ziekenhuis Amstelland", "type": "CARE_PROVIDER"}]}
            """;

    private long version;

    private String startTrajectory() {
        RunningTracker.Response created = tracker.post("/api/trajectories", INSURER_AND_HOSPITAL);
        assertThat(created.status()).isEqualTo(201);
        version = 0;
        return created.json().get("id").asText();
    }

    /** Posts one step with the last seen version as If-Match; expects it recorded as the next version. */
    private void step(String id, String path, String json) {
        RunningTracker.Response response = tracker.post("/api/trajectories/" + id + "/" + path, json,
                "If-Match", "\"" + version + "\"");
        assertThat(response.status()).as("%s: %s", path, response.body()).isEqualTo(200);
        version++;
        assertThat(response.header("ETag")).as(path).isEqualTo("\"" + version + "\"");
        assertThat(response.json().get("version").asLong()).isEqualTo(version);
        assertThat(response.json().get("trajectoryId").asText()).isEqualTo(id);
    }

    private void advanceTo(String id, String phase) {
        step(id, "phase-advances", "{\"to\": \"" + phase + "\"}");
    }

    @Test
    void oneTrajectory_walksThroughAllFivePhases_andReadsBack() {
        String id = startTrajectory();

        // phase 1: INTERNAL_PREPARATION
        step(id, "strategic-goals", """
                {"goalId": "G1",
                 "goal": "Move from yearly volume deals to a multi-year agreement on value for patients",
                 "challenge": "Waiting lists for orthopaedics grow while premiums must stay affordable"}
                """);
        step(id, "strategic-goal-revisions", """
                {"goalId": "G1",
                 "goal": "A five-year regional agreement on appropriate orthopaedic care",
                 "why": "The board asked for a horizon that matches the IZA"}
                """);
        step(id, "internal-interests", """
                {"interest": "Predictable costs for the orthopaedic purchasing budget",
                 "heldBy": "Finance department"}
                """);
        step(id, "relevant-developments", """
                {"development": "The IZA asks for appropriate care and regional cooperation",
                 "impact": "Supports a multi-year regional agreement"}
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
        step(id, "planning", """
                {"milestones": [{"name": "Internal mandate", "due": "2020-03-01"},
                    {"name": "Agreement signed", "due": "2020-11-30"}]}
                """);
        step(id, "partner-assessments", """
                {"party": "Ziekenhuis Amstelland",
                 "position": "Wants financial certainty for investing in day care",
                 "interests": ["Multi-year certainty", "Room to substitute care to the GP"]}
                """);
        step(id, "team-members", """
                {"name": "Anna de Vries",
                 "role": "Lead negotiator",
                 "knowledgeAndSkills": ["Hospital care purchasing", "Interest-based negotiation"]}
                """);
        step(id, "support-base-actions", """
                {"action": "Presented the five-year ambition to the board",
                 "audience": "Board of directors"}
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
        step(id, "pitfalls", """
                {"aboutPhase": "INTERNAL_PREPARATION",
                 "pitfall": "Underestimating how long internal alignment on the BATNA takes",
                 "tag": "planning"}
                """);
        advanceTo(id, "CO_DESIGN");
        assertThat(readBack(id, "phase", "CO_DESIGN").get("phase").asText()).isEqualTo("CO_DESIGN");
        // phase 2: CO_DESIGN
        step(id, "joint-ambitions", """
                {"ambition": "The best orthopaedic care in the region at a sustainable cost",
                 "horizonYears": 5}
                """);
        step(id, "counterparty-goals", """
                {"party": "Ziekenhuis Amstelland",
                 "goals": ["Invest in a day-care centre", "Reduce staff turnover"]}
                """);
        step(id, "relationship-aims", """
                {"aim": "Partners who solve problems together instead of fighting over price"}
                """);
        step(id, "relationship-assessments", """
                {"assessment": "Correct but transactional; little trust in each other's figures",
                 "trustPresent": false}
                """);
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
        step(id, "shared-interests", """
                {"party": "Ziekenhuis Amstelland",
                 "interest": "Keep the orthopaedic team complete"}
                """);
        step(id, "societal-values", """
                {"value": "Fewer sick days of patients waiting for surgery",
                 "landsWithNegotiatingParties": false}
                """);
        step(id, "win-win-win-options", """
                {"option": "Substitute follow-up visits to the GP",
                 "benefits": ["Patient: care close to home",
                    "Hospital: capacity for surgery",
                    "Insurer: lower cost"]}
                """);
        step(id, "loss-sharing-principles", """
                {"principle": "Losses are shared in the same ratio as savings, up to a cap"}
                """);
        step(id, "joint-facts", """
                {"fact": "In 2019 the hospital performed 1,180 hip replacements",
                 "dataSource": "Vektis declaration data 2019",
                 "acceptedBy": ["Zilveren Kruis", "Ziekenhuis Amstelland"]}
                """);
        step(id, "process-agreements", """
                {"rulesOfConduct": ["No surprises: figures are shared before meetings",
                    "We speak about interests, not positions"],
                 "escalationLevels": ["Negotiators", "Directors of purchasing and finance", "Boards"],
                 "goNoGoMoments": [{"name": "End of co-design", "due": "2020-06-30"}]}
                """);
        step(id, "legal-obstacles", """
                {"obstacleId": "L1",
                 "obstacle": "Competition law limits sharing price information with other insurers"}
                """);
        step(id, "legal-obstacle-resolutions", """
                {"obstacleId": "L1",
                 "resolution": "Only aggregated data is shared, through an independent party"}
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
        advanceTo(id, "NEGOTIATION");
        assertThat(readBack(id, "phase", "NEGOTIATION").get("phase").asText()).isEqualTo("NEGOTIATION");
        // phase 3: NEGOTIATION
        step(id, "proposals", """
                {"proposalId": "P1",
                 "by": "Zilveren Kruis",
                 "terms": {"model": "FEE_FOR_SERVICE",
                    "durationMonths": 12,
                    "gainSharing": null,
                    "lossSharing": null,
                    "description": "Another one-year volume contract with a production ceiling"}}
                """);
        step(id, "proposal-counters", """
                {"proposalId": "P1",
                 "counterProposalId": "P2",
                 "by": "Ziekenhuis Amstelland",
                 "terms": {"model": "SHARED_SAVINGS",
                    "durationMonths": 60,
                    "gainSharing": {"careProviderPercent": 50,
                                     "description": "Savings against the 2020 baseline are shared 50/50"},
                    "lossSharing": {"careProviderPercent": 50, "capEur": 2000000,
                                     "description": "Losses are shared 50/50, capped at EUR 2 million"},
                    "description": "Five-year shared-savings agreement for orthopaedic care"},
                 "why": "Five years are needed to earn back the investment in day care"}
                """);
        step(id, "deadlocks", """
                {"deadlockId": "D1",
                 "issue": "The cap on shared losses",
                 "escalationLevel": "Directors of purchasing and finance"}
                """);
        step(id, "deadlock-resolutions", """
                {"deadlockId": "D1",
                 "resolution": "Losses are capped at two percent of the budget"}
                """);
        step(id, "proposal-acceptances", """
                {"proposalId": "P2",
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
        step(id, "standard-agreement-deviations", """
                {"clause": "Article 4: yearly production ceiling",
                 "deviation": "Replaced by a five-year budget with shared savings",
                 "why": "A yearly ceiling rewards volume, not value"}
                """);
        step(id, "incentive-changes", """
                {"currentIncentive": "Every extra follow-up visit is paid",
                 "change": "Follow-up visits substituted to the GP share in the savings",
                 "why": "Money should follow appropriate care"}
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
        long signed = version;
        advanceTo(id, "RUNNING_AGREEMENT");
        assertThat(readBack(id, "phase", "RUNNING_AGREEMENT").get("phase").asText()).isEqualTo("RUNNING_AGREEMENT");
        // phase 4: RUNNING_AGREEMENT
        step(id, "indicator-measurements", """
                {"indicatorId": "I1",
                 "value": "6 weeks",
                 "measuredOn": "2021-12-31",
                 "note": "Down from 11 weeks"}
                """);
        step(id, "relationship-check-ins", """
                {"participants": ["Anna de Vries", "Pieter Jansen"],
                 "summary": "Quarterly coffee: both feel heard, the data exchange must speed up"}
                """);
        step(id, "stakeholder-communications", """
                {"audience": "Regional patient federation",
                 "summary": "Waiting times are falling; day care opened in March"}
                """);
        step(id, "success-and-lesson-communications", """
                {"kind": "SUCCESS",
                 "message": "Waiting time for a hip replacement halved in one year",
                 "channel": "Joint press release"}
                """);
        step(id, "contract-amendments", """
                {"what": "Knee replacements added to the shared-savings scope",
                 "why": "The approach works for hips and the teams asked for it"}
                """);
        long amended = version;
        step(id, "interim-evaluations", """
                {"findings": "Savings on track, staff satisfaction improved",
                 "adjustmentNeeded": false}
                """);
        step(id, "trust-assessments", """
                {"counterpart": "Ziekenhuis Amstelland",
                 "personTrust": 5,
                 "organisationTrust": 4,
                 "note": "Three years in, the organisation keeps its word too"}
                """);
        advanceTo(id, "AFTER_AGREEMENT");
        assertThat(readBack(id, "phase", "AFTER_AGREEMENT").get("phase").asText()).isEqualTo("AFTER_AGREEMENT");
        // phase 5: AFTER_AGREEMENT
        step(id, "final-evaluations", """
                {"form": "Joint reflection session with an external facilitator",
                 "outcomes": ["Waiting time 4 weeks", "Savings of 3.1 million euro shared 50/50"],
                 "lessons": ["Agree on the data source before the first proposal"]}
                """);
        step(id, "success-factors", """
                {"aboutPhase": "CO_DESIGN",
                 "successFactor": "Joint fact finding before the first proposal ended the fact wars",
                 "tag": "joint-fact-finding"}
                """);

        step(id, "conclusion", """
                {"outcome": "AGREEMENT_FULFILLED",
                 "why": "Five years delivered: waiting time from 11 to 4 weeks, savings shared 50/50"}
                """);
        step(id, "notes", """
                {"text": "Notes and evaluations stay possible after the conclusion"}
                """);

        RunningTracker.Response refused = tracker.post("/api/trajectories/" + id + "/batna-revisions", """
                {"batna": "Too late", "why": "Concluded"}
                """);
        assertThat(refused.status()).isEqualTo(409);
        assertThat(refused.json().get("type").asText())
                .isEqualTo("urn:trajectory-tracker:error:trajectory-concluded");

        RunningTracker.Response followUp = tracker.post("/api/trajectories/" + id + "/follow-ups", """
                {"title": "Zilveren Kruis and Ziekenhuis Amstelland: the next five years",
                 "parties": [{"organisationName": "Zilveren Kruis", "type": "INSURER"},
                             {"organisationName": "Ziekenhuis Amstelland", "type": "CARE_PROVIDER"}]}
                """);
        assertThat(followUp.status()).as(followUp.body()).isEqualTo(201);
        String followUpId = followUp.json().get("id").asText();
        assertThat(followUp.header("Location")).isEqualTo("/api/trajectories/" + followUpId);

        JsonNode overview = readBack(id, "status", "CONCLUDED");
        assertThat(overview.get("status").asText()).isEqualTo("CONCLUDED");
        assertThat(overview.get("phase").asText()).isEqualTo("AFTER_AGREEMENT");
        assertThat(overview.get("title").asText()).contains("from one year to five years");
        assertThat(tracker.getEventually("/api/trajectories/" + followUpId, 200).json().get("phase").asText())
                .isEqualTo("INTERNAL_PREPARATION");

        theDiffFromTheSigningToNow_listsExactlyTheStepsAfterIt(id, signed);
        theAmendment_yieldsExactlyTheChangesItMade(id, amended);

        version = 0;
        step(followUpId, "previous-agreement-assessments", """
                {"agreement": "Five-year shared-savings agreement 2021-2025",
                 "servesOurGoals": true,
                 "why": "Waiting times fell and savings were shared; we want to extend it to knees",
                 "contractingQuestion": true,
                 "previousTrajectoryId": "%s"}
                """.formatted(id));
    }

    /** The diff from the moment the agreement was signed to now: the steps after the signing and nothing else. */
    private static void theDiffFromTheSigningToNow_listsExactlyTheStepsAfterIt(String id, long signed) {
        JsonNode atSigning = tracker.get("/api/trajectories/" + id + "/phases?version=" + signed).json();
        assertThat(atSigning.at("/lastEvent/type").asText()).isEqualTo("AgreementSigned");
        String signedAt = atSigning.at("/state/negotiation/signedAgreement/0/recorded/occurredAt").asText();

        JsonNode diff = tracker.get("/api/trajectories/" + id + "/diff?from=" + signedAt).json();

        assertThat(diff.at("/from/asOf").asText()).isEqualTo(signedAt);
        assertThat(diff.at("/from/version").asLong()).isEqualTo(signed);
        List<String> types = new ArrayList<>();
        diff.get("events").forEach(event -> types.add(event.get("type").asText()));
        assertThat(types).containsExactly("PhaseAdvanced", "IndicatorMeasured", "RelationshipCheckInHeld",
                "StakeholderUpdateSent", "SuccessOrLessonCommunicated", "ContractAmended", "InterimEvaluationHeld",
                "TrustAssessed", "PhaseAdvanced", "FinalEvaluationHeld", "SuccessFactorRecorded",
                "TrajectoryConcluded", "NoteAdded", "FollowUpTrajectoryStarted");
        for (int i = 0; i < diff.get("events").size(); i++) {
            JsonNode event = diff.get("events").get(i);
            assertThat(event.get("sequence").asLong()).isEqualTo(signed + 1 + i);
            assertThat(Instant.parse(event.get("occurredAt").asText())).isAfter(Instant.parse(signedAt));
            assertThat(event.get("recordedAt").asText()).isNotBlank();
        }
        Matcher added = Pattern.compile("\\[#(\\d+)]").matcher(diff.get("changes").toString());
        while (added.find()) {
            assertThat(Long.parseLong(added.group(1))).as("an item of a step after the signing").isGreaterThan(signed);
        }
        assertThat(diff.get("highlights").toString()).contains("Phase advanced: NEGOTIATION → AFTER_AGREEMENT")
                .contains("Trajectory concluded: AGREEMENT_FULFILLED");
    }

    /** The amendment, compared by identity: its own item and the guiding question it answers, nothing else. */
    private static void theAmendment_yieldsExactlyTheChangesItMade(String id, long amended) {
        JsonNode diff = tracker.get("/api/trajectories/" + id + "/diff?from=" + (amended - 1) + "&to=" + amended)
                .json();

        List<String> changes = new ArrayList<>();
        diff.get("changes").forEach(change -> changes.add(change.get("kind").asText() + " "
                + change.get("path").asText()));
        assertThat(changes).containsExactlyInAnyOrder(
                "ADDED runningAgreement.amendments[#" + amended + "]",
                "ADDED negotiation.answeredQuestions[questionId=P3.INTERIM_WINDFALLS]",
                "REMOVED negotiation.openQuestions[questionId=P3.INTERIM_WINDFALLS]");
        assertThat(diff.get("events")).singleElement()
                .satisfies(event -> assertThat(event.get("type").asText()).isEqualTo("ContractAmended"));
    }

    /** Reads the overview until its field shows the expected value; the read model follows asynchronously. */
    private static JsonNode readBack(String id, String field, String expected) {
        return await(field + " " + expected).atMost(Duration.ofSeconds(15)).until(
                () -> tracker.get("/api/trajectories/" + id).json(),
                overview -> expected.equals(overview.path(field).asText()));
    }

    @Test
    void aStaleIfMatch_isA412_andNothingIsRecorded() {
        String id = startTrajectory();
        step(id, "notes", """
                {"text": "First note"}
                """);

        RunningTracker.Response stale = tracker.post("/api/trajectories/" + id + "/notes", """
                {"text": "Written against version 0"}
                """, "If-Match", "\"0\"");

        assertThat(stale.status()).isEqualTo(412);
        assertThat(stale.json().get("type").asText()).isEqualTo("urn:trajectory-tracker:error:stale-version");
        step(id, "notes", """
                {"text": "Written against version 1"}
                """);
    }

    @Test
    void aRepeatedRequestWithTheSameIdempotencyKey_hasOneEffect_andTheSameAnswer() {
        String id = startTrajectory();
        String key = "note-" + UUID.randomUUID();
        String body = """
                {"text": "Pieter mentioned the hospital is recruiting two orthopaedic surgeons"}
                """;

        RunningTracker.Response first = tracker.post("/api/trajectories/" + id + "/notes", body,
                "Idempotency-Key", key);
        RunningTracker.Response repeated = tracker.post("/api/trajectories/" + id + "/notes", body,
                "Idempotency-Key", key);

        assertThat(first.status()).as(first.body()).isEqualTo(200);
        assertThat(repeated.status()).isEqualTo(first.status());
        assertThat(repeated.json()).isEqualTo(first.json());
        assertThat(repeated.header("ETag")).isEqualTo("\"1\"");
        assertThat(repeated.header("Idempotent-Replayed")).isEqualTo("true");
        version = 1;
        step(id, "notes", """
                {"text": "The repeated note was recorded once, so this is version 2"}
                """);

        RunningTracker.Response reused = tracker.post("/api/trajectories/" + id + "/pitfalls", """
                {"aboutPhase": "INTERNAL_PREPARATION", "pitfall": "Reusing keys"}
                """, "Idempotency-Key", key);
        assertThat(reused.status()).isEqualTo(422);
        assertThat(reused.json().get("type").asText())
                .isEqualTo("urn:trajectory-tracker:error:idempotency-key-reused");
    }

    @Test
    void startingTwiceWithTheSameIdempotencyKey_startsOneTrajectory() {
        String key = "start-" + UUID.randomUUID();
        RunningTracker.Response first = tracker.post("/api/trajectories", INSURER_AND_HOSPITAL,
                "Idempotency-Key", key);
        RunningTracker.Response repeated = tracker.post("/api/trajectories", INSURER_AND_HOSPITAL,
                "Idempotency-Key", key);

        assertThat(first.status()).isEqualTo(201);
        assertThat(repeated.status()).isEqualTo(201);
        assertThat(repeated.json().get("id").asText()).isEqualTo(first.json().get("id").asText());
        assertThat(repeated.header("Location")).isEqualTo(first.header("Location"));
    }

    @Test
    void theRulesOfTheDomain_answerAsProblemDetails() {
        String id = startTrajectory();

        RunningTracker.Response tooEarly = tracker.post("/api/trajectories/" + id + "/proposals", """
                {"proposalId": "P1", "by": "Zilveren Kruis",
                 "terms": {"model": "FEE_FOR_SERVICE", "durationMonths": 12}}
                """);
        assertThat(tooEarly.status()).isEqualTo(409);
        assertThat(tooEarly.json().get("type").asText())
                .isEqualTo("urn:trajectory-tracker:error:step-not-yet-allowed");

        RunningTracker.Response gateClosed = tracker.post("/api/trajectories/" + id + "/phase-advances", """
                {"to": "CO_DESIGN"}
                """);
        assertThat(gateClosed.status()).isEqualTo(409);
        assertThat(gateClosed.json().get("type").asText())
                .isEqualTo("urn:trajectory-tracker:error:phase-gate-closed");

        RunningTracker.Response overridden = tracker.post("/api/trajectories/" + id + "/phase-advances", """
                {"to": "CO_DESIGN", "overrideReason": "The hospital asked to start co-design right away"}
                """);
        assertThat(overridden.status()).isEqualTo(200);

        RunningTracker.Response badTrust = tracker.post("/api/trajectories/" + id + "/trust-assessments", """
                {"counterpart": "Ziekenhuis Amstelland", "personTrust": 7, "organisationTrust": 3}
                """);
        assertThat(badTrust.status()).isEqualTo(400);
        assertThat(badTrust.json().get("field").asText()).startsWith("personTrust");

        RunningTracker.Response[] refused = new RunningTracker.Response[1];
        contract.onlyAnswers(() -> refused[0] = tracker.post("/api/trajectories/" + id + "/joint-ambitions", """
                {"horizonYears": 5}
                """));
        RunningTracker.Response missing = refused[0];
        assertThat(missing.status()).isEqualTo(400);
        assertThat(missing.json().get("field").asText()).isEqualTo("ambition");

        RunningTracker.Response badQuestion = tracker.post("/api/trajectories/" + id + "/decisions", """
                {"decisionId": "D1", "decision": "x", "rationale": "y", "guidingQuestionId": "P9.NOPE"}
                """);
        assertThat(badQuestion.status()).isEqualTo(400);
        assertThat(badQuestion.json().get("field").asText()).isEqualTo("guidingQuestionId");

        RunningTracker.Response unknown = tracker.post("/api/trajectories/" + UUID.randomUUID() + "/notes", """
                {"text": "Nobody home"}
                """);
        assertThat(unknown.status()).isEqualTo(404);
        RunningTracker.Response malformed = tracker.post("/api/trajectories/not-an-id/notes", """
                {"text": "Nobody home"}
                """);
        assertThat(malformed.status()).isEqualTo(404);
    }

    @Test
    void thePlaybook_isServed_withEveryGuidingQuestionInEnglishAndDutch() {
        JsonNode playbook = tracker.get("/api/playbook").json();

        assertThat(playbook.get("version").asText()).isEqualTo("2025.1");
        assertThat(playbook.get("phases")).hasSize(5);
        JsonNode batna = playbook.at("/phases/0/topics/1/questions/2");
        assertThat(batna.get("id").asText()).isEqualTo("P1.BATNA");
        assertThat(batna.at("/text/nl").asText()).startsWith("Wat is onze BATNA");
        assertThat(tracker.get("/api/playbook/versions/1999.1").status()).isEqualTo(404);
    }
}
