package nl.trajectorytracker.infra.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.WebElement;

import com.fasterxml.jackson.databind.JsonNode;

import nl.trajectorytracker.infra.RunningTracker;

/**
 * The web tool as its three users work in it, in headless Chromium against the real application with the demo data
 * and twelve synthetic trajectories: a negotiator logs the first two phases of a new trajectory through the page
 * (with a 412 retry and a gate override), an auditor filters a history to one person's decisions, opens an event and
 * downloads the PDF report, a researcher sees the trust chart with suppressed cells marked. Every view passes axe-core
 * without a serious or critical issue; screenshots are left in {@code target/screenshots}. Skipped where Debian's
 * chromium and chromium-driver are not installed.
 */
class WebToolBrowserTest {

    private static final String MULTI_YEAR = "8f1d2c3e-0a01-4d5e-9a10-000000000001";
    private static final String FALLBACK = "8f1d2c3e-0a01-4d5e-9a10-000000000002";
    private static final String ORGANISATION = "Zorgverzekeraar Noord";

    @TempDir
    static Path data;

    @TempDir
    static Path profile;

    @TempDir
    static Path downloads;

    private static RunningTracker tracker;
    private static Browser browser;

    @BeforeAll
    static void start() {
        Browser.assumeInstalled();
        tracker = RunningTracker.start(data, "demo", "generate=12");
        String baseUrl = "http://127.0.0.1:" + tracker.context().getEnvironment().getProperty("local.server.port");
        browser = Browser.start(baseUrl, profile, downloads);
        awaitDemoLoaded(tracker.createAuditor("loading-auditor"));
    }

    @AfterAll
    static void stop() {
        if (browser != null) {
            browser.close();
        }
        if (tracker != null) {
            tracker.close();
        }
    }

    /** The walkthroughs run under the web tool's Content-Security-Policy without tripping it once. */
    @AfterEach
    void noContentSecurityPolicyViolation() {
        if (browser != null) {
            assertThat(browser.cspViolations()).as("Content-Security-Policy violations").isEmpty();
        }
    }

