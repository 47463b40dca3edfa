package nl.trajectorytracker.command.rest;

import java.util.List;

import jakarta.servlet.http.HttpServletRequest;

import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import nl.trajectorytracker.api.commands.AgreeGoal;
import nl.trajectorytracker.api.commands.AgreeLossSharingPrinciple;
import nl.trajectorytracker.api.commands.AssessCurrentRelationship;
import nl.trajectorytracker.api.commands.DecideGoNoGo;
import nl.trajectorytracker.api.commands.EstablishJointFact;
import nl.trajectorytracker.api.commands.InvolveNetworkParty;
import nl.trajectorytracker.api.commands.MakeProcessAgreement;
import nl.trajectorytracker.api.commands.RaiseLegalObstacle;
import nl.trajectorytracker.api.commands.RecordCounterpartyGoals;
import nl.trajectorytracker.api.commands.RecordJointAmbition;
import nl.trajectorytracker.api.commands.RecordSocietalValue;
import nl.trajectorytracker.api.commands.RecordWinWinWinOption;
import nl.trajectorytracker.api.commands.ResolveLegalObstacle;
import nl.trajectorytracker.api.commands.SetRelationshipAim;
import nl.trajectorytracker.api.commands.ShareInterest;
import nl.trajectorytracker.api.values.ContextSource;
import nl.trajectorytracker.api.values.GoNoGo;
import nl.trajectorytracker.api.values.GoalKind;
import nl.trajectorytracker.api.values.Milestone;
import nl.trajectorytracker.api.values.NetworkPartyKind;
import nl.trajectorytracker.api.values.QuadrupleAimDimension;
import nl.trajectorytracker.api.values.Require;

/**
 * Phase 2 of the playbook, co-design (build).
 * Every endpoint takes an optional {@code If-Match} (the expected version) and {@code Idempotency-Key}, and
 * answers the new version as body and {@code ETag}.
 */
@RestController
@RequestMapping("/api/trajectories/{id}")
public class CoDesignController {

    private final StepSender steps;

    public CoDesignController(StepSender steps) {
        this.steps = steps;
    }

    /** Records that the joint ambition recorded. */
    @PostMapping("/joint-ambitions")
    public ResponseEntity<StepRecorded> recordJointAmbition(@PathVariable String id,
            @RequestBody RecordJointAmbitionRequest body, 
            HttpServletRequest request) {
        return steps.send(id, request, body,
                (trajectory, actor, at, version) -> new RecordJointAmbition(trajectory, body.ambition(),
                        Require.present("horizonYears", body.horizonYears()), actor, at, version));
    }

    /** Records that the counterparty goals recorded. */
    @PostMapping("/counterparty-goals")
    public ResponseEntity<StepRecorded> recordCounterpartyGoals(@PathVariable String id,
            @RequestBody RecordCounterpartyGoalsRequest body, 
            HttpServletRequest request) {
        return steps.send(id, request, body,
                (trajectory, actor, at, version) -> new RecordCounterpartyGoals(trajectory, body.party(), body.goals(),
                        actor, at, version));
    }

    /** Records that the relationship aim set. */
    @PostMapping("/relationship-aims")
    public ResponseEntity<StepRecorded> setRelationshipAim(@PathVariable String id,
            @RequestBody SetRelationshipAimRequest body, 
            HttpServletRequest request) {
        return steps.send(id, request, body,
                (trajectory, actor, at, version) -> new SetRelationshipAim(trajectory, body.aim(), actor, at, version));
    }

    /** Records that the current relationship assessed. */
    @PostMapping("/relationship-assessments")
    public ResponseEntity<StepRecorded> assessCurrentRelationship(@PathVariable String id,
            @RequestBody AssessCurrentRelationshipRequest body, 
            HttpServletRequest request) {
        return steps.send(id, request, body,
                (trajectory, actor, at, version) -> new AssessCurrentRelationship(trajectory, body.assessment(),
                        Require.present("trustPresent", body.trustPresent()), actor, at, version));
    }

