package nl.trajectorytracker.infra.security;

import java.io.IOException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;

/**
 * Token buckets by key, in memory, all at one rate and burst: a bucket starts full, refills lazily from the time of
 * the last look at it, and an empty one is answered 429 with {@code Retry-After}. Past
 * {@value #MAX_TRACKED} keys every bucket is forgotten (they refill within a burst's time anyway), so a stream of
 * new keys cannot grow the map without bound.
 */
final class TokenBuckets {

    private static final int MAX_TRACKED = 50_000;

    private final double perSecond;
    private final int burst;
    private final ConcurrentMap<String, Bucket> buckets = new ConcurrentHashMap<>();

    /** @param property the configuration that gave the rate and burst, named when they are not positive */
    TokenBuckets(double perSecond, int burst, String property) {
        if (!(perSecond > 0) || burst < 1) {
            throw new IllegalArgumentException(property + " needs a positive rate and burst");
        }
        this.perSecond = perSecond;
        this.burst = burst;
    }

    /** Takes a token from {@code key}'s bucket and answers 0, or answers how many nanoseconds to wait for one. */
    long take(String key) {
        if (buckets.size() > MAX_TRACKED) {
            buckets.clear();
        }
        return buckets.computeIfAbsent(key, ignored -> new Bucket(burst, System.nanoTime()))
                .take(perSecond, burst, System.nanoTime());
    }

    /** Answers 0 if {@code key}'s bucket has a token (without taking it), or how many nanoseconds to wait for one. */
    long waitNanos(String key) {
        Bucket bucket = buckets.get(key);
        return bucket == null ? 0 : bucket.waitNanos(perSecond, burst, System.nanoTime());
    }

    /** Whether no key has a bucket: nothing was taken since the start or since they were last forgotten. */
    boolean isEmpty() {
        return buckets.isEmpty();
    }

    /** Answers 429 with the whole seconds to wait (at least one) in {@code Retry-After} and in the detail. */
    static void refuse(HttpServletRequest request, HttpServletResponse response, long waitNanos, String why)
            throws IOException {
        long seconds = Math.max(1, (waitNanos + 999_999_999L) / 1_000_000_000L);
        response.setHeader(HttpHeaders.RETRY_AFTER, Long.toString(seconds));
        Problems.write(request, response, HttpStatus.TOO_MANY_REQUESTS, Problems.RATE_LIMITED, "RATE_LIMITED",
                why + "; try again in " + seconds + " s");
    }

    /** Tokens available now, refilled lazily from the time of the last look at the bucket. */
    private static final class Bucket {

        private double tokens;
        private long updatedAt;

        Bucket(double tokens, long now) {
            this.tokens = tokens;
            this.updatedAt = now;
        }

        synchronized long take(double perSecond, int burst, long now) {
            long wait = waitNanos(perSecond, burst, now);
            if (wait == 0) {
                tokens -= 1;
            }
            return wait;
        }

        synchronized long waitNanos(double perSecond, int burst, long now) {
            tokens = Math.min(burst, tokens + (now - updatedAt) / 1e9 * perSecond);
            updatedAt = now;
            if (tokens >= 1) {
                return 0;
            }
            return (long) Math.ceil((1 - tokens) / perSecond * 1e9);
        }
    }
}