    @Test
    void aNegotiator_logsTheFirstTwoPhases_throughThePage_withA412Retry_andAGateOverride() {
        RunningTracker.Client negotiator = tracker.createNegotiator("anna-web", ORGANISATION);
        browser.signIn(negotiator.token());
        assertThat(browser.find("#who").getText()).contains("anna-web").contains("negotiator")
                .contains(ORGANISATION);

        // a new trajectory, its own organisation filled in from who-am-I
        browser.click("#new-trajectory-button");
        browser.waiting().until(d -> !d.findElements(By.cssSelector("#start-form")).isEmpty());
        WebElement start = browser.find("#start-form");
        assertThat(field(start, "parties[0].organisationName").getAttribute("value")).isEqualTo(ORGANISATION);
        browser.type(field(start, "title"), "Zorgverzekeraar Noord and Ziekenhuis Oost: diabetes care 2027");
        browser.select(field(start, "parties[0].type"), "INSURER");
        browser.type(field(start, "parties[1].organisationName"), "Ziekenhuis Oost");
        browser.select(field(start, "parties[1].type"), "CARE_PROVIDER");
        browser.click(start.findElement(By.cssSelector("button[type=submit]")));
        browser.waitForAttribute("#tab-record", "aria-selected", "true");
        browser.waitForAttribute("#step-forms", "data-phase", "INTERNAL_PREPARATION");
        String id = browser.find("#trajectory").getAttribute("data-id");
        assertThat(browser.find("#trajectory-title").getText()).contains("diabetes care 2027");
        assertThat(question("P1.STRATEGIC_GOALS").getAttribute("data-answered")).isEqualTo("false");
        browser.assertAccessible("the negotiator's record view");

        // phase 1, each step through a form generated from the OpenAPI schema
        WebElement goal = openStep("setStrategicGoal");
        browser.type(field(goal, "goalId"), "G1");
        browser.type(field(goal, "goal"), "Fewer diabetes complications in the east");
        browser.type(field(goal, "challenge"), "Rising numbers of type 2 diabetes");
        submit(goal, 1);
        assertThat(question("P1.STRATEGIC_GOALS").getAttribute("data-answered")).isEqualTo("true");

        WebElement assessment = openStep("assessPreviousAgreement");
        browser.type(field(assessment, "agreement"), "One-year contract 2026");
        browser.select(field(assessment, "servesOurGoals"), "false");
        browser.type(field(assessment, "why"), "Prices per treatment leave no room for prevention");
        browser.select(field(assessment, "contractingQuestion"), "true");
        submit(assessment, 2);

        // someone else records a step meanwhile: the page's If-Match is stale, it shows what changed and retries
        RunningTracker.Response behindTheBack = negotiator.post("/api/trajectories/" + id + "/notes",
                "{\"text\": \"Call with the hospital's board planned\"}");
        assertThat(behindTheBack.status()).as(behindTheBack.body()).isEqualTo(200);
        WebElement batna = openStep("defineBatna");
        browser.type(field(batna, "batna"), "Extend the one-year contract with an index");
        browser.type(field(batna, "why"), "Known and legally safe");
        browser.click(batna.findElement(By.cssSelector("button[type=submit]")));
        browser.waiting().until(d -> "conflict".equals(batna.getAttribute("data-outcome")));
        assertThat(batna.findElement(By.cssSelector(".form-message")).getText())
                .contains("Since version 2").contains("note added").contains("anna-web");
        browser.screenshot("negotiator-412.png");
        browser.click(batna.findElement(By.cssSelector("button.retry")));
        browser.waitForAttribute("#record-status", "data-version", "4");
        browser.waitForAttribute("#step-forms", "data-version", "4");

        // an open guiding question answered by a decision, its question chosen from the playbook
        browser.click(question("P1.PLANNING").findElement(By.cssSelector("button.answer")));
        WebElement decision = browser.find("details[data-operation=recordDecision] form");
        assertThat(field(decision, "guidingQuestionId").getAttribute("value")).isEqualTo("P1.PLANNING");
        browser.type(field(decision, "decisionId"), "DEC-1");
        browser.type(field(decision, "decision"), "Plan for a multi-year agreement from 2027");
        browser.type(field(decision, "rationale"), "One year is too short to earn back prevention");
        browser.type(field(decision, "alternativesConsidered"), "Another one-year contract\nA two-year pilot");
        submit(decision, 5);
        assertThat(question("P1.PLANNING").getAttribute("data-answered")).isEqualTo("true");

        // the gate to co-design is open
        browser.click(browser.find("#advance-form button[type=submit]"));
        browser.waitForAttribute("#step-forms", "data-version", "6");
        assertThat(browser.find("#step-forms").getAttribute("data-phase")).isEqualTo("CO_DESIGN");

        // phase 2
        WebElement ambition = openStep("recordJointAmbition");
        browser.type(field(ambition, "ambition"), "Diabetes care close to home, five years ahead");
        browser.type(field(ambition, "horizonYears"), "5");
        submit(ambition, 7);
        WebElement trust = openStep("assessTrust");
        browser.type(field(trust, "counterpart"), "Ziekenhuis Oost");
        browser.type(field(trust, "personTrust"), "4");
        browser.type(field(trust, "organisationTrust"), "3");
        submit(trust, 8);

        // no goal agreed yet: the gate to negotiation is closed; it shows the condition and is passed with a reason
        browser.click(browser.find("#advance-form button[type=submit]"));
        browser.waiting().until(d -> "gate-closed".equals(d.findElement(By.id("advance-form"))
                .getAttribute("data-outcome")));
        assertThat(browser.find("#advance-form .conditions").getText())
                .contains("at least one goal is agreed with the counterparty");
        browser.screenshot("negotiator-gate.png");
        browser.type(browser.find("#advance-form textarea[name=overrideReason]"),
                "The board wants an offer before the summer; goals follow in the first proposal");
        browser.click(browser.find("#advance-form button.override"));
        browser.waitForAttribute("#step-forms", "data-version", "9");
        assertThat(browser.find("#step-forms").getAttribute("data-phase")).isEqualTo("NEGOTIATION");
        browser.screenshot("negotiator-negotiation.png");
        browser.assertAccessible("the negotiator's record view after the gate");

        // what the page recorded, as the API tells it: every step once, the override with its reason
        JsonNode phases = negotiator.get("/api/trajectories/" + id + "/phases").json().path("state");
        assertThat(phases.path("currentPhase").asText()).isEqualTo("NEGOTIATION");
        JsonNode entered = phases.path("progress").get(2).path("enteredBy");
        assertThat(entered.path("overriddenConditions").toString()).isEqualTo("[\"GOAL_AGREED\"]");
        assertThat(entered.path("overrideReason").asText()).startsWith("The board wants an offer");
        List<String> types = new ArrayList<>();
        negotiator.get("/api/trajectories/" + id + "/history").json().path("events")
                .forEach(event -> types.add(event.path("type").asText()));
        assertThat(types).containsExactly("TrajectoryStarted", "StrategicGoalSet", "PreviousAgreementAssessed",
                "NoteAdded", "BatnaDefined", "DecisionRecorded", "PhaseAdvanced", "JointAmbitionRecorded",
                "TrustAssessed", "PhaseAdvanced");
    }

