package nl.trajectorytracker.command.rest;

import java.time.LocalDate;
import java.util.List;

import jakarta.servlet.http.HttpServletRequest;

import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import nl.trajectorytracker.api.commands.AcceptProposal;
import nl.trajectorytracker.api.commands.AgreeIncentiveChange;
import nl.trajectorytracker.api.commands.CounterProposal;
import nl.trajectorytracker.api.commands.DefineMonitoringIndicator;
import nl.trajectorytracker.api.commands.EscalateDeadlock;
import nl.trajectorytracker.api.commands.MakeProposal;
import nl.trajectorytracker.api.commands.RecordStandardAgreementDeviation;
import nl.trajectorytracker.api.commands.RejectProposal;
import nl.trajectorytracker.api.commands.ResolveDeadlock;
import nl.trajectorytracker.api.commands.ScheduleEvaluationMoment;
import nl.trajectorytracker.api.commands.SignAgreement;
import nl.trajectorytracker.api.values.Actor;
import nl.trajectorytracker.api.values.GoalKind;
import nl.trajectorytracker.api.values.QuadrupleAimDimension;
import nl.trajectorytracker.api.values.Signatory;
import nl.trajectorytracker.api.values.Terms;

/**
 * Phase 3 of the playbook, negotiation (concretise).
 * Every endpoint takes an optional {@code If-Match} (the expected version) and {@code Idempotency-Key}, and
 * answers the new version as body and {@code ETag}.
 */
@RestController
@RequestMapping("/api/trajectories/{id}")
public class NegotiationController {

    private final StepSender steps;

    public NegotiationController(StepSender steps) {
        this.steps = steps;
    }

    /** Records that the proposal made. */
    @PostMapping("/proposals")
    public ResponseEntity<StepRecorded> makeProposal(@PathVariable String id, @RequestBody MakeProposalRequest body,
            HttpServletRequest request) {
        return steps.send(id, request, body,
                (trajectory, actor, at, version) -> new MakeProposal(trajectory, body.proposalId(), body.by(),
                        body.terms(), actor, at, version));
    }

    /** Records that the proposal countered. */
    @PostMapping("/proposal-counters")
    public ResponseEntity<StepRecorded> counterProposal(@PathVariable String id,
            @RequestBody CounterProposalRequest body, 
            HttpServletRequest request) {
        return steps.send(id, request, body,
                (trajectory, actor, at, version) -> new CounterProposal(trajectory, body.proposalId(),
                        body.counterProposalId(), body.by(), body.terms(), body.why(), actor, at, version));
    }

    /** Records that the proposal accepted. */
    @PostMapping("/proposal-acceptances")
    public ResponseEntity<StepRecorded> acceptProposal(@PathVariable String id, @RequestBody AcceptProposalRequest body,
            HttpServletRequest request) {
        return steps.send(id, request, body,
                (trajectory, actor, at, version) -> new AcceptProposal(trajectory, body.proposalId(),
                        answeringParty(body.by(), actor), actor, at, version));
    }

    /** Records that the proposal rejected. */
    @PostMapping("/proposal-rejections")
    public ResponseEntity<StepRecorded> rejectProposal(@PathVariable String id, @RequestBody RejectProposalRequest body,
            HttpServletRequest request) {
        return steps.send(id, request, body,
                (trajectory, actor, at, version) -> new RejectProposal(trajectory, body.proposalId(),
                        answeringParty(body.by(), actor), body.why(), actor, at, version));
    }

    /** Records that the deadlock escalated. */
    @PostMapping("/deadlocks")
    public ResponseEntity<StepRecorded> escalateDeadlock(@PathVariable String id,
            @RequestBody EscalateDeadlockRequest body, 
            HttpServletRequest request) {
        return steps.send(id, request, body,
                (trajectory, actor, at, version) -> new EscalateDeadlock(trajectory, body.deadlockId(), body.issue(),
                        body.escalationLevel(), actor, at, version));
    }

    /** Records that the deadlock resolved. */
    @PostMapping("/deadlock-resolutions")
    public ResponseEntity<StepRecorded> resolveDeadlock(@PathVariable String id,
            @RequestBody ResolveDeadlockRequest body, 
            HttpServletRequest request) {
        return steps.send(id, request, body,
                (trajectory, actor, at, version) -> new ResolveDeadlock(trajectory, body.deadlockId(),
                        body.resolution(), actor, at, version));
    }

    /** Records that the monitoring indicator defined. */
    @PostMapping("/monitoring-indicators")
    public ResponseEntity<StepRecorded> defineMonitoringIndicator(@PathVariable String id,
            @RequestBody DefineMonitoringIndicatorRequest body, 
            HttpServletRequest request) {
        return steps.send(id, request, body,
                (trajectory, actor, at, version) -> new DefineMonitoringIndicator(trajectory, body.indicatorId(),
                        body.name(), body.kind(), body.target(), body.owner(), body.dimension(), actor, at, version));
    }

