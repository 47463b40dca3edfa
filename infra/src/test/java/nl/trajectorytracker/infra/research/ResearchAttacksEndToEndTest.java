package nl.trajectorytracker.infra.research;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;

import nl.trajectorytracker.infra.RunningTracker;
import nl.trajectorytracker.infra.projections.ProjectionRebuilds;

/**
 * Issue 27's curious researcher, over HTTP: thirty trajectories as in the kick-off poll (twenty negotiators trust
 * the person across the table, ten of those also the organisation). Twenty-nine are between an insurer and a care
 * provider; one is between an insurer and a municipality, whose negotiator trusts the person 5 and the organisation
 * 2. The poll still comes out at two thirds and a half; no difference of two releases and no history gives away the
 * thirtieth.
 */
class ResearchAttacksEndToEndTest {

    private static final int K = 5;

    @TempDir
    static Path data;

    private static RunningTracker tracker;
    private static RunningTracker.Client researcher;
    private static String study;

    @BeforeAll
    static void seed() {
        tracker = RunningTracker.start(data);
        for (int i = 0; i < 30; i++) {
            boolean municipality = i == 29;
            String insurer = "Insurer " + i;
            String counterpart = municipality ? "Gemeente " + i : "Provider " + i;
            RunningTracker.Client negotiator = tracker.createNegotiator("negotiator-" + i, insurer);
            RunningTracker.Response created = negotiator.post("/api/trajectories", """
                    {"title": "Trajectory %d", "parties": [{"organisationName": "%s", "type": "INSURER"},
                                                {"organisationName": "%s", "type": "%s"}],
                     "occurredAt": "2023-05-10T09:00:00Z"}
                    """.formatted(i, insurer, counterpart, municipality ? "MUNICIPALITY" : "CARE_PROVIDER"));
            assertThat(created.status()).as(created.body()).isEqualTo(201);
            // trajectories 1-19 and the thirtieth trust the person; 10-19 also the organisation
            boolean person = (i >= 1 && i < 20) || municipality;
            int personTrust = municipality ? 5 : person ? 4 + i % 2 : 2;
            int organisationTrust = i >= 10 && i < 20 ? 4 : 2;
            RunningTracker.Response trust = negotiator.post("/api/trajectories/" + created.json().get("id").asText()
                    + "/trust-assessments", """
                    {"counterpart": "%s", "personTrust": %d, "organisationTrust": %d,
                     "occurredAt": "2023-06-01T09:00:00Z"}
                    """.formatted(counterpart, personTrust, organisationTrust));
            assertThat(trust.status()).as(trust.body()).isEqualTo(200);
        }
        RunningTracker.Response created = tracker.asAdmin().post("/api/admin/studies",
                "{\"name\": \"Trust\", \"purpose\": \"The kick-off poll\", \"k\": " + K + "}");
        study = created.json().get("id").asText();
        researcher = tracker.createResearcher("curious-researcher", List.of(study));
        ProjectionRebuilds projections = tracker.bean(ProjectionRebuilds.class);
        Awaitility.await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100)).until(() -> {
            ProjectionRebuilds.ProcessorStatus status = projections.status("research");
            return status.position() != null && status.position() >= status.head() && !status.replaying();
        });
    }

    @AfterAll
    static void stop() {
        tracker.close();
    }

    private static JsonNode get(String path) {
        RunningTracker.Response answer = researcher.get("/api/research/studies/" + study + path);
        assertThat(answer.status()).as(path + ": " + answer.body()).isEqualTo(200);
        return answer.json();
    }

    private static JsonNode phase(JsonNode trust, String phase) {
        for (JsonNode row : trust.get("rows")) {
            if (row.get("phase").asText().equals(phase)) {
                return row;
            }
        }
        return null;
    }

    @Test
    void theKickOffPoll_twoThirdsTrustThePerson_halfOfThoseAlsoTheOrganisation() {
        JsonNode preparation = phase(get("/aggregates/trust"), "INTERNAL_PREPARATION");

        assertThat(preparation.get("trajectories").asInt()).isEqualTo(30);
        assertThat(preparation.get("trustPersonShare").asDouble()).isEqualTo(0.6667);
        assertThat(preparation.get("alsoTrustOrganisationShare").asDouble()).isEqualTo(0.5);
    }

    /** Trust over all thirty minus trust over the twenty-nine with a care provider: the thirtieth's scores. */
    @Test
    void differencing_allThirtyMinusTheTwentyNine_recoversNoScores() {
        JsonNode all = phase(get("/aggregates/trust"), "INTERNAL_PREPARATION");
        JsonNode most = phase(get("/aggregates/trust?partyType=CARE_PROVIDER"), "INTERNAL_PREPARATION");

        if (all != null && most != null) {
            int n1 = all.get("trajectories").asInt();
            int n2 = most.get("trajectories").asInt();
            assertThat(n1 - n2).as("trajectories between the two releases").satisfiesAnyOf(
                    d -> assertThat(d).isZero(), d -> assertThat(d).isGreaterThanOrEqualTo(K));
            if (n1 - n2 == 1) {
                long person = Math.round(n1 * all.get("meanPersonTrust").asDouble()
                        - n2 * most.get("meanPersonTrust").asDouble());
                long organisation = Math.round(n1 * all.get("meanOrganisationTrust").asDouble()
                        - n2 * most.get("meanOrganisationTrust").asDouble());
                assertThat(List.of(person, organisation)).isNotEqualTo(List.of(5L, 2L));
            }
        }
    }

    /** The histories: the only insurer-and-municipality trajectory must not stand out by its quasi-identifiers. */
    @Test
    void histories_everyReleasedRecordSharesItsQuasiIdentifiersWithAtLeastKMinusOneOthers() {
        JsonNode histories = get("/histories");

        Map<String, Integer> groups = new HashMap<>();
        for (JsonNode record : histories.get("rows")) {
            groups.merge(quasiIdentifiers(record), 1, Integer::sum);
        }
        assertThat(groups).isNotEmpty();
        assertThat(groups.values()).allMatch(count -> count >= K);
        assertThat(histories.get("rows").toString()).doesNotContain("MUNICIPALITY");
        assertThat(histories.at("/anonymisation/generalised").isObject()).isTrue();

        JsonNode municipalities = get("/histories?partyType=MUNICIPALITY");
        assertThat(municipalities.get("rows")).isEmpty();
    }

    private static String quasiIdentifiers(JsonNode record) {
        List<String> types = new ArrayList<>();
        record.get("parties").forEach(party -> types.add(party.get("type").asText()));
        types.sort(null);
        return types + "|" + record.path("startYear").asText() + "|" + record.path("startQuarter").asText();
    }

    /**
     * The database's administrator lowered a study's k to 1: it released cells of one trajectory, and said k=1 as
     * if it had been set so. The settings are bound to the study's sealed secret: the study releases nothing.
     */
    @Test
    void aStudysKLoweredInTheDatabase_releasesNothing() {
        RunningTracker.Response created = tracker.asAdmin().post("/api/admin/studies",
                "{\"name\": \"Lowered\", \"purpose\": \"Its k is changed behind the service\", \"k\": 5}");
        String lowered = created.json().get("id").asText();
        RunningTracker.Client reader = tracker.createResearcher("reader-of-lowered", List.of(lowered));
        String outcomes = "/api/research/studies/" + lowered + "/aggregates/outcomes";
        assertThat(reader.get(outcomes).status()).isEqualTo(200);

        tracker.context().getBean("trackerDatabase", com.mongodb.client.MongoDatabase.class)
                .getCollection("research_studies").updateOne(new org.bson.Document("_id", lowered),
                        new org.bson.Document("$set", new org.bson.Document("k", 1)));

        RunningTracker.Response answer = reader.get(outcomes);
        assertThat(answer.status()).as(answer.body()).isEqualTo(409);
        assertThat(answer.json().get("detail").asText()).contains("changed outside the service");
        assertThat(reader.get("/api/research/studies/" + lowered + "/histories").status()).isEqualTo(409);
    }
}
