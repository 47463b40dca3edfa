package nl.trajectorytracker.infra.openapi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;
import java.util.function.Supplier;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.web.server.context.WebServerApplicationContext;

import nl.trajectorytracker.client.ApiClient;
import nl.trajectorytracker.client.ApiException;
import nl.trajectorytracker.client.api.AfterTheAgreementApi;
import nl.trajectorytracker.client.api.AnyPhaseApi;
import nl.trajectorytracker.client.api.AuditApi;
import nl.trajectorytracker.client.api.CoDesignApi;
import nl.trajectorytracker.client.api.InternalPreparationApi;
import nl.trajectorytracker.client.api.NegotiationApi;
import nl.trajectorytracker.client.api.RunningAgreementApi;
import nl.trajectorytracker.client.api.TrajectoriesApi;
import nl.trajectorytracker.client.model.AcceptProposalRequest;
import nl.trajectorytracker.client.model.AddNoteRequest;
import nl.trajectorytracker.client.model.AdvancePhaseRequest;
import nl.trajectorytracker.client.model.AgreeGoalRequest;
import nl.trajectorytracker.client.model.AssessPreviousAgreementRequest;
import nl.trajectorytracker.client.model.AssessTrustRequest;
import nl.trajectorytracker.client.model.AuditReport;
import nl.trajectorytracker.client.model.ConcludeTrajectoryRequest;
import nl.trajectorytracker.client.model.DefineBatnaRequest;
import nl.trajectorytracker.client.model.DefineMonitoringIndicatorRequest;
import nl.trajectorytracker.client.model.HoldFinalEvaluationRequest;
import nl.trajectorytracker.client.model.HoldInterimEvaluationRequest;
import nl.trajectorytracker.client.model.MakeProposalRequest;
import nl.trajectorytracker.client.model.MeasureIndicatorRequest;
import nl.trajectorytracker.client.model.Party;
import nl.trajectorytracker.client.model.PhaseStateView;
import nl.trajectorytracker.client.model.RecordCounterpartyGoalsRequest;
import nl.trajectorytracker.client.model.RecordDecisionRequest;
import nl.trajectorytracker.client.model.SetStrategicGoalRequest;
import nl.trajectorytracker.client.model.SharingArrangement;
import nl.trajectorytracker.client.model.SignAgreementRequest;
import nl.trajectorytracker.client.model.Signatory;
import nl.trajectorytracker.client.model.StartFollowUpRequest;
import nl.trajectorytracker.client.model.StartTrajectoryRequest;
import nl.trajectorytracker.client.model.StepRecorded;
import nl.trajectorytracker.client.model.Terms;
import nl.trajectorytracker.client.model.TrajectoryCreated;

import nl.trajectorytracker.infra.RunningTracker;

/**
 * A Java client generated at build time from the committed OpenAPI document (which {@link ApiContractTest} keeps
 * equal to the served one) walks a trajectory through all five phases of the playbook, from the start to the
 * conclusion and a follow-up, and reads it back: if the document described the API wrongly, the generated client
 * would not compile against it, send what the API refuses, or fail to read what it answers.
 */
class GeneratedClientWalkthroughTest {

    private static final String INSURER = "Zilveren Kruis";
    private static final String HOSPITAL = "Ziekenhuis Amstelland";

    @TempDir
    static Path data;

    private static RunningTracker tracker;
    private static ApiClient client;

    /** The trajectory's version after the last step, sent as {@code If-Match} with the next. */
    private long version;

    @BeforeAll
    static void start() {
        tracker = RunningTracker.start(data);
        String token = tracker.negotiator().token();
        int port = ((WebServerApplicationContext) tracker.context()).getWebServer().getPort();
        client = new ApiClient();
        client.updateBaseUri("http://127.0.0.1:" + port);
        client.setRequestInterceptor(request -> request.header("Authorization", "Bearer " + token));
    }

    @AfterAll
    static void stop() {
        tracker.close();
    }

