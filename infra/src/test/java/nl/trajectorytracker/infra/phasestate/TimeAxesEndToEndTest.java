package nl.trajectorytracker.infra.phasestate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;

import nl.trajectorytracker.infra.RunningTracker;
import nl.trajectorytracker.infra.RunningTracker.Response;

/**
 * The two time axes through the HTTP API: a trajectory of 2020 typed in years later, each step with the day it
 * happened ({@code occurredAt}) and recorded now ({@code recordedAt}). {@code asOf} reconstructs it along when steps
 * happened, {@code knownAt} along when they were recorded; a step logged out of order takes its place.
 */
class TimeAxesEndToEndTest {

    @TempDir
    static Path data;

    private static RunningTracker tracker;
    private static String id;
    private static Instant beforeTheBackFilling;
    private static Instant afterTheBatnaV3WasRecorded;

    @BeforeAll
    static void backFillATrajectoryOf2020() {
        tracker = RunningTracker.start(data);
        beforeTheBackFilling = Instant.now();
        Response created = tracker.post("/api/trajectories", """
                {"title": "Zilveren Kruis and Ziekenhuis Amstelland: the agreement of 2020, logged afterwards",
                 "parties": [{"organisationName": "Zilveren Kruis", "type": "INSURER"},
                             {"organisationName": "Ziekenhuis Amstelland", "type": "CARE_PROVIDER"}],
                 "occurredAt": "2020-01-13"}
                """);
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        id = created.json().get("id").asText();
        step("strategic-goals", """
                {"goalId": "G1", "goal": "A five-year agreement on orthopaedic care",
                 "challenge": "Waiting lists grow", "occurredAt": "2020-01-13T10:00:00+01:00"}
                """);
        step("previous-agreement-assessments", """
                {"agreement": "One-year volume contract 2019", "servesOurGoals": false,
                 "why": "Yearly haggling leaves no room for prevention", "contractingQuestion": true,
                 "occurredAt": "2020-01-20"}
                """);
        step("batna", """
                {"batna": "v1: two other hospitals", "why": "They have capacity", "occurredAt": "2020-02-03"}
                """);
        step("batna-revisions", """
                {"batna": "v3: a one-year contract at last year's prices", "why": "Both hospitals are full now",
                 "occurredAt": "2020-04-01"}
                """);
        afterTheBatnaV3WasRecorded = Instant.now();
        step("batna-revisions", """
                {"batna": "v2: one other hospital", "why": "One of the two has no capacity left",
                 "occurredAt": "2020-03-01"}
                """);
        step("phase-advances", """
                {"to": "CO_DESIGN", "occurredAt": "2020-04-02"}
                """);
        step("goals", """
                {"goalId": "Q1", "goal": "Waiting time for a hip below the Treeknorm", "dimension": "QUALITY_OF_CARE",
                 "kind": "SMART", "occurredAt": "2020-04-06"}
                """);
        step("go-no-go-decisions", """
                {"moment": "End of co-design", "decision": "GO", "why": "The facts support shared savings",
                 "occurredAt": "2020-06-29"}
                """);
        step("phase-advances", """
                {"to": "NEGOTIATION", "occurredAt": "2020-07-01"}
                """);
        step("agreement", """
                {"terms": {"model": "SHARED_SAVINGS", "durationMonths": 60,
                    "gainSharing": {"careProviderPercent": 50, "description": "Savings shared 50/50"},
                    "lossSharing": {"careProviderPercent": 50, "capEur": 2000000, "description": "Losses capped"},
                    "description": "Five-year shared-savings agreement for orthopaedic care"},
                 "signatories": [
                     {"name": "Anna de Vries", "organisation": "Zilveren Kruis", "role": "Director of purchasing"},
                     {"name": "Pieter Jansen", "organisation": "Ziekenhuis Amstelland", "role": "Chair"}],
                 "startDate": "2021-01-01", "endDate": "2025-12-31", "occurredAt": "2020-11-30T14:00:00Z"}
                """);
        step("notes", """
                {"text": "Signed in the town hall", "occurredAt": "2020-12-01"}
                """);
    }