    @Test
    void anAuditor_filtersTheHistoryToOnePersonsDecisions_opensAnEvent_andDownloadsThePdf() throws IOException {
        RunningTracker.Client auditor = tracker.createAuditor("audrey-web");
        browser.signIn(auditor.token());
        assertThat(browser.find("#who").getText()).contains("auditor");

        // the list is searched and paged by the server; the outcome shows in the list and in the header
        browser.waiting().until(d -> d.findElement(By.id("trajectories")).getAttribute("data-total") != null);
        int total = Integer.parseInt(browser.find("#trajectories").getAttribute("data-total"));
        assertThat(total).isGreaterThanOrEqualTo(16);
        assertThat(browser.all(".trajectory-link")).hasSize(10);
        browser.click("#list-next");
        browser.waitForAttribute("#trajectories", "data-page", "1");
        assertThat(browser.all(".trajectory-link")).hasSize(Math.min(10, total - 10));
        assertThat(browser.find("#list-range").getText()).isEqualTo("11–" + Math.min(20, total) + " of " + total);
        browser.type(browser.find("#list-text"), "Dordrecht");
        browser.waiting().until(d -> d.findElements(By.cssSelector(".trajectory-link")).size() == 1);
        assertThat(browser.find(".trajectory-link").getAttribute("data-outcome")).isEqualTo("FALLBACK_TO_BATNA");
        browser.click(".trajectory-link[data-id='" + FALLBACK + "']");
        browser.waitForAttribute("#trajectory", "data-loaded", "true");
        assertThat(browser.find("#state-phase").getAttribute("data-outcome")).isEqualTo("FALLBACK_TO_BATNA");
        assertThat(browser.find("#trajectory-conclusion").getText()).contains("fell back to the BATNA")
                .contains("negotiation");
        browser.assertAccessible("the auditor's timeline");

        // the playbook's names in Dutch, and back
        browser.select(browser.find("#language"), "nl");
        browser.waiting().until(d -> d.findElement(By.cssSelector(".lane[data-phase=INTERNAL_PREPARATION] strong"))
                .getText().equals("De interne voorbereiding"));
        browser.select(browser.find("#language"), "en");
        browser.waiting().until(d -> d.findElement(By.cssSelector(".lane[data-phase=INTERNAL_PREPARATION] strong"))
                .getText().equals("Internal preparation"));

        // the multi-year trajectory's history, filtered to one negotiator's decisions
        browser.type(browser.find("#list-text"), "shared-savings");
        browser.waiting().until(d -> d.findElements(By.cssSelector(".trajectory-link[data-id='" + MULTI_YEAR + "']"))
                .size() == 1);
        browser.click(".trajectory-link[data-id='" + MULTI_YEAR + "']");
        browser.waitForAttribute("#trajectory", "data-loaded", "true");
        browser.click("#tab-history");
        browser.waitForAttribute("#view-history", "data-loaded", "true");
        JsonNode history = auditor.get("/api/trajectories/" + MULTI_YEAR + "/history").json().path("events");
        assertThat(browser.find("#history-count").getText()).isEqualTo(history.size() + " of " + history.size()
                + " events");
        String person = "demo-zorgverzekeraar-zuid";
        long expected = 0;
        for (JsonNode entry : auditor.get("/api/trajectories/" + MULTI_YEAR + "/decisions").json().path("entries")) {
            if (entry.path("actor").asText().equals(person)) {
                expected++;
            }
        }
        assertThat(expected).isPositive();
        browser.select(browser.find("#history-person"), person);
        browser.click("#history-decisions");
        browser.waitForAttribute("#history-count", "data-shown", String.valueOf(expected));
        List<WebElement> rows = browser.all("#history-rows tbody tr");
        assertThat(rows).hasSize((int) Math.min(expected, 25)).allSatisfy(row -> {
            assertThat(row.getAttribute("data-person")).isEqualTo(person);
            assertThat(row.getAttribute("data-decision")).isEqualTo("true");
        });
        browser.screenshot("auditor-history.png");

        // one event with its metadata, prev and hash
        WebElement first = rows.get(0);
        long sequence = Long.parseLong(first.getAttribute("data-seq"));
        browser.click(first.findElement(By.cssSelector("button.open-event")));
        browser.waitForAttribute("#event-detail", "data-seq", String.valueOf(sequence));
        JsonNode event = history.get((int) sequence);
        assertThat(browser.find("#event-detail").getText()).contains(event.path("hash").asText())
                .contains(event.path("prev").asText()).contains(event.path("correlationId").asText())
                .contains("prev is the hash of event #" + (sequence - 1));
        assertThat(browser.find("#event-metadata").getText()).contains("correlationId");
        browser.assertAccessible("the auditor's history");

        // the HTML report in a window of its own, styled though no inline style or script may run there
        browser.click("#tab-audit");
        String app = browser.driver().getWindowHandle();
        browser.click("#open-report-html");
        browser.waiting().until(d -> d.getWindowHandles().size() == 2);
        String report = browser.driver().getWindowHandles().stream().filter(handle -> !handle.equals(app))
                .findFirst().orElseThrow();
        browser.driver().switchTo().window(report);
        browser.waitForAttribute("html", "data-report", "shown");
        assertThat(browser.find("h1").getText()).isEqualTo("How this agreement came about");
        assertThat(browser.find("h2").getCssValue("border-bottom-style")).as("the report's own style").isEqualTo("solid");
        assertThat(browser.all("script, style")).isEmpty();
        browser.driver().close();
        browser.driver().switchTo().window(app);

        // the PDF report, downloaded through the page
        browser.click("#download-report-pdf");
        Path pdf = browser.downloaded("audit-report-" + MULTI_YEAR + ".pdf");
        byte[] bytes = Files.readAllBytes(pdf);
        assertThat(new String(bytes, 0, 5, java.nio.charset.StandardCharsets.US_ASCII)).isEqualTo("%PDF-");
        browser.waitForAttribute("#download-status", "data-file", "audit-report-" + MULTI_YEAR + ".pdf");
        browser.assertAccessible("the auditor's report and proof");

        // the verification overview of the trajectories in the list's page
        browser.find("#list-text").clear();
        browser.type(browser.find("#list-text"), "Zorgverzekeraar Zuid");
        browser.waiting().until(d -> d.findElements(By.cssSelector(".trajectory-link[data-id='" + MULTI_YEAR + "']"))
                .size() == 1);
        browser.click("#verification-overview-button");
        browser.waitForAttribute("#verification-table", "data-done", "true");
        // read in one wait: a list reload re-renders the overview, and the rows read before it go stale
        List<String> results = browser.waiting().until(d -> {
            List<String> read = d.findElements(By.cssSelector("#verification-rows tbody tr")).stream()
                    .map(row -> row.getAttribute("data-result")).toList();
            boolean complete = !read.isEmpty() && read.stream().allMatch(java.util.Objects::nonNull)
                    && read.size() == d.findElements(By.cssSelector(".trajectory-link")).size();
            return complete ? read : null;
        });
        assertThat(results).doesNotContain("BROKEN");
        String multiYearResult = browser.waiting().until(d -> d.findElement(
                By.cssSelector("#verification-rows tr[data-id='" + MULTI_YEAR + "']")).getAttribute("data-result"));
        assertThat(multiYearResult).isEqualTo("OK");
        browser.waitForAttribute("#breaks-summary", "data-breaks", "0");
        browser.screenshot("auditor-verification.png");
        browser.assertAccessible("the auditor's verification overview");
    }

