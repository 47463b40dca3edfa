package nl.trajectorytracker.infra.security;

import java.util.List;

import jakarta.servlet.http.HttpServletRequest;

import org.springframework.security.authentication.AuthenticationCredentialsNotFoundException;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Component;

import nl.trajectorytracker.query.research.ResearcherResolver;

/** The name and, for a researcher, the bound studies of the authenticated principal, for the research endpoints. */
@Component
public class ResearchAccessResolver implements ResearcherResolver {

    @Override
    public String nameOf(HttpServletRequest request) {
        return principal().name();
    }

    @Override
    public List<String> studiesOf(HttpServletRequest request) {
        TrackerPrincipal principal = principal();
        return principal.role() == Role.RESEARCHER ? principal.studies() : List.of();
    }

    private static TrackerPrincipal principal() {
        Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
        if (authentication instanceof TrackerAuthentication tracker) {
            return tracker.getPrincipal();
        }
        throw new AuthenticationCredentialsNotFoundException("No authenticated principal");
    }
}
