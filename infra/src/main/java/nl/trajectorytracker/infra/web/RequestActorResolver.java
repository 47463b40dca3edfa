package nl.trajectorytracker.infra.web;

import java.security.Principal;

import jakarta.servlet.http.HttpServletRequest;

import org.springframework.stereotype.Component;

import nl.trajectorytracker.api.values.Actor;
import nl.trajectorytracker.command.rest.ActorResolver;

/** The actor on every event is the authenticated principal of the request. */
@Component
public class RequestActorResolver implements ActorResolver {

    @Override
    public Actor actorOf(HttpServletRequest request) {
        Principal principal = request.getUserPrincipal();
        return new Actor(principal == null ? "anonymous" : principal.getName(), null);
    }
}