    @Test
    void aResearcher_seesTheTrustChart_withSuppressedCellsMarked_andDownloadsCsv() throws IOException {
        RunningTracker.Response study = tracker.asAdmin().post("/api/admin/studies",
                "{\"name\": \"Trust over time\", \"purpose\": \"Masterclass research on trust\", \"k\": 5}");
        assertThat(study.status()).as(study.body()).isEqualTo(201);
        String studyId = study.json().path("id").asText();
        RunningTracker.Client researcher = tracker.createResearcher("rita-web", List.of(studyId));
        browser.signIn(researcher.token());
        assertThat(browser.find("#who").getText()).contains("researcher").contains("1 study")
                .doesNotContain("studies");
        browser.waitForAttribute("#study", "data-id", studyId);
        browser.waitForAttribute("#aggregates", "data-loaded", "true");

        WebElement trust = browser.find("section.aggregate[data-view=trust]");
        assertThat(trust.findElements(By.cssSelector("svg.research-chart rect.bar[data-series=meanPersonTrust]")))
                .isNotEmpty();
        assertThat(trust.findElement(By.cssSelector("svg.research-chart")).getAttribute("aria-label"))
                .startsWith("Trust per phase");
        int suppressed = Integer.parseInt(trust.getAttribute("data-suppressed"));
        assertThat(trust.findElements(By.cssSelector("tr.suppressed"))).hasSize(suppressed);
        assertThat(trust.findElements(By.cssSelector("rect.suppressed-slot[data-key]"))).hasSize(suppressed);

        // with k = 5 every lesson cell is too small: shown as suppressed, never as zero
        WebElement lessons = browser.find("section.aggregate[data-view=lessons]");
        assertThat(lessons.getAttribute("data-released")).isEqualTo("0");
        assertThat(Integer.parseInt(lessons.getAttribute("data-suppressed"))).isPositive();
        assertThat(lessons.findElements(By.cssSelector("tr.suppressed"))).allSatisfy(row ->
                assertThat(row.getText()).contains("suppressed"));
        browser.screenshot("researcher-study.png");
        browser.assertAccessible("the researcher's study");

        assertThat(lessons.findElement(By.cssSelector("svg.research-chart")).getAttribute("aria-label"))
                .as("cell names read as words, not letters").doesNotContain("p i t f");

        // a year typed but not applied: the download is what the page shows, not that year
        browser.type(browser.find("#research-year"), "2019");
        browser.click(trust.findElement(By.cssSelector("button.download[data-format=csv]")));
        Path csv = browser.downloaded("study-" + studyId + "-trust.csv");
        assertThat(Files.readString(csv)).startsWith("phase,trajectories,meanPersonTrust");

        // the token revoked meanwhile: the page signs out and says why, not left showing a study it cannot load
        RunningTracker.Response revoked = tracker.asAdmin().post("/api/admin/tokens/" + researcher.tokenId()
                + "/revoke", "{}");
        assertThat(revoked.status()).as(revoked.body()).isIn(200, 204);
        browser.click("#research-filter button[type=submit]");
        browser.waiting().until(driver -> browser.find("#sign-in").isDisplayed());
        assertThat(browser.find("#welcome-text").getText()).contains("no longer accepted");
    }