    private static void step(String path, String json) {
        Response response = tracker.post("/api/trajectories/" + id + "/" + path, json);
        assertThat(response.status()).as("%s: %s", path, response.body()).isEqualTo(200);
    }

    @AfterAll
    static void stop() {
        tracker.close();
    }

    private static JsonNode phases(String query) {
        Response response = tracker.get("/api/trajectories/" + id + "/phases?" + query);
        assertThat(response.status()).as(response.body()).isEqualTo(200);
        return response.json();
    }

    @Test
    void asOfTheSigningDay_showsTheSignedTerms_andTheDayBefore_doesNot() {
        JsonNode signed = phases("asOf=2020-11-30");
        JsonNode dayBefore = phases("asOf=2020-11-29");

        assertThat(signed.get("source").asText()).isEqualTo("event-store");
        assertThat(signed.get("asOf").asText()).isEqualTo("2020-11-30T23:59:59.999999999Z");
        assertThat(signed.at("/state/negotiation/signedAgreement/0/terms/durationMonths").asInt()).isEqualTo(60);
        assertThat(signed.at("/state/negotiation/signedAgreement/0/recorded/occurredAt").asText())
                .isEqualTo("2020-11-30T14:00:00Z");
        assertThat(Instant.parse(signed.at("/state/negotiation/signedAgreement/0/recorded/recordedAt").asText()))
                .isAfter(beforeTheBackFilling);
        assertThat(signed.at("/lastEvent/type").asText()).isEqualTo("AgreementSigned");
        assertThat(signed.at("/state/negotiation/notes")).isEmpty();
        assertThat(dayBefore.at("/state/negotiation/signedAgreement")).isEmpty();
        assertThat(dayBefore.at("/state/currentPhase").asText()).isEqualTo("NEGOTIATION");
        assertThat(phases("asOf=2020-01-12").at("/state/trajectoryId").isNull()).as("before the start").isTrue();
    }

    @Test
    void knownAtBeforeTheBackFilling_showsNothing_andAsOfCombinesWithKnownAt() {
        JsonNode unknown = phases("knownAt=" + beforeTheBackFilling);
        JsonNode asTypedInBeforeTheLateRevision = phases("asOf=2020-03-15&knownAt=" + afterTheBatnaV3WasRecorded);

        assertThat(unknown.get("version").asLong()).isEqualTo(-1);
        assertThat(unknown.get("lastEvent").isNull()).isTrue();
        assertThat(unknown.at("/state/trajectoryId").isNull()).isTrue();
        assertThat(unknown.get("knownAt").asText()).isEqualTo(beforeTheBackFilling.toString());
        assertThat(batnas(asTypedInBeforeTheLateRevision)).containsExactly("v1: two other hospitals");
        assertThat(batnas(phases("asOf=2020-03-15"))).containsExactly("v1: two other hospitals",
                "v2: one other hospital");
    }

    @Test
    void aRevisionLoggedOutOfOrder_takesItsPlace_liveAndReconstructed() {
        JsonNode live = await().atMost(Duration.ofSeconds(15)).until(
                () -> tracker.get("/api/trajectories/" + id + "/phases"),
                response -> response.status() == 200 && response.json().get("version").asLong() == 11).json();
        JsonNode reconstructed = phases("version=11");

        assertThat(live.get("source").asText()).isEqualTo("read-model");
        assertThat(batnas(live)).containsExactly("v1: two other hospitals", "v2: one other hospital",
                "v3: a one-year contract at last year's prices");
        assertThat(live.at("/state/internalPreparation/batna/2/current").asBoolean()).isTrue();
        assertThat(live.at("/state/lastOccurredAt").asText()).isEqualTo("2020-12-01T00:00:00Z");
        assertThat(reconstructed.get("state")).isEqualTo(live.get("state"));
        assertThat(reconstructed.get("lastEvent")).isEqualTo(live.get("lastEvent"));
    }

