package nl.trajectorytracker.infra.rules;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.UUID;

import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import nl.trajectorytracker.api.events.BatnaRevised;
import nl.trajectorytracker.api.events.ProposalAccepted;
import nl.trajectorytracker.api.events.ProposalRejected;
import nl.trajectorytracker.infra.RunningTracker;

/**
 * The rules of the steps as negotiators meet them through the HTTP API: the BATNA is revised in the negotiation as a
 * normal step, a proposal is answered by the caller's own party and never by its proposer, and a signed term's months
 * match its dates.
 */
class DomainRulesEndToEndTest {

    @TempDir
    static Path data;

    private static RunningTracker tracker;
    private static RunningTracker.Client hospital;

    @BeforeAll
    static void start() {
        tracker = RunningTracker.start(data);
        hospital = tracker.createNegotiator("pieter-" + UUID.randomUUID(), "Ziekenhuis Amstelland");
    }

    @AfterAll
    static void stop() {
        tracker.close();
    }

    /** A trajectory in negotiation with a BATNA, answering its id. */
    private static String inNegotiation() {
        String id = tracker.post("/api/trajectories", """
                {"title": "Zilveren Kruis and Ziekenhuis Amstelland",
                 "parties": [{"organisationName": "Zilveren Kruis", "type": "INSURER"},
                             {"organisationName": "Ziekenhuis Amstelland", "type": "CARE_PROVIDER"}]}
                """).json().get("id").asText();
        post(id, "batna", "{\"batna\": \"Two other hospitals\", \"why\": \"Both have capacity\"}", 200);
        for (String phase : List.of("CO_DESIGN", "NEGOTIATION")) {
            post(id, "phase-advances", "{\"to\": \"" + phase + "\", \"overrideReason\": \"Test set-up\"}", 200);
        }
        return id;
    }

    private static RunningTracker.Response post(String id, String step, String json, int expected) {
        return post(tracker.negotiator(), id, step, json, expected);
    }

    private static RunningTracker.Response post(RunningTracker.Client as, String id, String step, String json,
            int expected) {
        RunningTracker.Response response = as.post("/api/trajectories/" + id + "/" + step, json);
        assertThat(response.status()).as(step + ": " + response.body()).isEqualTo(expected);
        return response;
    }

    private static List<Object> events(String id) {
        return tracker.bean(EventStore.class).readEvents(id).asStream().map(DomainEventMessage::getPayload)
                .map(Object.class::cast).toList();
    }

    @Test
    void revisingTheBatna_inTheNegotiation_isANormalStep() {
        String id = inNegotiation();

        post(id, "batna-revisions", "{\"batna\": \"A one-year contract\", \"why\": \"No hospital has capacity\"}",
                200);

        assertThat(events(id)).filteredOn(BatnaRevised.class::isInstance).singleElement()
                .isInstanceOfSatisfying(BatnaRevised.class, revised -> assertThat(revised.correction()).isFalse());
    }

    @Test
    void aProposal_isAnsweredByTheCallersOwnParty_neverByItsProposer() {
        String id = inNegotiation();
        post(id, "proposals", """
                {"proposalId": "P1", "by": "Zilveren Kruis",
                 "terms": {"model": "FEE_FOR_SERVICE", "durationMonths": 12}}
                """, 200);
        post(hospital, id, "proposal-counters", """
                {"proposalId": "P1", "counterProposalId": "P2", "by": "Ziekenhuis Amstelland",
                 "terms": {"model": "FEE_FOR_SERVICE", "durationMonths": 24}, "why": "Two years at least"}
                """, 200);
        int before = events(id).size();

        RunningTracker.Response forTheOtherParty = post(id, "proposal-acceptances",
                "{\"proposalId\": \"P2\", \"by\": \"Ziekenhuis Amstelland\"}", 400);
        RunningTracker.Response ownProposal = post(hospital, id, "proposal-rejections",
                "{\"proposalId\": \"P2\", \"why\": \"Changed our mind\"}", 400);
        assertThat(forTheOtherParty.json().get("field").asText()).isEqualTo("by");
        assertThat(ownProposal.json().get("field").asText()).isEqualTo("by");
        assertThat(events(id)).hasSize(before);

        post(id, "proposal-acceptances", "{\"proposalId\": \"P2\"}", 200);
        assertThat(events(id)).last().isInstanceOfSatisfying(ProposalAccepted.class,
                accepted -> assertThat(accepted.by()).isEqualTo("Zilveren Kruis"));
        assertThat(events(id)).noneMatch(ProposalRejected.class::isInstance);
    }

    @Test
    void aSignedTerm_whoseMonthsDoNotMatchItsDates_is400_andNotSigned() {
        String id = inNegotiation();
        String agreement = """
                {"terms": {"model": "FEE_FOR_SERVICE", "durationMonths": 60},
                 "signatories": [{"name": "Anna de Vries", "organisation": "Zilveren Kruis", "role": "Director"},
                                 {"name": "Pieter Jansen", "organisation": "Ziekenhuis Amstelland", "role": "Chair"}],
                 "startDate": "2026-01-01", "endDate": "%s"}
                """;
        int before = events(id).size();

        RunningTracker.Response twoMonths = post(id, "agreement", agreement.formatted("2026-02-28"), 400);

        assertThat(twoMonths.json().get("field").asText()).isEqualTo("terms.durationMonths");
        assertThat(events(id)).hasSize(before);
        post(id, "agreement", agreement.formatted("2030-12-31"), 200);
    }
}
