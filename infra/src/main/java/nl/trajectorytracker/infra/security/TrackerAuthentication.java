package nl.trajectorytracker.infra.security;

import java.util.List;

import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;

/** An authenticated {@link TrackerPrincipal}, with its role as the only authority. */
public final class TrackerAuthentication extends AbstractAuthenticationToken {

    private final TrackerPrincipal principal;

    public TrackerAuthentication(TrackerPrincipal principal) {
        super(List.of(new SimpleGrantedAuthority(principal.role().authority())));
        this.principal = principal;
        setAuthenticated(true);
    }

    @Override
    public Object getCredentials() {
        return "";
    }

    @Override
    public TrackerPrincipal getPrincipal() {
        return principal;
    }

    @Override
    public String getName() {
        return principal.name();
    }
}
