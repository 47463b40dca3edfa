package nl.trajectorytracker.infra.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;

import nl.trajectorytracker.infra.RunningTracker;
import nl.trajectorytracker.infra.projections.ProjectionRebuilds;

/** {@code --demo} fills a new system with the example trajectories and demo accounts, once. */
class DemoDataTest {

    private static final String MULTI_YEAR = "8f1d2c3e-0a01-4d5e-9a10-000000000001";
    private static final String FALLBACK = "8f1d2c3e-0a01-4d5e-9a10-000000000002";
    private static final String FOLLOWED_UP = "8f1d2c3e-0a01-4d5e-9a10-000000000003";
    private static final String FOLLOW_UP = "8f1d2c3e-0a01-4d5e-9a10-000000000004";

    @TempDir
    static Path data;

    private static RunningTracker tracker;

    @BeforeAll
    static void start() {
        tracker = RunningTracker.start(data, "demo");
    }

    @AfterAll
    static void stop() {
        tracker.close();
    }

    @Test
    void theDemoOption_loadsTheExampleTrajectories_readableWithTheDemoTokens() throws Exception {
        Map<String, String> tokens = tokens();
        assertThat(tokens).containsKeys("DEMO_ZORGVERZEKERAAR_ZUID", "DEMO_ZIEKENHUIS_RIJNMOND",
                "DEMO_GEMEENTE_DORDRECHT", "DEMO_THUISZORG_DE_LINDE", "DEMO_ZORGKANTOOR_UTRECHT",
                "DEMO_ZORGGROEP_EEMLAND", "DEMO_AUDITOR", "DEMO_RESEARCHER");
        RunningTracker.Client insurer = tracker.as(tokens.get("DEMO_ZORGVERZEKERAAR_ZUID"));
        RunningTracker.Client auditor = tracker.as(tokens.get("DEMO_AUDITOR"));

        JsonNode multiYear = eventually(insurer, MULTI_YEAR, "CONCLUDED");
        assertThat(multiYear.get("phase").asText()).isEqualTo("AFTER_AGREEMENT");
        assertThat(eventually(auditor, FALLBACK, "CONCLUDED").get("phase").asText()).isEqualTo("NEGOTIATION");
        assertThat(eventually(auditor, FOLLOWED_UP, "CONCLUDED").get("status").asText()).isEqualTo("CONCLUDED");
        assertThat(auditor.getEventually("/api/trajectories/" + FOLLOW_UP, 200).json().get("phase").asText())
                .isEqualTo("INTERNAL_PREPARATION");
        assertThat(insurer.get("/api/trajectories/" + FALLBACK).status()).as("not a party").isEqualTo(404);
        assertThat(Files.getPosixFilePermissions(data.resolve(DemoData.TOKEN_FILE)))
                .isEqualTo(PosixFilePermissions.fromString("rw-------"));
    }

    @Test
    void theMultiYearTrajectory_asOfTheDayItWasSigned_showsTheSignedTerms_thoughItWasRecordedToday() throws Exception {
        RunningTracker.Client auditor = tracker.as(tokens().get("DEMO_AUDITOR"));
        eventually(auditor, MULTI_YEAR, "CONCLUDED");

        JsonNode signed = auditor.get("/api/trajectories/" + MULTI_YEAR + "/phases?asOf=2020-11-30").json();
        JsonNode dayBefore = auditor.get("/api/trajectories/" + MULTI_YEAR + "/phases?asOf=2020-11-29").json();
        JsonNode recordedBeforeToday = auditor.get("/api/trajectories/" + MULTI_YEAR + "/phases?knownAt=2020-11-30")
                .json();

        assertThat(signed.at("/state/negotiation/signedAgreement/0/terms/model").asText())
                .isEqualTo("SHARED_SAVINGS");
        assertThat(signed.at("/state/negotiation/signedAgreement/0/recorded/occurredAt").asText())
                .startsWith("2020-11-30");
        assertThat(signed.at("/state/currentPhase").asText()).isEqualTo("NEGOTIATION");
        assertThat(dayBefore.at("/state/negotiation/signedAgreement")).isEmpty();
        assertThat(recordedBeforeToday.get("version").asLong()).isEqualTo(-1);
    }

    @Test
    void loadingTwice_addsNothing_andKeepsTheTokens() throws Exception {
        Map<String, String> before = tokens();

        DemoData.Loaded again = tracker.bean(DemoData.class).load();

        assertThat(again.started()).isEmpty();
        assertThat(again.skipped()).containsExactly(MULTI_YEAR, FALLBACK, FOLLOWED_UP, FOLLOW_UP);
        assertThat(tokens()).isEqualTo(before);
    }

    /** The demo researcher's study exists and, with the synthetic trajectories, releases aggregates at k = 5. */
    @Test
    void theDemoResearcher_seesTheDemoStudy_andReleasedAggregates() throws Exception {
        RunningTracker.Client researcher = tracker.as(tokens().get("DEMO_RESEARCHER"));
        assertThat(researcher.get("/api/research/studies").json().findValuesAsText("id"))
                .containsExactly(DemoData.DEMO_STUDY);
        ProjectionRebuilds projections = tracker.bean(ProjectionRebuilds.class);
        Awaitility.await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200)).until(() -> {
            ProjectionRebuilds.ProcessorStatus status = projections.status("research");
            return status.position() != null && status.position() >= status.head() && status.head() > 1000;
        });

        JsonNode trust = researcher.get("/api/research/studies/" + DemoData.DEMO_STUDY + "/aggregates/trust").json();
        assertThat(trust.get("k").asInt()).isEqualTo(5);
        assertThat(trust.get("trajectories").asInt()).isGreaterThanOrEqualTo(DemoRunner.DEMO_SYNTHETIC);
        assertThat(trust.get("rows")).isNotEmpty();
        JsonNode outcomes = researcher.get("/api/research/studies/" + DemoData.DEMO_STUDY + "/aggregates/outcomes")
                .json();
        assertThat(outcomes.get("rows")).isNotEmpty();
    }

    private static JsonNode eventually(RunningTracker.Client client, String id, String status) {
        return await(id + " " + status).atMost(Duration.ofSeconds(20)).until(
                () -> client.get("/api/trajectories/" + id).json(),
                overview -> status.equals(overview.path("status").asText()));
    }

    private static Map<String, String> tokens() throws Exception {
        Map<String, String> tokens = new LinkedHashMap<>();
        for (String line : Files.readAllLines(data.resolve(DemoData.TOKEN_FILE))) {
            if (!line.startsWith("#") && line.contains("=")) {
                tokens.put(line.substring(0, line.indexOf('=')), line.substring(line.indexOf('=') + 1));
            }
        }
        return tokens;
    }
}