    @Test
    void theGeneratedClient_walksATrajectoryThroughAllFivePhases() throws ApiException {
        TrajectoriesApi trajectories = new TrajectoriesApi(client);
        InternalPreparationApi preparation = new InternalPreparationApi(client);
        CoDesignApi coDesign = new CoDesignApi(client);
        NegotiationApi negotiation = new NegotiationApi(client);
        RunningAgreementApi running = new RunningAgreementApi(client);
        AfterTheAgreementApi after = new AfterTheAgreementApi(client);
        AnyPhaseApi anyPhase = new AnyPhaseApi(client);

        TrajectoryCreated created = trajectories.startTrajectory(new StartTrajectoryRequest()
                .title("Zilveren Kruis and Ziekenhuis Amstelland: hip care, generated client")
                .parties(List.of(party(INSURER, Party.TypeEnum.INSURER),
                        party(HOSPITAL, Party.TypeEnum.CARE_PROVIDER)))
                .occurredAt("2020-01-06"), "start-" + UUID.randomUUID(), "generated-client");
        String id = created.getId();
        assertThat(created.getVersion()).isZero();

        // phase 1: internal preparation
        step(() -> call(() -> preparation.setStrategicGoal(id, new SetStrategicGoalRequest().goalId("G1")
                .goal("Shorter waiting times for hip replacements"), ifMatch(), key(), null)));
        step(() -> call(() -> preparation.assessPreviousAgreement(id, new AssessPreviousAgreementRequest()
                .agreement("One-year volume contract 2020").servesOurGoals(false)
                .why("Yearly haggling leaves no room for prevention").contractingQuestion(true), ifMatch(), key(),
                null)));
        step(() -> call(() -> preparation.defineBatna(id, new DefineBatnaRequest()
                .batna("Contract the volume with two other hospitals").why("Both have capacity"), ifMatch(), key(),
                null)));
        step(() -> call(() -> anyPhase.recordDecision(id, new RecordDecisionRequest().decisionId("DEC-1")
                .decision("We aim for a five-year shared-savings agreement")
                .rationale("One year leaves no room to earn back prevention")
                .guidingQuestionId("P1.PREVIOUS_AGREEMENTS_SERVE_GOALS"), ifMatch(), key(), null)));
        advance(anyPhase, id, AdvancePhaseRequest.ToEnum.CO_DESIGN);

        // phase 2: co-design
        step(() -> call(() -> coDesign.recordCounterpartyGoals(id, new RecordCounterpartyGoalsRequest()
                .party(HOSPITAL).goals(List.of("Invest in a day-care centre")), ifMatch(), key(), null)));
        step(() -> call(() -> coDesign.agreeGoal(id, new AgreeGoalRequest().goalId("Q1")
                .goal("Waiting time for a hip replacement below the Treeknorm")
                .dimension(AgreeGoalRequest.DimensionEnum.QUALITY_OF_CARE).kind(AgreeGoalRequest.KindEnum.SMART),
                ifMatch(), key(), null)));
        step(() -> call(() -> anyPhase.assessTrust(id, new AssessTrustRequest().counterpart(HOSPITAL)
                .personTrust(4).organisationTrust(3), ifMatch(), key(), null)));
        advance(anyPhase, id, AdvancePhaseRequest.ToEnum.NEGOTIATION);

        // phase 3: negotiation
        Terms terms = new Terms().model(Terms.ModelEnum.SHARED_SAVINGS).durationMonths(60)
                .gainSharing(new SharingArrangement().careProviderPercent(50));
        step(() -> call(() -> negotiation.makeProposal(id, new MakeProposalRequest().proposalId("P1").by(HOSPITAL)
                .terms(terms), ifMatch(), key(), null)));
        step(() -> call(() -> negotiation.acceptProposal(id, new AcceptProposalRequest().proposalId("P1"),
                ifMatch(), key(), null)));
        step(() -> call(() -> negotiation.defineMonitoringIndicator(id, new DefineMonitoringIndicatorRequest()
                .indicatorId("I1").name("Waiting time for a hip replacement")
                .kind(DefineMonitoringIndicatorRequest.KindEnum.SMART).target("Below 6 weeks").owner(HOSPITAL),
                ifMatch(), key(), null)));
        step(() -> call(() -> negotiation.signAgreement(id, new SignAgreementRequest().terms(terms)
                .signatories(List.of(new Signatory().name("Anna de Vries").organisation(INSURER),
                        new Signatory().name("Pieter Jansen").organisation(HOSPITAL)))
                .startDate(LocalDate.of(2021, 1, 1)).endDate(LocalDate.of(2025, 12, 31)), ifMatch(), key(),
                null)));
        advance(anyPhase, id, AdvancePhaseRequest.ToEnum.RUNNING_AGREEMENT);

        // phase 4: the running agreement
        step(() -> call(() -> running.measureIndicator(id, new MeasureIndicatorRequest().indicatorId("I1")
                .value("6 weeks").measuredOn(LocalDate.of(2022, 12, 31)), ifMatch(), key(), null)));
        step(() -> call(() -> running.holdInterimEvaluation(id, new HoldInterimEvaluationRequest()
                .findings("Savings on track").adjustmentNeeded(false), ifMatch(), key(), null)));
        advance(anyPhase, id, AdvancePhaseRequest.ToEnum.AFTER_AGREEMENT);

        // phase 5: after the agreement
        step(() -> call(() -> after.holdFinalEvaluation(id, new HoldFinalEvaluationRequest()
                .form("Joint reflection session").outcomes(List.of("Waiting time 4 weeks"))
                .lessons(List.of("Agree on the data source first")), ifMatch(), key(), null)));
        step(() -> call(() -> anyPhase.concludeTrajectory(id, new ConcludeTrajectoryRequest()
                .outcome(ConcludeTrajectoryRequest.OutcomeEnum.AGREEMENT_FULFILLED)
                .why("Five years delivered"), ifMatch(), key(), null)));
        TrajectoryCreated followUp = after.startFollowUp(id, new StartFollowUpRequest()
                .title("Zilveren Kruis and Ziekenhuis Amstelland: the next five years")
                .parties(List.of(party(INSURER, Party.TypeEnum.INSURER),
                        party(HOSPITAL, Party.TypeEnum.CARE_PROVIDER))), ifMatch(), key(), null);
        assertThat(followUp.getId()).isNotEqualTo(id);
        version++;

        long reached = version;
        // the read model follows the steps: until it has the trajectory at all, it is not found (404)
        PhaseStateView state = await().atMost(Duration.ofSeconds(15)).ignoreException(ApiException.class).until(
                () -> trajectories.getPhases(id, null, null, null, null),
                view -> view.getVersion() == reached);
        assertThat(state.getState().getCurrentPhase()).hasToString("AFTER_AGREEMENT");
        assertThat(state.getState().getConclusion().getOutcome()).hasToString("AGREEMENT_FULFILLED");
        assertThat(state.getState().getNegotiation().getSignedAgreement()).hasSize(1);
        assertThat(state.getState().getProgress()).hasSize(5);
        assertThat(state.getState().getFollowUps()).singleElement()
                .satisfies(link -> assertThat(link.getFollowUpTrajectoryId()).isEqualTo(followUp.getId()));

        AuditReport report = trajectories.getReport(id, null, null, null, null, null);
        assertThat(report.getDecisions()).isNotEmpty();
        assertThat(new AuditApi(client).verifyTrajectory(id, null).getStatus()).hasToString("OK");

        ApiException stale = catchThrowableOfType(ApiException.class, () -> anyPhase.addNote(id,
                new AddNoteRequest().text("Written against an old version"), "\"1\"", null, null));
        assertThat(stale.getCode()).isEqualTo(412);
        assertThat(stale.getResponseBody()).contains("STALE_VERSION");
    }

    private void advance(AnyPhaseApi anyPhase, String id, AdvancePhaseRequest.ToEnum to) {
        step(() -> call(() -> anyPhase.advancePhase(id, new AdvancePhaseRequest().to(to), ifMatch(), key(), null)));
    }

    /** Sends one step with the version last seen; it must be recorded as the next version. */
    private void step(Supplier<StepRecorded> send) {
        StepRecorded recorded = send.get();
        assertThat(recorded.getVersion()).isEqualTo(version + 1);
        version = recorded.getVersion();
    }

    private String ifMatch() {
        return "\"" + version + "\"";
    }

    private static String key() {
        return UUID.randomUUID().toString();
    }

    private static Party party(String name, Party.TypeEnum type) {
        return new Party().organisationName(name).type(type);
    }

    /** A call of the generated client, whose refusals are checked exceptions. */
    @FunctionalInterface
    private interface Call<T> {
        T send() throws ApiException;
    }

    private static <T> T call(Call<T> call) {
        try {
            return call.send();
        } catch (ApiException e) {
            throw new AssertionError("Refused with " + e.getCode() + ": " + e.getResponseBody(), e);
        }
    }
}
