package nl.trajectorytracker.command.rest;

import jakarta.servlet.http.HttpServletRequest;

import nl.trajectorytracker.api.values.Actor;

/** Turns the authenticated principal of a request into the {@link Actor} recorded on events. */
@FunctionalInterface
public interface ActorResolver {

    Actor actorOf(HttpServletRequest request);
}
