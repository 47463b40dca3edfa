package nl.trajectorytracker.infra.security;

import java.io.IOException;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Refuses credentials that were refused too often from one address: each request that carried an
 * {@code Authorization} header and was answered 401 takes a token from the bucket of its address and those
 * credentials, and while that bucket is empty the same credentials from that address answer 429 with
 * {@code Retry-After}, before they are looked at. The per-principal rate limit cannot do this: refused credentials
 * have no principal, and the request ends with its 401 before that limit is reached. Guessing an API token is
 * hopeless anyway (see {@link ApiTokens}); what this bounds is the work and the log lines of a client that sends a
 * wrong or revoked token in a loop. Keyed by the credentials too, not by the address alone: behind a proxy every
 * client has the proxy's address, and one broken client would otherwise lock out all the others. Only a SHA-256 of
 * the refused credentials is kept, in memory, per instance.
 */
public final class FailedAuthenticationThrottle extends OncePerRequestFilter {

    private final TokenBuckets failures;

    public FailedAuthenticationThrottle(double perMinute, int burst) {
        this.failures = new TokenBuckets(perMinute / 60, burst, "tracker.security.failed-authentication");
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String credentials = request.getHeader(HttpHeaders.AUTHORIZATION);
        if (credentials == null) {
            chain.doFilter(request, response);
            return;
        }
        // hashed only while some credentials were refused: a valid request does not pay for it otherwise
        String client = failures.isEmpty() ? null : clientOf(request, credentials);
        long waitNanos = client == null ? 0 : failures.waitNanos(client);
        if (waitNanos > 0) {
            TokenBuckets.refuse(request, response, waitNanos, "These credentials were refused too often");
            return;
        }
        chain.doFilter(request, response);
        if (response.getStatus() == HttpStatus.UNAUTHORIZED.value()) {
            failures.take(client != null ? client : clientOf(request, credentials));
        }
    }

    private static String clientOf(HttpServletRequest request, String credentials) {
        return request.getRemoteAddr() + " " + ApiTokens.hash(credentials);
    }
}