    /** Records that the goal agreed. */
    @PostMapping("/goals")
    public ResponseEntity<StepRecorded> agreeGoal(@PathVariable String id, @RequestBody AgreeGoalRequest body,
            HttpServletRequest request) {
        return steps.send(id, request, body,
                (trajectory, actor, at, version) -> new AgreeGoal(trajectory, body.goalId(), body.goal(),
                        body.dimension(), body.kind(), body.contextSource(), actor, at, version));
    }

    /** Records that the interest shared. */
    @PostMapping("/shared-interests")
    public ResponseEntity<StepRecorded> shareInterest(@PathVariable String id, @RequestBody ShareInterestRequest body,
            HttpServletRequest request) {
        return steps.send(id, request, body,
                (trajectory, actor, at, version) -> new ShareInterest(trajectory, body.party(), body.interest(), actor,
                        at, version));
    }

    /** Records that the societal value recorded. */
    @PostMapping("/societal-values")
    public ResponseEntity<StepRecorded> recordSocietalValue(@PathVariable String id,
            @RequestBody RecordSocietalValueRequest body, 
            HttpServletRequest request) {
        return steps.send(id, request, body,
                (trajectory, actor, at, version) -> new RecordSocietalValue(trajectory, body.value(),
                        Require.present("landsWithNegotiatingParties", body.landsWithNegotiatingParties()), actor, at,
                        version));
    }

    /** Records that the win win win option recorded. */
    @PostMapping("/win-win-win-options")
    public ResponseEntity<StepRecorded> recordWinWinWinOption(@PathVariable String id,
            @RequestBody RecordWinWinWinOptionRequest body, 
            HttpServletRequest request) {
        return steps.send(id, request, body,
                (trajectory, actor, at, version) -> new RecordWinWinWinOption(trajectory, body.option(),
                        body.benefits(), actor, at, version));
    }

    /** Records that the loss sharing principle agreed. */
    @PostMapping("/loss-sharing-principles")
    public ResponseEntity<StepRecorded> agreeLossSharingPrinciple(@PathVariable String id,
            @RequestBody AgreeLossSharingPrincipleRequest body, 
            HttpServletRequest request) {
        return steps.send(id, request, body,
                (trajectory, actor, at, version) -> new AgreeLossSharingPrinciple(trajectory, body.principle(), actor,
                        at, version));
    }

    /** Records that the joint fact established. */
    @PostMapping("/joint-facts")
    public ResponseEntity<StepRecorded> establishJointFact(@PathVariable String id,
            @RequestBody EstablishJointFactRequest body, 
            HttpServletRequest request) {
        return steps.send(id, request, body,
                (trajectory, actor, at, version) -> new EstablishJointFact(trajectory, body.fact(), body.dataSource(),
                        body.acceptedBy(), actor, at, version));
    }

    /** Records that the process agreement made. */
    @PostMapping("/process-agreements")
    public ResponseEntity<StepRecorded> makeProcessAgreement(@PathVariable String id,
            @RequestBody MakeProcessAgreementRequest body, 
            HttpServletRequest request) {
        return steps.send(id, request, body,
                (trajectory, actor, at, version) -> new MakeProcessAgreement(trajectory, body.rulesOfConduct(),
                        body.escalationLevels(), body.goNoGoMoments(), actor, at, version));
    }

    /** Records that the go no go decided. */
    @PostMapping("/go-no-go-decisions")
    public ResponseEntity<StepRecorded> decideGoNoGo(@PathVariable String id, @RequestBody DecideGoNoGoRequest body,
            HttpServletRequest request) {
        return steps.send(id, request, body,
                (trajectory, actor, at, version) -> new DecideGoNoGo(trajectory, body.moment(), body.decision(),
                        body.why(), actor, at, version));
    }

    /** Records that the legal obstacle raised. */
    @PostMapping("/legal-obstacles")
    public ResponseEntity<StepRecorded> raiseLegalObstacle(@PathVariable String id,
            @RequestBody RaiseLegalObstacleRequest body, 
            HttpServletRequest request) {
        return steps.send(id, request, body,
                (trajectory, actor, at, version) -> new RaiseLegalObstacle(trajectory, body.obstacleId(),
                        body.obstacle(), actor, at, version));
    }

