package nl.trajectorytracker.infra.security;

import java.util.Collection;
import java.util.List;
import java.util.Optional;

import org.springframework.core.convert.converter.Converter;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.server.resource.InvalidBearerTokenException;

/**
 * Maps the claims of a JWT from the configured issuer to a {@link TrackerPrincipal}. The role claim may hold one
 * role or a list (the first known role wins); a negotiator must carry an organisation. A JWT without a usable role
 * is refused (401), because it does not identify a user of this system.
 */
public final class JwtPrincipalConverter implements Converter<Jwt, TrackerAuthentication> {

    private final TrackerSecurityProperties.Jwt claims;

    public JwtPrincipalConverter(TrackerSecurityProperties.Jwt claims) {
        this.claims = claims;
    }

    @Override
    public TrackerAuthentication convert(Jwt jwt) {
        Role role = roleOf(jwt.getClaim(claims.roleClaim()))
                .orElseThrow(() -> new InvalidBearerTokenException("The token carries no known role"));
        String name = jwt.getClaimAsString(claims.principalClaim());
        if (name == null || name.isBlank()) {
            throw new InvalidBearerTokenException("The token does not name its principal");
        }
        String organisation = role == Role.NEGOTIATOR ? jwt.getClaimAsString(claims.organisationClaim()) : null;
        if (role == Role.NEGOTIATOR && (organisation == null || organisation.isBlank())) {
            throw new InvalidBearerTokenException("A negotiator's token must carry an organisation");
        }
        List<String> studies = role == Role.RESEARCHER && jwt.hasClaim(claims.studiesClaim())
                ? jwt.getClaimAsStringList(claims.studiesClaim())
                : List.of();
        return new TrackerAuthentication(new TrackerPrincipal(jwt.getSubject() == null ? name : jwt.getSubject(),
                name.strip(), role, organisation == null ? null : organisation.strip(), studies));
    }

    private static Optional<Role> roleOf(Object claim) {
        if (claim instanceof String single) {
            return Role.parse(single);
        }
        if (claim instanceof Collection<?> many) {
            return many.stream().map(String::valueOf).map(Role::parse).flatMap(Optional::stream).findFirst();
        }
        return Optional.empty();
    }
}
