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

import nl.trajectorytracker.api.commands.AmendContract;
import nl.trajectorytracker.api.commands.CommunicateSuccessOrLesson;
import nl.trajectorytracker.api.commands.HoldInterimEvaluation;
import nl.trajectorytracker.api.commands.HoldRelationshipCheckIn;
import nl.trajectorytracker.api.commands.MeasureIndicator;
import nl.trajectorytracker.api.commands.SendStakeholderUpdate;
import nl.trajectorytracker.api.values.LessonKind;
import nl.trajectorytracker.api.values.Require;
import nl.trajectorytracker.api.values.Terms;

/**
 * Phase 4 of the playbook, the running agreement (deliver).
 * Every endpoint takes an optional {@code If-Match} (the expected version) and {@code Idempotency-Key}, and
 * answers the new version as body and {@code ETag}.
 */
@RestController
@RequestMapping("/api/trajectories/{id}")
public class RunningAgreementController {

    private final StepSender steps;

    public RunningAgreementController(StepSender steps) {
        this.steps = steps;
    }

    /** Records that the indicator measured. */
    @PostMapping("/indicator-measurements")
    public ResponseEntity<StepRecorded> measureIndicator(@PathVariable String id,
            @RequestBody MeasureIndicatorRequest body, 
            HttpServletRequest request) {
        return steps.send(id, request, body,
                (trajectory, actor, at, version) -> new MeasureIndicator(trajectory, body.indicatorId(), body.value(),
                        body.measuredOn(), body.note(), actor, at, version));
    }

    /** Records that the relationship check in held. */
    @PostMapping("/relationship-check-ins")
    public ResponseEntity<StepRecorded> holdRelationshipCheckIn(@PathVariable String id,
            @RequestBody HoldRelationshipCheckInRequest body, 
            HttpServletRequest request) {
        return steps.send(id, request, body,
                (trajectory, actor, at, version) -> new HoldRelationshipCheckIn(trajectory, body.participants(),
                        body.summary(), actor, at, version));
    }

    /** Records that the stakeholder update sent. */
    @PostMapping("/stakeholder-communications")
    public ResponseEntity<StepRecorded> sendStakeholderUpdate(@PathVariable String id,
            @RequestBody SendStakeholderUpdateRequest body, 
            HttpServletRequest request) {
        return steps.send(id, request, body,
                (trajectory, actor, at, version) -> new SendStakeholderUpdate(trajectory, body.audience(),
                        body.summary(), actor, at, version));
    }

    /** Records that the success or lesson communicated. */
    @PostMapping("/success-and-lesson-communications")
    public ResponseEntity<StepRecorded> communicateSuccessOrLesson(@PathVariable String id,
            @RequestBody CommunicateSuccessOrLessonRequest body, 
            HttpServletRequest request) {
        return steps.send(id, request, body,
                (trajectory, actor, at, version) -> new CommunicateSuccessOrLesson(trajectory, body.kind(),
                        body.message(), body.channel(), actor, at, version));
    }

    /** Records that the contract amended. */
    @PostMapping("/contract-amendments")
    public ResponseEntity<StepRecorded> amendContract(@PathVariable String id, @RequestBody AmendContractRequest body,
            HttpServletRequest request) {
        return steps.send(id, request, body,
                (trajectory, actor, at, version) -> new AmendContract(trajectory, body.what(), body.why(),
                        body.newTerms(), actor, at, version));
    }

    /** Records that the interim evaluation held. */
    @PostMapping("/interim-evaluations")
    public ResponseEntity<StepRecorded> holdInterimEvaluation(@PathVariable String id,
            @RequestBody HoldInterimEvaluationRequest body, 
            HttpServletRequest request) {
        return steps.send(id, request, body,
                (trajectory, actor, at, version) -> new HoldInterimEvaluation(trajectory, body.findings(),
                        Require.present("adjustmentNeeded", body.adjustmentNeeded()), actor, at, version));
    }

    /** Body of {@code POST /api/trajectories/{id}/indicator-measurements}. */
    public record MeasureIndicatorRequest(String indicatorId, String value, LocalDate measuredOn, String note,
            String occurredAt) implements StepRequest {
    }

    /** Body of {@code POST /api/trajectories/{id}/relationship-check-ins}. */
    public record HoldRelationshipCheckInRequest(List<String> participants, String summary,
            String occurredAt) implements StepRequest {
    }

    /** Body of {@code POST /api/trajectories/{id}/stakeholder-communications}. */
    public record SendStakeholderUpdateRequest(String audience, String summary, String occurredAt)
            implements StepRequest {
    }

    /** Body of {@code POST /api/trajectories/{id}/success-and-lesson-communications}. */
    public record CommunicateSuccessOrLessonRequest(LessonKind kind, String message, String channel,
            String occurredAt) implements StepRequest {
    }

    /** Body of {@code POST /api/trajectories/{id}/contract-amendments}. */
    public record AmendContractRequest(String what, String why, Terms newTerms, String occurredAt)
            implements StepRequest {
    }

    /** Body of {@code POST /api/trajectories/{id}/interim-evaluations}. */
    public record HoldInterimEvaluationRequest(String findings, Boolean adjustmentNeeded,
            String occurredAt) implements StepRequest {
    }
}
