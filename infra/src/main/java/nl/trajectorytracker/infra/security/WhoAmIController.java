package nl.trajectorytracker.infra.security;

import java.util.List;

import org.springframework.security.authentication.AuthenticationCredentialsNotFoundException;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Tells a caller who the service takes them to be, so a client can show it and offer only what the role reaches.
 * Reveals nothing the caller's own token does not already carry.
 */
@RestController
public class WhoAmIController {

    /**
     * The caller: the name recorded as actor on the events they cause, their role, the organisation of a negotiator
     * ({@code null} for every other role) and the studies of a researcher (empty for every other role).
     */
    public record Me(String name, Role role, String organisation, List<String> studies) {
    }

    @GetMapping("/api/me")
    public Me me() {
        Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
        if (authentication instanceof TrackerAuthentication tracker) {
            TrackerPrincipal principal = tracker.getPrincipal();
            return new Me(principal.name(), principal.role(), principal.organisation(), principal.studies());
        }
        throw new AuthenticationCredentialsNotFoundException("No authenticated principal");
    }
}