    @Test
    void theHistory_theDecisions_andTheReport_nameBothAxes() {
        JsonNode history = tracker.get("/api/trajectories/" + id + "/history").json();
        JsonNode signing = history.get("events").get(10);
        assertThat(signing.get("type").asText()).isEqualTo("AgreementSigned");
        assertThat(signing.get("occurredAt").asText()).isEqualTo("2020-11-30T14:00:00Z");
        assertThat(Instant.parse(signing.get("recordedAt").asText())).isAfter(beforeTheBackFilling);

        JsonNode decisions = await().atMost(Duration.ofSeconds(15)).until(
                () -> tracker.get("/api/trajectories/" + id + "/decisions?from=2020-11-30&to=2020-11-30"),
                response -> response.status() == 200 && response.json().get("entries").size() == 1).json();
        assertThat(decisions.at("/entries/0/type").asText()).isEqualTo("AGREEMENT_SIGNED");
        assertThat(decisions.at("/entries/0/occurredAt").asText()).isEqualTo("2020-11-30T14:00:00Z");
        assertThat(Instant.parse(decisions.at("/entries/0/recordedAt").asText())).isAfter(beforeTheBackFilling);
        assertThat(tracker.get("/api/trajectories/" + id + "/decisions?from=2020-11-30T14:00:01Z").json()
                .get("entries")).isEmpty();

        JsonNode report = tracker.get("/api/trajectories/" + id + "/report?asOf=2020-11-30").json();
        assertThat(report.get("asOf").asText()).isEqualTo("2020-11-30T23:59:59.999999999Z");
        assertThat(report.get("timeAxes").asText()).contains("happened (occurredAt)").contains("recordedAt");
        assertThat(report.at("/agreement/terms/durationMonths").asInt()).isEqualTo(60);
        String html = tracker.get("/api/trajectories/" + id + "/report?format=html&knownAt=" + Instant.now())
                .body();
        assertThat(html).contains("Time axes:").contains("as recorded (recordedAt) by")
                .contains("Five-year shared-savings agreement for orthopaedic care");

        JsonNode diff = tracker.get("/api/trajectories/" + id + "/diff?fromKnownAt=" + afterTheBatnaV3WasRecorded
                + "&toKnownAt=" + Instant.now()).json();
        assertThat(diff.get("events")).extracting(event -> event.get("type").asText()).first()
                .isEqualTo("BatnaRevised");
        // v2 was recorded after v3, about an earlier day: the BATNA in force (v3) did not change
        assertThat(diff.get("highlights").toString()).contains("BATNA v2 added, dated before the one in force")
                .doesNotContain("BATNA revised");
        assertThat(diff.get("events")).extracting(event -> event.get("in").asText()).containsOnly("to");
    }

    @Test
    void aStepInTheFuture_beforeTheStart_orOfNoMoment_isRefusedNamingOccurredAt_andRecordsNothing() {
        long version = tracker.get("/api/trajectories/" + id + "/phases?version=1000").json().get("version")
                .asLong();
        for (String occurredAt : List.of(Instant.now().plus(Duration.ofMinutes(30)).toString(), "2020-01-12",
                "2020-01-12T23:59:59Z", "last tuesday", "2020-11-30T14:00:00")) {
            Response refused = tracker.post("/api/trajectories/" + id + "/notes",
                    "{\"text\": \"When?\", \"occurredAt\": \"" + occurredAt + "\"}");
            assertThat(refused.status()).as(occurredAt).isEqualTo(400);
            assertThat(refused.header("Content-Type")).startsWith("application/problem+json");
            assertThat(refused.json().get("field").asText()).as(occurredAt).isEqualTo("occurredAt");
        }
        Response started = tracker.post("/api/trajectories", """
                {"title": "Starts tomorrow", "parties": [{"organisationName": "Zilveren Kruis", "type": "INSURER"}],
                 "occurredAt": "%s"}
                """.formatted(Instant.now().plus(Duration.ofDays(1))));
        assertThat(started.status()).isEqualTo(400);
        assertThat(started.json().get("field").asText()).isEqualTo("occurredAt");
        assertThat(tracker.get("/api/trajectories/" + id + "/phases?version=1000").json().get("version").asLong())
                .isEqualTo(version);
        String other = tracker.post("/api/trajectories", """
                {"title": "Logged as it happens", "parties": [{"organisationName": "Zilveren Kruis",
                 "type": "INSURER"}]}
                """).json().get("id").asText();
        Response slightlyAhead = tracker.post("/api/trajectories/" + other + "/notes",
                "{\"text\": \"A clock a minute ahead\", \"occurredAt\": \""
                        + Instant.now().plus(Duration.ofMinutes(1)) + "\"}");
        assertThat(slightlyAhead.status()).as("within the tolerance").isEqualTo(200);
    }

