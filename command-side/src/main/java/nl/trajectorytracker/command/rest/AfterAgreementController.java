package nl.trajectorytracker.command.rest;

import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import jakarta.servlet.http.HttpServletRequest;

import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.modelling.command.ConcurrencyException;
import org.springframework.http.HttpStatus;

import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import nl.trajectorytracker.api.commands.CheckFollowUpTrajectory;
import nl.trajectorytracker.api.commands.HoldFinalEvaluation;
import nl.trajectorytracker.api.commands.StartFollowUpTrajectory;
import nl.trajectorytracker.api.commands.StartTrajectory;
import nl.trajectorytracker.api.values.Actor;
import nl.trajectorytracker.api.values.Party;
import nl.trajectorytracker.api.values.TrajectoryId;
import nl.trajectorytracker.api.values.TrajectoryIds;
import nl.trajectorytracker.command.followup.FollowUpLinks;


/**
 * Phase 5 of the playbook, after the agreement (become and stay successful).
 * Every endpoint takes an optional {@code If-Match} (the expected version) and {@code Idempotency-Key}, and
 * answers the new version as body and {@code ETag}.
 */
@RestController
@RequestMapping("/api/trajectories/{id}")
public class AfterAgreementController {

    private static final int LINK_ATTEMPTS = 5;

    private final StepSender steps;
    private final CommandGateway commands;

    public AfterAgreementController(StepSender steps, CommandGateway commands) {
        this.steps = steps;
        this.commands = commands;
    }

    /**
     * Starts a follow-up trajectory, which touches two trajectories: everything about both is checked before either
     * is written (the follow-up's parties must include the caller's organisation, {@code 400} naming
     * {@code parties}; this trajectory must be in its last phase or concluded, at the version of {@code If-Match});
     * then the follow-up is started naming this one as its predecessor, and the link on this trajectory is recorded
     * last. Should the process die between the two writes, {@link FollowUpLinks} records the link from the
     * follow-up's start, so no link ever names a trajectory that does not exist. Answers 201 with the follow-up's
     * id and location.
     */
    @PostMapping("/follow-ups")
    public ResponseEntity<TrajectoryCreated> startFollowUp(@PathVariable String id,
            @RequestBody StartFollowUpRequest body, HttpServletRequest request) {
        TrajectoryId predecessor = TrajectoryIds.fromPath(id);
        Actor actor = steps.actor(request);
        Long expectedVersion = IfMatch.expectedVersion(request.getHeader(IfMatch.HEADER));
        TrajectoryId followUp = TrajectoryId.random();
        Instant at = steps.occurredAt(body.occurredAt());
        StartTrajectory start = new StartTrajectory(followUp, body.title(), body.parties(), body.playbookVersion(),
                predecessor, actor, at);
        TrajectoryCommandController.requireOwnOrganisationAmongParties(actor, start.parties());
        return steps.once(request, actor, TrajectoryCreated::new, idempotency -> {
            commands.sendAndWait(new CheckFollowUpTrajectory(predecessor, followUp, actor, at, expectedVersion));
            Map<String, String> metadata = new HashMap<>(idempotency);
            metadata.put(FollowUpLinks.FOLLOW_UP_OF, predecessor.value());
            commands.sendAndWait(StepSender.command(start, metadata));
            link(new StartFollowUpTrajectory(predecessor, followUp, start.title(), actor, at));
            return new IdempotencyStore.Outcome(null, null, HttpStatus.CREATED.value(), followUp.value(), 0,
                    "/api/trajectories/" + followUp);
        });
    }

    /**
     * The link is recorded at whatever version the predecessor is by then (the checks passed already); another step
     * on it at the same moment, or {@link FollowUpLinks} recording the same link, makes the append collide, and the
     * link is tried again (a link recorded already changes nothing).
     */
    private void link(StartFollowUpTrajectory link) {
        for (int attempt = 1; ; attempt++) {
            try {
                commands.sendAndWait(link);
                return;
            } catch (ConcurrencyException e) {
                if (attempt == LINK_ATTEMPTS) {
                    throw e;
                }
            }
        }
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
