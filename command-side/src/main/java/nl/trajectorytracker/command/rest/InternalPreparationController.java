package nl.trajectorytracker.command.rest;

import java.util.List;

import jakarta.servlet.http.HttpServletRequest;

import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import nl.trajectorytracker.api.commands.AddStakeholder;
import nl.trajectorytracker.api.commands.AssessPartnerPosition;
import nl.trajectorytracker.api.commands.AssessPreviousAgreement;
import nl.trajectorytracker.api.commands.AssignTeamMember;
import nl.trajectorytracker.api.commands.DefineBatna;
import nl.trajectorytracker.api.commands.NoteRelevantDevelopment;
import nl.trajectorytracker.api.commands.RecordInternalInterest;
import nl.trajectorytracker.api.commands.RecordSupportBaseAction;
import nl.trajectorytracker.api.commands.RemoveStakeholder;
import nl.trajectorytracker.api.commands.ReviseBatna;
import nl.trajectorytracker.api.commands.ReviseStrategicGoal;
import nl.trajectorytracker.api.commands.SetPlanning;
import nl.trajectorytracker.api.commands.SetStrategicGoal;
import nl.trajectorytracker.api.commands.UpdateStakeholder;
import nl.trajectorytracker.api.values.Influence;
import nl.trajectorytracker.api.values.Milestone;
import nl.trajectorytracker.api.values.Require;
import nl.trajectorytracker.api.values.StakeholderScope;
import nl.trajectorytracker.api.values.TrajectoryIds;

/**
 * Phase 1 of the playbook, internal preparation (explore).
 * Every endpoint takes an optional {@code If-Match} (the expected version) and {@code Idempotency-Key}, and
 * answers the new version as body and {@code ETag}.
 */
@RestController
@RequestMapping("/api/trajectories/{id}")
public class InternalPreparationController {

    private final StepSender steps;

    public InternalPreparationController(StepSender steps) {
        this.steps = steps;
    }

    /** Records that the strategic goal set. */
    @PostMapping("/strategic-goals")
    public ResponseEntity<StepRecorded> setStrategicGoal(@PathVariable String id,
            @RequestBody SetStrategicGoalRequest body, 
            HttpServletRequest request) {
        return steps.send(id, request, body,
                (trajectory, actor, at, version) -> new SetStrategicGoal(trajectory, body.goalId(), body.goal(),
                        body.challenge(), actor, at, version));
    }

    /** Records that the strategic goal revised. */
    @PostMapping("/strategic-goal-revisions")
    public ResponseEntity<StepRecorded> reviseStrategicGoal(@PathVariable String id,
            @RequestBody ReviseStrategicGoalRequest body, 
            HttpServletRequest request) {
        return steps.send(id, request, body,
                (trajectory, actor, at, version) -> new ReviseStrategicGoal(trajectory, body.goalId(), body.goal(),
                        body.why(), actor, at, version));
    }

    /** Records that the internal interest recorded. */
    @PostMapping("/internal-interests")
    public ResponseEntity<StepRecorded> recordInternalInterest(@PathVariable String id,
            @RequestBody RecordInternalInterestRequest body, 
            HttpServletRequest request) {
        return steps.send(id, request, body,
                (trajectory, actor, at, version) -> new RecordInternalInterest(trajectory, body.interest(),
                        body.heldBy(), actor, at, version));
    }

    /** Records that the relevant development noted. */
    @PostMapping("/relevant-developments")
    public ResponseEntity<StepRecorded> noteRelevantDevelopment(@PathVariable String id,
            @RequestBody NoteRelevantDevelopmentRequest body, 
            HttpServletRequest request) {
        return steps.send(id, request, body,
                (trajectory, actor, at, version) -> new NoteRelevantDevelopment(trajectory, body.development(),
                        body.impact(), actor, at, version));
    }