    /**
     * A concluded trajectory took only notes, evaluations, pitfalls, success factors and a follow-up, but the page
     * offered every step (each refused with 409). And a form sent empty named one missing field per round trip.
     */
    @Test
    void aConcludedTrajectory_offersOnlyTheStepsItStillTakes_andAFormNamesEveryEmptyRequiredField() {
        RunningTracker.Client negotiator = tracker.createNegotiator("dora-web", "Gemeente Dordrecht");
        browser.signIn(negotiator.token());
        browser.waiting().until(d -> !d.findElements(By.cssSelector(".trajectory-link[data-id='" + FALLBACK + "']"))
                .isEmpty());
        browser.click(".trajectory-link[data-id='" + FALLBACK + "']");
        browser.waitForAttribute("#trajectory", "data-loaded", "true");
        browser.click("#tab-record");
        browser.waiting().until(d -> !d.findElements(By.cssSelector("#step-forms details.step")).isEmpty());

        List<String> offered = browser.all("#step-forms details.step").stream()
                .map(step -> step.getAttribute("data-operation")).toList();
        assertThat(offered).anyMatch(operation -> operation.toLowerCase().contains("note"))
                .noneMatch(operation -> operation.toLowerCase().matches(".*(conclu|decision|batna).*"));
        assertThat(browser.all("#advance-form")).isEmpty();

        WebElement note = browser.all("#step-forms details.step").stream()
                .filter(step -> step.getAttribute("data-operation").toLowerCase().contains("note")).findFirst()
                .orElseThrow();
        browser.click(note.findElement(By.tagName("summary")));
        WebElement form = note.findElement(By.tagName("form"));
        assertThat(form.findElement(By.cssSelector("p.hint")).getText()).as("the step, not the HTTP of it")
                .doesNotContain("If-Match").doesNotContain("`").doesNotContain("**");
        browser.click(form.findElement(By.cssSelector("button[type=submit]")));
        WebElement message = form.findElement(By.cssSelector(".form-message"));
        assertThat(message.getAttribute("data-code")).isEqualTo("REQUIRED");
        assertThat(message.getText()).contains("required, still empty");
        assertThat(field(form, "text").getAttribute("aria-invalid")).isEqualTo("true");
        assertThat(field(form, "text").getAttribute("aria-describedby")).isNotBlank();
    }

