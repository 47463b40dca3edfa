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
        TrajectoryId id = TrajectoryId.random();
        commands.sendAndWait(new StartTrajectory(id, body.title(), body.parties(), actors.actorOf(request),
                clock.instant()));
        return ResponseEntity.created(URI.create("/api/trajectories/" + id))
                .eTag("\"0\"")
                .body(new TrajectoryCreated(id.value(), 0));
    }
}