    /** Records that the legal obstacle resolved. */
    @PostMapping("/legal-obstacle-resolutions")
    public ResponseEntity<StepRecorded> resolveLegalObstacle(@PathVariable String id,
            @RequestBody ResolveLegalObstacleRequest body, 
            HttpServletRequest request) {
        return steps.send(id, request, body,
                (trajectory, actor, at, version) -> new ResolveLegalObstacle(trajectory, body.obstacleId(),
                        body.resolution(), actor, at, version));
    }

    /** Records that the network party involved. */
    @PostMapping("/network-parties")
    public ResponseEntity<StepRecorded> involveNetworkParty(@PathVariable String id,
            @RequestBody InvolveNetworkPartyRequest body, 
            HttpServletRequest request) {
        return steps.send(id, request, body,
                (trajectory, actor, at, version) -> new InvolveNetworkParty(trajectory, body.name(), body.kind(),
                        body.need(), actor, at, version));
    }

    /** Body of {@code POST /api/trajectories/{id}/joint-ambitions}. */
    public record RecordJointAmbitionRequest(String ambition, Integer horizonYears,
            String occurredAt) implements StepRequest {
    }

    /** Body of {@code POST /api/trajectories/{id}/counterparty-goals}. */
    public record RecordCounterpartyGoalsRequest(String party, List<String> goals,
            String occurredAt) implements StepRequest {
    }

    /** Body of {@code POST /api/trajectories/{id}/relationship-aims}. */
    public record SetRelationshipAimRequest(String aim, String occurredAt) implements StepRequest {
    }

    /** Body of {@code POST /api/trajectories/{id}/relationship-assessments}. */
    public record AssessCurrentRelationshipRequest(String assessment, Boolean trustPresent,
            String occurredAt) implements StepRequest {
    }

    /** Body of {@code POST /api/trajectories/{id}/goals}. */
    public record AgreeGoalRequest(String goalId, String goal, QuadrupleAimDimension dimension, GoalKind kind,
            ContextSource contextSource, String occurredAt) implements StepRequest {
    }

    /** Body of {@code POST /api/trajectories/{id}/shared-interests}. */
    public record ShareInterestRequest(String party, String interest, String occurredAt) implements StepRequest {
    }

    /** Body of {@code POST /api/trajectories/{id}/societal-values}. */
    public record RecordSocietalValueRequest(String value, Boolean landsWithNegotiatingParties,
            String occurredAt) implements StepRequest {
    }

    /** Body of {@code POST /api/trajectories/{id}/win-win-win-options}. */
    public record RecordWinWinWinOptionRequest(String option, List<String> benefits,
            String occurredAt) implements StepRequest {
    }

    /** Body of {@code POST /api/trajectories/{id}/loss-sharing-principles}. */
    public record AgreeLossSharingPrincipleRequest(String principle, String occurredAt) implements StepRequest {
    }

    /** Body of {@code POST /api/trajectories/{id}/joint-facts}. */
    public record EstablishJointFactRequest(String fact, String dataSource, List<String> acceptedBy,
            String occurredAt) implements StepRequest {
    }

    /** Body of {@code POST /api/trajectories/{id}/process-agreements}. */
    public record MakeProcessAgreementRequest(List<String> rulesOfConduct, List<String> escalationLevels,
            List<Milestone> goNoGoMoments, String occurredAt) implements StepRequest {
    }

    /** Body of {@code POST /api/trajectories/{id}/go-no-go-decisions}. */
    public record DecideGoNoGoRequest(String moment, GoNoGo decision, String why,
            String occurredAt) implements StepRequest {
    }

    /** Body of {@code POST /api/trajectories/{id}/legal-obstacles}. */
    public record RaiseLegalObstacleRequest(String obstacleId, String obstacle, String occurredAt)
            implements StepRequest {
    }

    /** Body of {@code POST /api/trajectories/{id}/legal-obstacle-resolutions}. */
    public record ResolveLegalObstacleRequest(String obstacleId, String resolution,
            String occurredAt) implements StepRequest {
    }

    /** Body of {@code POST /api/trajectories/{id}/network-parties}. */
    public record InvolveNetworkPartyRequest(String name, NetworkPartyKind kind, String need,
            String occurredAt) implements StepRequest {
    }
}