    @Test
    void theAddress_namesTheTrajectoryAndTab_aReloadKeepsThem_andBackAndForwardStayInThePage() {
        RunningTracker.Client auditor = tracker.createAuditor("rosa-web");
        browser.signIn(auditor.token());
        browser.type(browser.find("#list-text"), "shared-savings");
        browser.waiting().until(d -> d.findElements(By.cssSelector(".trajectory-link[data-id='" + MULTI_YEAR + "']"))
                .size() == 1);
        openFromList(MULTI_YEAR);
        awaitAddress("#/trajectories/" + MULTI_YEAR + "/timeline");
        browser.click("#tab-history");
        awaitAddress("#/trajectories/" + MULTI_YEAR + "/history");

        // a reload (or the address bookmarked) opens the same trajectory on the same tab
        browser.driver().navigate().refresh();
        browser.waitForAttribute("#trajectory", "data-id", MULTI_YEAR);
        browser.waitForAttribute("#trajectory", "data-loaded", "true");
        browser.waitForAttribute("#tab-history", "aria-selected", "true");
        browser.waitForAttribute("#view-history", "data-loaded", "true");

        // Back and Forward move between the tabs and the list, within the page
        browser.click("#tab-audit");
        awaitAddress("#/trajectories/" + MULTI_YEAR + "/audit");
        browser.driver().navigate().back();
        browser.waitForAttribute("#tab-history", "aria-selected", "true");
        browser.driver().navigate().back();
        browser.waitForAttribute("#tab-timeline", "aria-selected", "true");
        browser.driver().navigate().back();
        browser.waiting().until(d -> d.findElement(By.id("welcome")).isDisplayed());
        assertThat(browser.find("#trajectory").isDisplayed()).isFalse();
        assertThat(browser.find("#who").getAttribute("data-signed-in")).as("still the same page").isEqualTo("true");
        browser.driver().navigate().forward();
        browser.waitForAttribute("#tab-timeline", "aria-selected", "true");
        browser.waitForAttribute("#trajectory", "data-id", MULTI_YEAR);
        browser.driver().navigate().forward();
        browser.waitForAttribute("#tab-history", "aria-selected", "true");
    }

