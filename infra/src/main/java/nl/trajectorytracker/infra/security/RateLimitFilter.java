package nl.trajectorytracker.infra.security;

import java.io.IOException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.http.HttpStatus;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * A token bucket per principal (per remote address for anonymous callers), in memory: each request takes a token,
 * tokens refill at the configured rate up to the burst size, and an empty bucket answers 429 with
 * {@code Retry-After}. Per instance; several instances each allow the rate.
 */
public final class RateLimitFilter extends OncePerRequestFilter {

    private static final int MAX_TRACKED = 50_000;

    private final double perSecond;
    private final int burst;
    private final ConcurrentMap<String, TokenBucket> buckets = new ConcurrentHashMap<>();

    public RateLimitFilter(double perSecond, int burst) {
        if (perSecond <= 0 || burst < 1) {
            throw new IllegalArgumentException("tracker.security.rate-limit needs a positive rate and burst");
        }
        this.perSecond = perSecond;
        this.burst = burst;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        if (buckets.size() > MAX_TRACKED) {
            buckets.clear();
        }
        TokenBucket bucket = buckets.computeIfAbsent(keyOf(request), key -> new TokenBucket(burst, System.nanoTime()));
        long waitNanos = bucket.take(perSecond, burst, System.nanoTime());
        if (waitNanos > 0) {
            long seconds = TokenBucket.retryAfterSeconds(waitNanos);
            response.setHeader("Retry-After", Long.toString(seconds));
            Problems.write(request, response, HttpStatus.TOO_MANY_REQUESTS, Problems.RATE_LIMITED, "RATE_LIMITED",
                    "Too many requests; try again in " + seconds + " s");
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
