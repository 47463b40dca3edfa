package nl.trajectorytracker.infra.security;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * Settings under {@code tracker.security}.
 *
 * @param jwt         where role, organisation, studies and the principal's name are found in a JWT
 * @param maxBodySize the largest request body accepted; larger ones get 413
 * @param rateLimit   the per-principal token bucket; exceeding it gets 429
 * @param failedAuthentication the bucket of refused credentials per address and credentials; emptying it gets 429
 */
@ConfigurationProperties("tracker.security")
public record TrackerSecurityProperties(
        @DefaultValue Jwt jwt,
        @DefaultValue("1MB") DataSize maxBodySize,
        @DefaultValue RateLimit rateLimit,
        @DefaultValue FailedAuthentication failedAuthentication) {

    public record Jwt(
            @DefaultValue("role") String roleClaim,
            @DefaultValue("organisation") String organisationClaim,
            @DefaultValue("studies") String studiesClaim,
            @DefaultValue("sub") String principalClaim) {
    }

    /**
     * @param enabled           whether requests are limited at all
     * @param requestsPerSecond the sustained rate per principal
     * @param burst             how many requests a principal may send at once
     */
    public record RateLimit(
            @DefaultValue("true") boolean enabled,
            @DefaultValue("50") double requestsPerSecond,
            @DefaultValue("100") int burst) {
    }

    /**
     * @param enabled   whether refused credentials are counted at all
     * @param perMinute how many refusals of the same credentials from one address are forgiven a minute
     * @param burst     how many times the same credentials may be refused from one address before they wait
     */
    public record FailedAuthentication(
            @DefaultValue("true") boolean enabled,
            @DefaultValue("10") double perMinute,
            @DefaultValue("20") int burst) {
    }
}