    @Test
    void leavingThePage_asksFirst_whileTypedTextIsUnsent_andNotOnceItIsRecorded() {
        RunningTracker.Client negotiator = tracker.createNegotiator("bram-web", ORGANISATION);
        browser.signIn(negotiator.token());
        assertThat(browser.asksBeforeLeaving()).isFalse();
        browser.click("#new-trajectory-button");
        browser.waiting().until(d -> !d.findElements(By.cssSelector("#start-form")).isEmpty());
        awaitAddress("#/new");
        WebElement start = browser.find("#start-form");
        assertThat(start.findElement(By.cssSelector("p.hint")).getText()).as("what the user gets, not the HTTP")
                .contains("Starts the trajectory").doesNotContain("201").doesNotContain("Idempotency-Key");
        browser.type(field(start, "title"), "Zorgverzekeraar Noord and Ziekenhuis West: heart failure");
        assertThat(browser.asksBeforeLeaving()).as("a title typed and not sent").isTrue();

        // the party's type is required, and said so by its label before anything is sent
        browser.type(field(start, "parties[1].organisationName"), "Ziekenhuis West");
        browser.click(start.findElement(By.cssSelector("button[type=submit]")));
        WebElement message = start.findElement(By.cssSelector(".form-message"));
        assertThat(message.getAttribute("data-code")).isEqualTo("REQUIRED");
        assertThat(message.getText()).contains("Parties 1 › Type").contains("Parties 2 › Type")
                .doesNotContain("parties[");
        assertThat(field(start, "parties[1].type").getAttribute("aria-invalid")).isEqualTo("true");
        assertThat(start.findElement(By.cssSelector("label[for='" + field(start, "parties[1].type").getAttribute("id")
                + "']")).getText()).contains("(required)");

        browser.select(field(start, "parties[0].type"), "INSURER");
        browser.select(field(start, "parties[1].type"), "CARE_PROVIDER");
        browser.click(start.findElement(By.cssSelector("button[type=submit]")));
        browser.waitForAttribute("#tab-record", "aria-selected", "true");
        String id = browser.find("#trajectory").getAttribute("data-id");
        awaitAddress("#/trajectories/" + id + "/record");
        assertThat(browser.asksBeforeLeaving()).as("the text was sent and recorded").isFalse();
    }

    @Test
    void onAPhone_thePageIsOneColumn_andNothingIsWiderThanTheScreen() {
        RunningTracker.Client auditor = tracker.createAuditor("sam-web");
        browser.signIn(auditor.token());
        Dimension wide = browser.driver().manage().window().getSize();
        browser.driver().manage().window().setSize(new Dimension(375, 812));
        try {
            browser.waiting().until(d -> d.findElement(By.id("trajectories")).getAttribute("data-total") != null);
            browser.assertFitsTheWidth("the list");
            browser.type(browser.find("#list-text"), "shared-savings");
            browser.waiting().until(d -> d.findElements(By.cssSelector(".trajectory-link[data-id='" + MULTI_YEAR
                    + "']")).size() == 1);
            openFromList(MULTI_YEAR);
            Object columns = browser.driver().executeScript("var list = document.getElementById('list-pane')"
                    + ".getBoundingClientRect(), main = document.getElementById('trajectory').getBoundingClientRect();"
                    + " return [Math.round(main.width), Math.round(list.bottom - main.top)];");
            assertThat(columns.toString()).as("the trajectory below the list, not beside it: [width, overlap]")
                    .matches("\\[(3[0-9][0-9]), -?[0-9]+\\]");
            assertThat(((Number) ((List<?>) columns).get(1)).intValue()).isLessThanOrEqualTo(0);
            browser.assertFitsTheWidth("the timeline");
            browser.screenshot("phone-timeline.png");
            browser.click("#tab-history");
            browser.waitForAttribute("#view-history", "data-loaded", "true");
            browser.assertFitsTheWidth("the history");
            browser.click("#tab-audit");
            browser.assertFitsTheWidth("the report and proof");
        } finally {
            browser.driver().manage().window().setSize(wide);
        }
    }

