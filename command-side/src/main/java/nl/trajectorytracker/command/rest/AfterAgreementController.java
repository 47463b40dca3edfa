package nl.trajectorytracker.command.rest;

import java.util.List;

import java.time.Instant;

import jakarta.servlet.http.HttpServletRequest;

import org.axonframework.commandhandling.gateway.CommandGateway;
import org.springframework.http.HttpStatus;

import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import nl.trajectorytracker.api.commands.HoldFinalEvaluation;
import nl.trajectorytracker.api.commands.StartFollowUpTrajectory;
import nl.trajectorytracker.api.commands.StartTrajectory;
import nl.trajectorytracker.api.values.Actor;
import nl.trajectorytracker.api.values.Party;
import nl.trajectorytracker.api.values.TrajectoryId;
import nl.trajectorytracker.api.values.TrajectoryIds;


/**
 * Phase 5 of the playbook, after the agreement (become and stay successful).
 * Every endpoint takes an optional {@code If-Match} (the expected version) and {@code Idempotency-Key}, and
 * answers the new version as body and {@code ETag}.
 */
@RestController
@RequestMapping("/api/trajectories/{id}")
public class AfterAgreementController {

    private final StepSender steps;
    private final CommandGateway commands;

    public AfterAgreementController(StepSender steps, CommandGateway commands) {
        this.steps = steps;
        this.commands = commands;
    }

    /**
     * Starts a follow-up trajectory: records the link on this trajectory, then starts the follow-up naming this
     * one as its predecessor. Answers 201 with the follow-up's id and location.
     */
    @PostMapping("/follow-ups")
    public ResponseEntity<TrajectoryCreated> startFollowUp(@PathVariable String id,
            @RequestBody StartFollowUpRequest body, HttpServletRequest request) {
        TrajectoryId predecessor = TrajectoryIds.fromPath(id);
        Actor actor = steps.actor(request);
        Long expectedVersion = IfMatch.expectedVersion(request.getHeader(IfMatch.HEADER));
        Instant at = steps.occurredAt(body.occurredAt());
        return steps.once(request, actor, TrajectoryCreated::new, () -> {
            TrajectoryId followUp = TrajectoryId.random();
            StartTrajectory start = new StartTrajectory(followUp, body.title(), body.parties(), body.playbookVersion(),
                    predecessor, actor, at);
            commands.sendAndWait(new StartFollowUpTrajectory(predecessor, followUp, start.title(), actor, at,
                    expectedVersion));
            commands.sendAndWait(start);
            return new IdempotencyStore.Outcome(StepSender.signature(request), HttpStatus.CREATED.value(),
                    followUp.value(), 0, "/api/trajectories/" + followUp);
        });
    }

    /** Records that the final evaluation held. */
    @PostMapping("/final-evaluations")
    public ResponseEntity<StepRecorded> holdFinalEvaluation(@PathVariable String id,
            @RequestBody HoldFinalEvaluationRequest body, 
            HttpServletRequest request) {
        return steps.send(id, request, body,
                (trajectory, actor, at, version) -> new HoldFinalEvaluation(trajectory, body.form(), body.outcomes(),
                        body.lessons(), actor, at, version));
    }

    /** Body of {@code POST /api/trajectories/{id}/final-evaluations}. */
    public record HoldFinalEvaluationRequest(String form, List<String> outcomes, List<String> lessons,
            String occurredAt) implements StepRequest {
    }

    /** Body of {@code POST /api/trajectories/{id}/follow-ups}: the follow-up's title, parties and playbook. */
    public record StartFollowUpRequest(String title, List<Party> parties, String playbookVersion,
            String occurredAt) implements StepRequest {
    }
}
