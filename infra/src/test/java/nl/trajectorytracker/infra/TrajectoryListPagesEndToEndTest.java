package nl.trajectorytracker.infra;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * List pages through the HTTP API: a step shows on the next page once the overview applied it, totals follow the
 * filters and the reader's scope, and the pages stay right through a rebuild of the overview.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class TrajectoryListPagesEndToEndTest {

    private static final Duration PATIENCE = Duration.ofSeconds(30);

    @TempDir
    static Path data;

    private static RunningTracker tracker;
    private static RunningTracker.Client auditor;
    private static RunningTracker.Client menzis;
    private static final List<String> zilverenKruis = new ArrayList<>();

    @BeforeAll
    static void start() {
        tracker = RunningTracker.start(data);
        auditor = tracker.createAuditor("list-auditor");
        menzis = tracker.createNegotiator("list-menzis", "Menzis");
        for (int i = 1; i <= 3; i++) {
            zilverenKruis.add(started(tracker.negotiator(), "Zilveren Kruis", "Knee care, region " + i));
        }
        started(menzis, "Menzis", "Hip CARE in Twente");
        started(menzis, "Menzis", "Diabetes in Noord");
    }

    @AfterAll
    static void stop() {
        tracker.close();
    }

    @Test
    @Order(1)
    void totals_followTheFiltersAndTheReadersScope() {
        await().atMost(PATIENCE).until(() -> total(auditor, "") == 5);
        assertThat(total(menzis, "")).isEqualTo(2);
        assertThat(total(tracker.negotiator(), "")).isEqualTo(3);
        assertThat(total(auditor, "&party=Menzis")).isEqualTo(2);
        assertThat(total(auditor, "&partyType=MUNICIPALITY")).isZero();
        assertThat(total(auditor, "&text=cAre")).isEqualTo(4);
        assertThat(total(menzis, "&text=care")).isEqualTo(1);
        JsonNode page = auditor.get("/api/trajectories?size=2&page=2&sort=title,asc").json();
        assertThat(page.get("total").asLong()).isEqualTo(5);
        assertThat(page.get("items").findValuesAsText("title")).containsExactly("Knee care, region 3");
    }

    @Test
    @Order(2)
    void aStep_showsOnTheNextPage_onceTheOverviewAppliedIt() {
        String id = zilverenKruis.get(0);
        RunningTracker.Response advanced = tracker.post("/api/trajectories/" + id + "/notes",
                "{\"text\": \"First talk with the hospital\"}");
        assertThat(advanced.status()).as(advanced.body()).isEqualTo(200);

        await().atMost(PATIENCE).until(() -> firstId(auditor, "").equals(id));
        assertThat(firstId(tracker.negotiator(), "")).isEqualTo(id);
        assertThat(firstId(menzis, "")).isNotEqualTo(id);
    }

    @Test
    @Order(3)
    void thePages_stayRight_throughARebuildOfTheOverview() {
        String before = auditor.get("/api/trajectories?size=20").body();
        RunningTracker.Response rebuild = tracker.asAdmin().post("/api/admin/projections/trajectory-overview/rebuild",
                "{}");
        assertThat(rebuild.status()).as(rebuild.body()).isEqualTo(202);
        await().atMost(PATIENCE).until(() -> {
            JsonNode status = tracker.asAdmin().get("/api/admin/projections/trajectory-overview").json();
            JsonNode progress = status.get("rebuild");
            return progress != null && !progress.isNull() && progress.get("state").asText().equals("FINISHED")
                    && !status.get("replaying").asBoolean();
        });
        await().atMost(PATIENCE).until(() -> auditor.get("/api/trajectories?size=20").body().equals(before));

        String id = zilverenKruis.get(2);
        assertThat(tracker.post("/api/trajectories/" + id + "/notes", "{\"text\": \"After the rebuild\"}").status())
                .isEqualTo(200);
        await().atMost(PATIENCE).until(() -> firstId(auditor, "").equals(id));
        assertThat(total(auditor, "&text=KNEE")).isEqualTo(3);
    }

    private static String started(RunningTracker.Client negotiator, String organisation, String title) {
        RunningTracker.Response created = negotiator.post("/api/trajectories", """
                {"title": "%s",
                 "parties": [{"organisationName": "%s", "type": "INSURER"},
                             {"organisationName": "Ziekenhuis Amstelland", "type": "CARE_PROVIDER"}]}
                """.formatted(title, organisation));
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        return created.json().get("id").asText();
    }

    private static long total(RunningTracker.Client reader, String filters) {
        RunningTracker.Response page = reader.get("/api/trajectories?size=20" + filters);
        assertThat(page.status()).as(page.body()).isEqualTo(200);
        return page.json().get("total").asLong();
    }

    private static String firstId(RunningTracker.Client reader, String filters) {
        JsonNode items = reader.get("/api/trajectories?size=1" + filters).json().get("items");
        return items.isEmpty() ? "" : items.get(0).get("id").asText();
    }
}
