package nl.trajectorytracker.infra.security;

import java.io.IOException;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * A token bucket per principal (per remote address for anonymous callers), in memory: each request takes a token,
 * tokens refill at the configured rate up to the burst size, and an empty bucket answers 429 with
 * {@code Retry-After}. Per instance; several instances each allow the rate.
 */
public final class RateLimitFilter extends OncePerRequestFilter {

    private final TokenBuckets buckets;

    public RateLimitFilter(double perSecond, int burst) {
        this.buckets = new TokenBuckets(perSecond, burst, "tracker.security.rate-limit");
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        long waitNanos = buckets.take(keyOf(request));
        if (waitNanos > 0) {
            TokenBuckets.refuse(request, response, waitNanos, "Too many requests");
            return;
        }
        chain.doFilter(request, response);
    }

    private static String keyOf(HttpServletRequest request) {
        Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
        if (authentication instanceof TrackerAuthentication tracker) {
            return "principal:" + tracker.getPrincipal().id();
        }
        return "address:" + request.getRemoteAddr();
    }
}