    /**
     * Every moment is kept to the millisecond, as MongoDB's dates are: a decision at 23:59:59.999999999 was that in
     * the history and 23:59:59.999 in the decisions, whose filter from 23:59:59.9995 then left it out; an event's
     * recordedAt in nanoseconds in the history was another moment in the read models.
     */
    @Test
    void aMomentInNanoseconds_isKeptToTheMillisecond_theSameInTheHistoryAndTheReadModels() {
        String logged = tracker.post("/api/trajectories", """
                {"title": "Decided at the last moment of the day", "parties": [{"organisationName":
                 "Zilveren Kruis", "type": "INSURER"}], "occurredAt": "2019-10-01"}
                """).json().get("id").asText();
        Response decided = tracker.post("/api/trajectories/" + logged + "/decisions", """
                {"decisionId": "D1", "decision": "Go on alone", "rationale": "No partner yet",
                 "occurredAt": "2019-10-01T23:59:59.999999999Z"}
                """);
        assertThat(decided.status()).as(decided.body()).isEqualTo(200);

        JsonNode event = tracker.get("/api/trajectories/" + logged + "/history").json().get("events").get(1);
        assertThat(event.get("occurredAt").asText()).isEqualTo("2019-10-01T23:59:59.999Z");
        JsonNode decision = await().atMost(Duration.ofSeconds(15)).until(
                () -> tracker.get("/api/trajectories/" + logged + "/decisions"),
                response -> response.status() == 200 && response.json().get("entries").size() == 1).json()
                .at("/entries/0");
        assertThat(decision.get("occurredAt").asText()).isEqualTo(event.get("occurredAt").asText());
        assertThat(Instant.parse(decision.get("recordedAt").asText()))
                .isEqualTo(Instant.parse(event.get("recordedAt").asText()));
        assertThat(tracker.get("/api/trajectories/" + logged + "/decisions?from=2019-10-01T23:59:59.999Z").json()
                .get("entries")).hasSize(1);
    }

    @Test
    void everyMomentParameter_takesADateOrATimestamp_andRefusesAnythingElseByName() {
        assertThat(phases("asOf=2020-11-30T14:00:00Z").at("/lastEvent/type").asText()).isEqualTo("AgreementSigned");
        assertThat(phases("asOf=2020-11-30T13:59:59Z").at("/lastEvent/type").asText()).isEqualTo("PhaseAdvanced");
        assertThat(phases("asOf=2020-11-30T15:00:00%2B01:00").at("/lastEvent/type").asText())
                .isEqualTo("AgreementSigned");
        await().atMost(Duration.ofSeconds(15)).until(() -> tracker.get("/api/trajectories/" + id
                + "/monitoring?asOf=2020-11-30T14:00:00Z").status() == 200);
        for (String[] refused : new String[][] {{"/phases?asOf=30-11-2020", "asOf"},
                {"/phases?knownAt=now", "knownAt"}, {"/phases/NEGOTIATION?asOf=2020-11-31", "asOf"},
                {"/report?knownAt=2020-11-30T14:00", "knownAt"}, {"/diff?from=2020-13-01", "from"},
                {"/diff?from=1&to=tomorrow", "to"}, {"/diff?from=1&toKnownAt=x", "toKnownAt"},
                {"/decisions?from=2020-11", "from"}, {"/decisions?to=2020-11-30T25:00:00Z", "to"},
                {"/monitoring?asOf=soon", "asOf"}}) {
            Response response = tracker.get("/api/trajectories/" + id + refused[0]);
            assertThat(response.status()).as(refused[0]).isEqualTo(400);
            assertThat(response.json().get("field").asText()).as(refused[0]).isEqualTo(refused[1]);
        }
    }

    private static List<String> batnas(JsonNode view) {
        List<String> batnas = new ArrayList<>();
        view.at("/state/internalPreparation/batna").forEach(batna -> batnas.add(batna.get("batna").asText()));
        return batnas;
    }
}