    /** Records that the stakeholder added. */
    @PostMapping("/stakeholders")
    public ResponseEntity<StepRecorded> addStakeholder(@PathVariable String id, @RequestBody AddStakeholderRequest body,
            HttpServletRequest request) {
        return steps.send(id, request, body,
                (trajectory, actor, at, version) -> new AddStakeholder(trajectory, body.stakeholderId(), body.name(),
                        body.scope(), body.role(), body.interests(), body.influence(), actor, at, version));
    }

    /** Records that the stakeholder updated. */
    @PostMapping("/stakeholder-updates")
    public ResponseEntity<StepRecorded> updateStakeholder(@PathVariable String id,
            @RequestBody UpdateStakeholderRequest body, 
            HttpServletRequest request) {
        return steps.send(id, request, body,
                (trajectory, actor, at, version) -> new UpdateStakeholder(trajectory, body.stakeholderId(), body.name(),
                        body.scope(), body.role(), body.interests(), body.influence(), actor, at, version));
    }

    /** Records that the stakeholder removed. */
    @PostMapping("/stakeholder-removals")
    public ResponseEntity<StepRecorded> removeStakeholder(@PathVariable String id,
            @RequestBody RemoveStakeholderRequest body, 
            HttpServletRequest request) {
        return steps.send(id, request, body,
                (trajectory, actor, at, version) -> new RemoveStakeholder(trajectory, body.stakeholderId(), body.why(),
                        actor, at, version));
    }

    /** Records that the previous agreement assessed. */
    @PostMapping("/previous-agreement-assessments")
    public ResponseEntity<StepRecorded> assessPreviousAgreement(@PathVariable String id,
            @RequestBody AssessPreviousAgreementRequest body, 
            HttpServletRequest request) {
        return steps.send(id, request, body,
                (trajectory, actor, at, version) -> new AssessPreviousAgreement(trajectory, body.agreement(),
                        Require.present("servesOurGoals", body.servesOurGoals()), body.why(),
                        Require.present("contractingQuestion", body.contractingQuestion()),
                        TrajectoryIds.optional("previousTrajectoryId", body.previousTrajectoryId()), actor, at,
                        version));
    }

    /** Records that the batna defined. */
    @PostMapping("/batna")
    public ResponseEntity<StepRecorded> defineBatna(@PathVariable String id, @RequestBody DefineBatnaRequest body,
            HttpServletRequest request) {
        return steps.send(id, request, body,
                (trajectory, actor, at, version) -> new DefineBatna(trajectory, body.batna(), body.why(), actor, at,
                        version));
    }

    /** Records that the batna revised. */
    @PostMapping("/batna-revisions")
    public ResponseEntity<StepRecorded> reviseBatna(@PathVariable String id, @RequestBody ReviseBatnaRequest body,
            HttpServletRequest request) {
        return steps.send(id, request, body,
                (trajectory, actor, at, version) -> new ReviseBatna(trajectory, body.batna(), body.why(), actor, at,
                        version));
    }

    /** Records that the planning set. */
    @PostMapping("/planning")
    public ResponseEntity<StepRecorded> setPlanning(@PathVariable String id, @RequestBody SetPlanningRequest body,
            HttpServletRequest request) {
        return steps.send(id, request, body,
                (trajectory, actor, at, version) -> new SetPlanning(trajectory, body.milestones(), actor, at, version));
    }

    /** Records that the partner position assessed. */
    @PostMapping("/partner-assessments")
    public ResponseEntity<StepRecorded> assessPartnerPosition(@PathVariable String id,
            @RequestBody AssessPartnerPositionRequest body, 
            HttpServletRequest request) {
        return steps.send(id, request, body,
                (trajectory, actor, at, version) -> new AssessPartnerPosition(trajectory, body.party(), body.position(),
                        body.interests(), actor, at, version));
    }

