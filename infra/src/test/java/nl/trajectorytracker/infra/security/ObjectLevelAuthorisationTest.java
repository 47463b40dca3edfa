package nl.trajectorytracker.infra.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.UUID;

import org.axonframework.eventsourcing.eventstore.EventStore;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import nl.trajectorytracker.api.events.TrajectoryStarted;
import nl.trajectorytracker.infra.RunningTracker;

/** A negotiator sees only trajectories of their own organisation; the actor comes from the principal. */
class ObjectLevelAuthorisationTest {

    @TempDir
    static Path data;

    private static RunningTracker tracker;
    private static RunningTracker.Client insurer;
    private static RunningTracker.Client municipality;
    private static RunningTracker.Client auditor;
    private static String insurersTrajectory;
    private static String municipalitysTrajectory;

    @BeforeAll
    static void start() {
        tracker = RunningTracker.start(data);
        insurer = tracker.createNegotiator("anna-insurer", "Zilveren Kruis");
        municipality = tracker.createNegotiator("bert-municipality", "Gemeente Utrecht");
        auditor = tracker.createAuditor("carla-auditor");
        insurersTrajectory = insurer.post("/api/trajectories", """
                {"title": "Zilveren Kruis and Ziekenhuis Amstelland", "parties": [
                  {"organisationName": "Zilveren Kruis", "type": "INSURER"},
                  {"organisationName": "Ziekenhuis Amstelland", "type": "CARE_PROVIDER"}]}
                """).json().get("id").asText();
        municipalitysTrajectory = municipality.post("/api/trajectories", """
                {"title": "Gemeente Utrecht and Buurtzorg", "parties": [
                  {"organisationName": "Gemeente Utrecht", "type": "MUNICIPALITY"},
                  {"organisationName": "Buurtzorg", "type": "CARE_PROVIDER"}]}
                """).json().get("id").asText();
        auditor.getEventually("/api/trajectories/" + insurersTrajectory, 200);
        auditor.getEventually("/api/trajectories/" + municipalitysTrajectory, 200);
    }

    @AfterAll
    static void stop() {
        tracker.close();
    }

    @Test
    void aForeignTrajectory_answers404_exactlyLikeAnUnknownOne() {
        RunningTracker.Response foreign = insurer.get("/api/trajectories/" + municipalitysTrajectory);
        RunningTracker.Response unknown = insurer.get("/api/trajectories/" + UUID.randomUUID());

        assertThat(foreign.status()).isEqualTo(404);
        assertThat(foreign.json().get("type")).isEqualTo(unknown.json().get("type"));
        assertThat(foreign.json().get("title")).isEqualTo(unknown.json().get("title"));
        assertThat(foreign.header("ETag")).isNull();
        assertThat(insurer.get("/api/trajectories/" + insurersTrajectory).status()).isEqualTo(200);
    }

    @Test
    void theList_showsANegotiatorOnlyTheirOwnOrganisationsTrajectories_andAnAuditorAll() {
        var insurersPage = insurer.get("/api/trajectories?size=200").json();
        var municipalitysPage = municipality.get("/api/trajectories?size=200").json();
        var auditorsPage = auditor.get("/api/trajectories?size=200").json();

        assertThat(insurersPage.get("items").findValuesAsText("id"))
                .contains(insurersTrajectory).doesNotContain(municipalitysTrajectory);
        assertThat(insurersPage.get("total").asLong()).isEqualTo(insurersPage.get("items").size());
        assertThat(municipalitysPage.get("items").findValuesAsText("id"))
                .containsExactly(municipalitysTrajectory);
        assertThat(auditorsPage.get("items").findValuesAsText("id"))
                .contains(insurersTrajectory, municipalitysTrajectory);
    }

    @Test
    void startingATrajectoryWithoutTheOwnOrganisation_isA400OnParties() {
        RunningTracker.Response refused = insurer.post("/api/trajectories", """
                {"title": "Not ours", "parties": [
                  {"organisationName": "Gemeente Utrecht", "type": "MUNICIPALITY"}]}
                """);

        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.json().get("field").asText()).isEqualTo("parties");
    }

    @Test
    void theActorOnTheEvent_isTheAuthenticatedPrincipal_notTheBody() {
        RunningTracker.Response claimed = insurer.post("/api/trajectories", """
                {"title": "Actor check", "actor": {"principal": "mallory", "organisation": "Gemeente Utrecht"},
                 "startedBy": "mallory",
                 "parties": [{"organisationName": "Zilveren Kruis", "type": "INSURER"}]}
                """);
        assertThat(claimed.status()).as("a body cannot name the actor: unknown properties are refused").isEqualTo(400);
        assertThat(claimed.json().get("field").asText()).isIn("actor", "startedBy");

        String id = insurer.post("/api/trajectories", """
                {"title": "Actor check", "parties": [{"organisationName": "Zilveren Kruis", "type": "INSURER"}]}
                """).json().get("id").asText();

        var events = tracker.bean(EventStore.class).readEvents(id).asStream().toList();
        TrajectoryStarted started = (TrajectoryStarted) events.get(0).getPayload();
        assertThat(started.actor().principal()).isEqualTo("anna-insurer");
        assertThat(started.actor().organisation()).isEqualTo("Zilveren Kruis");
        assertThat(insurer.getEventually("/api/trajectories/" + id, 200).json().get("startedBy").asText())
                .isEqualTo("anna-insurer");
    }
}
