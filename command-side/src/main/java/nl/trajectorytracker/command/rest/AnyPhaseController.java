package nl.trajectorytracker.command.rest;

import java.util.List;

import jakarta.servlet.http.HttpServletRequest;

import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import nl.trajectorytracker.api.commands.AddNote;
import nl.trajectorytracker.api.commands.AdvancePhase;
import nl.trajectorytracker.api.commands.ConcludeTrajectory;
import nl.trajectorytracker.api.commands.AssessTrust;
import nl.trajectorytracker.api.commands.RecordDecision;
import nl.trajectorytracker.api.commands.RecordPitfall;
import nl.trajectorytracker.api.commands.RecordSuccessFactor;
import nl.trajectorytracker.api.values.Outcome;
import nl.trajectorytracker.api.values.Phase;
import nl.trajectorytracker.api.values.TrustScore;

/**
 * Steps of any phase: decisions with their reasons, trust, pitfalls, success factors and notes.
 * Every endpoint takes an optional {@code If-Match} (the expected version) and {@code Idempotency-Key}, and
 * answers the new version as body and {@code ETag}.
 */
@RestController
@RequestMapping("/api/trajectories/{id}")
public class AnyPhaseController {

    private final StepSender steps;

    public AnyPhaseController(StepSender steps) {
        this.steps = steps;
    }

    /** Moves the trajectory to the next phase through its gate; a closed gate needs an override reason. */
    @PostMapping("/phase-advances")
    public ResponseEntity<StepRecorded> advancePhase(@PathVariable String id, @RequestBody AdvancePhaseRequest body,
            HttpServletRequest request) {
        return steps.send(id, request, body, (trajectory, actor, at, version) -> new AdvancePhase(trajectory, body.to(),
                body.overrideReason(), actor, at, version));
    }

    /** Concludes the trajectory with an outcome and why. */
    @PostMapping("/conclusion")
    public ResponseEntity<StepRecorded> conclude(@PathVariable String id, @RequestBody ConcludeTrajectoryRequest body,
            HttpServletRequest request) {
        return steps.send(id, request, body, (trajectory, actor, at, version) -> new ConcludeTrajectory(trajectory,
                body.outcome(), body.why(), actor, at, version));
    }

    /** Records that the decision recorded. */
    @PostMapping("/decisions")
    public ResponseEntity<StepRecorded> recordDecision(@PathVariable String id, @RequestBody RecordDecisionRequest body,
            HttpServletRequest request) {
        return steps.send(id, request, body,
                (trajectory, actor, at, version) -> new RecordDecision(trajectory, body.decisionId(), body.decision(),
                        body.rationale(), body.alternativesConsidered(), body.evidence(), body.guidingQuestionId(),
                        body.agreedBy(), actor, at, version));
    }

    /** Records that the trust assessed. */
    @PostMapping("/trust-assessments")
    public ResponseEntity<StepRecorded> assessTrust(@PathVariable String id, @RequestBody AssessTrustRequest body,
            HttpServletRequest request) {
        return steps.send(id, request, body,
                (trajectory, actor, at, version) -> new AssessTrust(trajectory, body.counterpart(), body.personTrust(),
                        body.organisationTrust(), body.note(), actor, at, version));
    }

    /** Records that the pitfall recorded. */
    @PostMapping("/pitfalls")
    public ResponseEntity<StepRecorded> recordPitfall(@PathVariable String id, @RequestBody RecordPitfallRequest body,
            HttpServletRequest request) {
        return steps.send(id, request, body,
                (trajectory, actor, at, version) -> new RecordPitfall(trajectory, body.aboutPhase(), body.pitfall(),
                        body.tag(), actor, at, version));
    }

    /** Records that the success factor recorded. */
    @PostMapping("/success-factors")
    public ResponseEntity<StepRecorded> recordSuccessFactor(@PathVariable String id,
            @RequestBody RecordSuccessFactorRequest body, 
            HttpServletRequest request) {
        return steps.send(id, request, body,
                (trajectory, actor, at, version) -> new RecordSuccessFactor(trajectory, body.aboutPhase(),
                        body.successFactor(), body.tag(), actor, at, version));
    }

    /** Records that the note added. */
    @PostMapping("/notes")
    public ResponseEntity<StepRecorded> addNote(@PathVariable String id, @RequestBody AddNoteRequest body,
            HttpServletRequest request) {
        return steps.send(id, request, body,
                (trajectory, actor, at, version) -> new AddNote(trajectory, body.text(), actor, at, version));
    }

    /** Body of {@code POST /api/trajectories/{id}/decisions}. */
    public record RecordDecisionRequest(String decisionId, String decision, String rationale,
            List<String> alternativesConsidered, List<String> evidence, String guidingQuestionId,
            List<String> agreedBy, String occurredAt) implements StepRequest {
    }

    /** Body of {@code POST /api/trajectories/{id}/trust-assessments}. */
    public record AssessTrustRequest(String counterpart, TrustScore personTrust, TrustScore organisationTrust,
            String note, String occurredAt) implements StepRequest {
    }

    /** Body of {@code POST /api/trajectories/{id}/pitfalls}. */
    public record RecordPitfallRequest(Phase aboutPhase, String pitfall, String tag,
            String occurredAt) implements StepRequest {
    }

    /** Body of {@code POST /api/trajectories/{id}/success-factors}. */
    public record RecordSuccessFactorRequest(Phase aboutPhase, String successFactor, String tag,
            String occurredAt) implements StepRequest {
    }

    /** Body of {@code POST /api/trajectories/{id}/notes}. */
    public record AddNoteRequest(String text, String occurredAt) implements StepRequest {
    }

    /** Body of {@code POST /api/trajectories/{id}/phase-advances}. */
    public record AdvancePhaseRequest(Phase to, String overrideReason, String occurredAt) implements StepRequest {
    }

    /** Body of {@code POST /api/trajectories/{id}/conclusion}. */
    public record ConcludeTrajectoryRequest(Outcome outcome, String why, String occurredAt) implements StepRequest {
    }
}
