package nl.trajectorytracker.command.rest;

import java.net.URI;
import java.time.Clock;

import jakarta.servlet.http.HttpServletRequest;

import org.axonframework.commandhandling.gateway.CommandGateway;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import nl.trajectorytracker.api.commands.StartTrajectory;
import nl.trajectorytracker.api.values.Actor;
import nl.trajectorytracker.api.values.InvalidValueException;
import nl.trajectorytracker.api.values.TrajectoryId;

/** Command adapter: turns HTTP requests into commands, with time and actor supplied by the server. */
@RestController
@RequestMapping("/api/trajectories")
public class TrajectoryCommandController {

    private final CommandGateway commands;
    private final Clock clock;
    private final ActorResolver actors;

    public TrajectoryCommandController(CommandGateway commands, Clock clock, ActorResolver actors) {
        this.commands = commands;
        this.clock = clock;
        this.actors = actors;
    }

    @PostMapping
    public ResponseEntity<TrajectoryCreated> start(@RequestBody StartTrajectoryRequest body,
            HttpServletRequest request) {
        Actor actor = actors.actorOf(request);
        requireOwnOrganisationAmongParties(actor, body);
        TrajectoryId id = TrajectoryId.random();
        commands.sendAndWait(new StartTrajectory(id, body.title(), body.parties(), actor, clock.instant()));
        return ResponseEntity.created(URI.create("/api/trajectories/" + id))
                .eTag("\"0\"")
                .body(new TrajectoryCreated(id.value(), 0));
    }

    /** An actor who acts for an organisation can start only trajectories in which that organisation takes part. */
    private static void requireOwnOrganisationAmongParties(Actor actor, StartTrajectoryRequest body) {
        if (actor.organisation() == null || body.parties() == null) {
            return;
        }
        boolean ownIsParty = body.parties().stream()
                .anyMatch(party -> party != null && actor.organisation().equals(party.organisationName()));
        if (!ownIsParty) {
            throw new InvalidValueException("parties", "must include your own organisation, "
                    + actor.organisation());
        }
    }
}
