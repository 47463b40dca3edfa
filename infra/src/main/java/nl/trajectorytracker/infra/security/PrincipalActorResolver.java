package nl.trajectorytracker.infra.security;

import jakarta.servlet.http.HttpServletRequest;

import org.springframework.security.authentication.AuthenticationCredentialsNotFoundException;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Component;

import nl.trajectorytracker.api.values.Actor;
import nl.trajectorytracker.command.rest.ActorResolver;
import nl.trajectorytracker.query.access.ReadScope;
import nl.trajectorytracker.query.access.ReadScopeResolver;

/**
 * The actor on every event, and the scope of every read, come from the authenticated principal: its name and, for a
 * negotiator, its organisation. Nothing in a request body can change them.
 */
@Component
public class PrincipalActorResolver implements ActorResolver, ReadScopeResolver {

    @Override
    public Actor actorOf(HttpServletRequest request) {
        return principal().actor();
    }

    @Override
    public ReadScope scopeOf(HttpServletRequest request) {
        TrackerPrincipal principal = principal();
        return switch (principal.role()) {
            case NEGOTIATOR -> ReadScope.organisation(principal.organisation());
            case AUDITOR -> ReadScope.everything();
            case RESEARCHER, ADMIN -> throw new org.springframework.security.access.AccessDeniedException(
                    "Your role does not see trajectory content");
        };
    }

    private static TrackerPrincipal principal() {
        Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
        if (authentication instanceof TrackerAuthentication tracker) {
            return tracker.getPrincipal();
        }
        throw new AuthenticationCredentialsNotFoundException("No authenticated principal");
    }
}