    @Test
    void thePageAndTheReport_carryAStrictContentSecurityPolicy_andNoReferrer() {
        RunningTracker.Client auditor = tracker.createAuditor("tess-web");
        for (String path : List.of("/", "/app.js", "/js/forms.js", "/app.css")) {
            RunningTracker.Response answer = tracker.anonymous().get(path);
            assertThat(answer.status()).as(path).isEqualTo(200);
            String policy = answer.header("Content-Security-Policy");
            assertThat(policy).as(path).contains("default-src 'self'").contains("script-src 'self'")
                    .contains("style-src 'self'").contains("frame-ancestors 'none'").contains("object-src 'none'")
                    .doesNotContain("unsafe");
            assertThat(answer.header("Referrer-Policy")).as(path).isEqualTo("no-referrer");
        }
        RunningTracker.Response report = auditor.get("/api/trajectories/" + MULTI_YEAR + "/report?format=html");
        assertThat(report.status()).isEqualTo(200);
        assertThat(report.header("Content-Security-Policy")).contains("default-src 'none'").contains("sandbox")
                .doesNotContain("script-src");
        assertThat(report.header("Referrer-Policy")).isEqualTo("no-referrer");
        assertThat(report.header("Cache-Control")).contains("no-store");
    }

    /** Opens a trajectory of the list; the list may redraw meanwhile (a search still settling), then it is found again. */
    private static void openFromList(String id) {
        browser.waiting().until(d -> {
            browser.click(".trajectory-link[data-id='" + id + "']");
            return true;
        });
        browser.waitForAttribute("#trajectory", "data-id", id);
        browser.waitForAttribute("#trajectory", "data-loaded", "true");
    }

    private static void awaitAddress(String hash) {
        browser.waiting().until(d -> String.valueOf(((org.openqa.selenium.JavascriptExecutor) d)
                .executeScript("return location.hash;")).equals(hash));
    }

    private static WebElement field(WebElement form, String name) {
        return form.findElement(By.cssSelector("[name='" + name + "']"));
    }

    private static WebElement question(String id) {
        return browser.find("#playbook-panel li[data-question-id='" + id + "']");
    }

    /** Opens the step's collapsed form and returns the form. */
    private static WebElement openStep(String operation) {
        WebElement details = browser.find("details[data-operation='" + operation + "']");
        if (details.getAttribute("open") == null) {
            browser.click(details.findElement(By.tagName("summary")));
        }
        browser.waiting().until(d -> !details.findElements(By.tagName("form")).isEmpty());
        return details.findElement(By.tagName("form"));
    }

    /** Submits and waits until the page shows the trajectory at the version the step produced. */
    private static void submit(WebElement form, int version) {
        browser.click(form.findElement(By.cssSelector("button[type=submit]")));
        browser.waitForAttribute("#record-status", "data-version", String.valueOf(version));
        browser.waitForAttribute("#trajectory", "data-version", String.valueOf(version));
        browser.waitForAttribute("#step-forms", "data-version", String.valueOf(version));
    }

    /** The demo and the synthetic trajectories load through real commands; read models follow asynchronously. */
    private static void awaitDemoLoaded(RunningTracker.Client auditor) {
        await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(250)).until(() -> {
            RunningTracker.Response list = auditor.get("/api/trajectories?page=0&size=1");
            RunningTracker.Response phases = auditor.get("/api/trajectories/" + MULTI_YEAR + "/phases");
            return list.status() == 200 && list.json().path("total").asInt() >= 16
                    && phases.status() == 200 && phases.json().path("version").asLong() >= 64;
        });
    }
}
