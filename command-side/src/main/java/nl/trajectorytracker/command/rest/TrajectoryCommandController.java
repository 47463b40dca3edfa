package nl.trajectorytracker.command.rest;

import java.time.Instant;
import java.util.List;

import jakarta.servlet.http.HttpServletRequest;

import org.axonframework.commandhandling.gateway.CommandGateway;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import nl.trajectorytracker.api.commands.StartTrajectory;
import nl.trajectorytracker.api.values.Actor;
import nl.trajectorytracker.api.values.InvalidValueException;
import nl.trajectorytracker.api.values.Party;
import nl.trajectorytracker.api.values.TrajectoryId;

/** Command adapter: turns HTTP requests into commands, with time and actor supplied by the server. */
@RestController
@RequestMapping("/api/trajectories")
public class TrajectoryCommandController {

    private final CommandGateway commands;
    private final StepSender steps;

    public TrajectoryCommandController(CommandGateway commands, StepSender steps) {
        this.commands = commands;
        this.steps = steps;
    }

    /**
     * Starts a trajectory, as begun at the body's {@code occurredAt} (else now): no step of it can have happened
     * earlier. With an {@code Idempotency-Key}, a repeated request answers the same trajectory.
     */
    @PostMapping
    public ResponseEntity<TrajectoryCreated> start(@RequestBody StartTrajectoryRequest body,
            HttpServletRequest request) {
        Actor actor = steps.actor(request);
        requireOwnOrganisationAmongParties(actor, body);
        Instant occurredAt = steps.occurredAt(body.occurredAt());
        return steps.once(request, actor, TrajectoryCreated::new, idempotency -> {
            TrajectoryId id = TrajectoryId.random();
            commands.sendAndWait(StepSender.command(new StartTrajectory(id, body.title(), body.parties(),
                    body.playbookVersion(), null, actor, occurredAt), idempotency));
            return new IdempotencyStore.Outcome(null, null, HttpStatus.CREATED.value(), id.value(), 0,
                    "/api/trajectories/" + id);
        });
    }

    /** An actor who acts for an organisation can start only trajectories in which that organisation takes part. */
    private static void requireOwnOrganisationAmongParties(Actor actor, StartTrajectoryRequest body) {
        requireOwnOrganisationAmongParties(actor, body.parties());
    }

    static void requireOwnOrganisationAmongParties(Actor actor, List<Party> parties) {
        if (actor.organisation() == null || parties == null) {
            return;
        }
        boolean ownIsParty = parties.stream()
                .anyMatch(party -> party != null && actor.organisation().equals(party.organisationName()));
        if (!ownIsParty) {
            throw new InvalidValueException("parties", "must include your own organisation, "
                    + actor.organisation());
        }
    }
}