    /** Records that the team member assigned. */
    @PostMapping("/team-members")
    public ResponseEntity<StepRecorded> assignTeamMember(@PathVariable String id,
            @RequestBody AssignTeamMemberRequest body, 
            HttpServletRequest request) {
        return steps.send(id, request, body,
                (trajectory, actor, at, version) -> new AssignTeamMember(trajectory, body.name(), body.role(),
                        body.knowledgeAndSkills(), actor, at, version));
    }

    /** Records that the support base action recorded. */
    @PostMapping("/support-base-actions")
    public ResponseEntity<StepRecorded> recordSupportBaseAction(@PathVariable String id,
            @RequestBody RecordSupportBaseActionRequest body, 
            HttpServletRequest request) {
        return steps.send(id, request, body,
                (trajectory, actor, at, version) -> new RecordSupportBaseAction(trajectory, body.action(),
                        body.audience(), actor, at, version));
    }

    /** Body of {@code POST /api/trajectories/{id}/strategic-goals}. */
    public record SetStrategicGoalRequest(String goalId, String goal, String challenge,
            String occurredAt) implements StepRequest {
    }

    /** Body of {@code POST /api/trajectories/{id}/strategic-goal-revisions}. */
    public record ReviseStrategicGoalRequest(String goalId, String goal, String why,
            String occurredAt) implements StepRequest {
    }

    /** Body of {@code POST /api/trajectories/{id}/internal-interests}. */
    public record RecordInternalInterestRequest(String interest, String heldBy, String occurredAt)
            implements StepRequest {
    }

    /** Body of {@code POST /api/trajectories/{id}/relevant-developments}. */
    public record NoteRelevantDevelopmentRequest(String development, String impact,
            String occurredAt) implements StepRequest {
    }

    /** Body of {@code POST /api/trajectories/{id}/stakeholders}. */
    public record AddStakeholderRequest(String stakeholderId, String name, StakeholderScope scope, String role,
            List<String> interests, Influence influence, String occurredAt) implements StepRequest {
    }

    /** Body of {@code POST /api/trajectories/{id}/stakeholder-updates}. */
    public record UpdateStakeholderRequest(String stakeholderId, String name, StakeholderScope scope, String role,
            List<String> interests, Influence influence, String occurredAt) implements StepRequest {
    }

    /** Body of {@code POST /api/trajectories/{id}/stakeholder-removals}. */
    public record RemoveStakeholderRequest(String stakeholderId, String why, String occurredAt) implements StepRequest {
    }

    /** Body of {@code POST /api/trajectories/{id}/previous-agreement-assessments}. */
    public record AssessPreviousAgreementRequest(String agreement, Boolean servesOurGoals, String why,
            Boolean contractingQuestion, String previousTrajectoryId, String occurredAt) implements StepRequest {
    }

    /** Body of {@code POST /api/trajectories/{id}/batna}. */
    public record DefineBatnaRequest(String batna, String why, String occurredAt) implements StepRequest {
    }

    /** Body of {@code POST /api/trajectories/{id}/batna-revisions}. */
    public record ReviseBatnaRequest(String batna, String why, String occurredAt) implements StepRequest {
    }

    /** Body of {@code POST /api/trajectories/{id}/planning}. */
    public record SetPlanningRequest(List<Milestone> milestones, String occurredAt) implements StepRequest {
    }

    /** Body of {@code POST /api/trajectories/{id}/partner-assessments}. */
    public record AssessPartnerPositionRequest(String party, String position, List<String> interests,
            String occurredAt) implements StepRequest {
    }

    /** Body of {@code POST /api/trajectories/{id}/team-members}. */
    public record AssignTeamMemberRequest(String name, String role, List<String> knowledgeAndSkills,
            String occurredAt) implements StepRequest {
    }

    /** Body of {@code POST /api/trajectories/{id}/support-base-actions}. */
    public record RecordSupportBaseActionRequest(String action, String audience, String occurredAt)
            implements StepRequest {
    }
}