    /** Records that the evaluation moment scheduled. */
    @PostMapping("/evaluation-moments")
    public ResponseEntity<StepRecorded> scheduleEvaluationMoment(@PathVariable String id,
            @RequestBody ScheduleEvaluationMomentRequest body, 
            HttpServletRequest request) {
        return steps.send(id, request, body,
                (trajectory, actor, at, version) -> new ScheduleEvaluationMoment(trajectory, body.date(),
                        body.purpose(), actor, at, version));
    }

    /** Records that the standard agreement deviation recorded. */
    @PostMapping("/standard-agreement-deviations")
    public ResponseEntity<StepRecorded> recordStandardAgreementDeviation(@PathVariable String id,
            @RequestBody RecordStandardAgreementDeviationRequest body, 
            HttpServletRequest request) {
        return steps.send(id, request, body,
                (trajectory, actor, at, version) -> new RecordStandardAgreementDeviation(trajectory, body.clause(),
                        body.deviation(), body.why(), actor, at, version));
    }

    /** Records that the incentive change agreed. */
    @PostMapping("/incentive-changes")
    public ResponseEntity<StepRecorded> agreeIncentiveChange(@PathVariable String id,
            @RequestBody AgreeIncentiveChangeRequest body, 
            HttpServletRequest request) {
        return steps.send(id, request, body,
                (trajectory, actor, at, version) -> new AgreeIncentiveChange(trajectory, body.currentIncentive(),
                        body.change(), body.why(), actor, at, version));
    }

    /** Records that the agreement signed. */
    @PostMapping("/agreement")
    public ResponseEntity<StepRecorded> signAgreement(@PathVariable String id, @RequestBody SignAgreementRequest body,
            HttpServletRequest request) {
        return steps.send(id, request, body,
                (trajectory, actor, at, version) -> new SignAgreement(trajectory, body.terms(), body.signatories(),
                        body.startDate(), body.endDate(), actor, at, version));
    }

    /**
     * The party that answers a proposal is the caller's own organisation; {@code by} may be left out, and when given
     * the aggregate refuses any other party.
     */
    private static String answeringParty(String by, Actor actor) {
        return by == null || by.isBlank() ? actor.organisation() : by;
    }

    /** Body of {@code POST /api/trajectories/{id}/proposals}. */
    public record MakeProposalRequest(String proposalId, String by, Terms terms, String occurredAt)
            implements StepRequest {
    }

    /** Body of {@code POST /api/trajectories/{id}/proposal-counters}. */
    public record CounterProposalRequest(String proposalId, String counterProposalId, String by, Terms terms,
            String why, String occurredAt) implements StepRequest {
    }

    /** Body of {@code POST /api/trajectories/{id}/proposal-acceptances}; {@code by} defaults to the caller's party. */
    public record AcceptProposalRequest(String proposalId, String by, String occurredAt) implements StepRequest {
    }

    /** Body of {@code POST /api/trajectories/{id}/proposal-rejections}; {@code by} defaults to the caller's party. */
    public record RejectProposalRequest(String proposalId, String by, String why,
            String occurredAt) implements StepRequest {
    }

    /** Body of {@code POST /api/trajectories/{id}/deadlocks}. */
    public record EscalateDeadlockRequest(String deadlockId, String issue, String escalationLevel,
            String occurredAt) implements StepRequest {
    }

    /** Body of {@code POST /api/trajectories/{id}/deadlock-resolutions}. */
    public record ResolveDeadlockRequest(String deadlockId, String resolution, String occurredAt)
            implements StepRequest {
    }

    /** Body of {@code POST /api/trajectories/{id}/monitoring-indicators}. */
    public record DefineMonitoringIndicatorRequest(String indicatorId, String name, GoalKind kind, String target,
            String owner, QuadrupleAimDimension dimension, String occurredAt) implements StepRequest {
    }

    /** Body of {@code POST /api/trajectories/{id}/evaluation-moments}. */
    public record ScheduleEvaluationMomentRequest(LocalDate date, String purpose,
            String occurredAt) implements StepRequest {
    }

    /** Body of {@code POST /api/trajectories/{id}/standard-agreement-deviations}. */
    public record RecordStandardAgreementDeviationRequest(String clause, String deviation, String why,
            String occurredAt) implements StepRequest {
    }

    /** Body of {@code POST /api/trajectories/{id}/incentive-changes}. */
    public record AgreeIncentiveChangeRequest(String currentIncentive, String change, String why,
            String occurredAt) implements StepRequest {
    }

    /** Body of {@code POST /api/trajectories/{id}/agreement}. */
    public record SignAgreementRequest(Terms terms, List<Signatory> signatories, LocalDate startDate,
            LocalDate endDate, String occurredAt) implements StepRequest {
    }
}
