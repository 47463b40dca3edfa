package nl.trajectorytracker.infra.security;

/** Tokens available now, refilled lazily from the time of the last look at the bucket. */
final class TokenBucket {

    private double tokens;
    private long updatedAt;

    TokenBucket(double tokens, long now) {
        this.tokens = tokens;
        this.updatedAt = now;
    }

    /** Takes a token and answers 0, or answers how many nanoseconds to wait for the next one. */
    synchronized long take(double perSecond, int burst, long now) {
        long wait = waitNanos(perSecond, burst, now);
        if (wait == 0) {
            tokens -= 1;
        }
        return wait;
    }

    /** Answers 0 if a token is there (without taking it), or how many nanoseconds to wait for one. */
    synchronized long waitNanos(double perSecond, int burst, long now) {
        tokens = Math.min(burst, tokens + (now - updatedAt) / 1e9 * perSecond);
        updatedAt = now;
        if (tokens >= 1) {
            return 0;
        }
        return (long) Math.ceil((1 - tokens) / perSecond * 1e9);
    }

    /** Whole seconds to wait, at least one, as a {@code Retry-After} header gives them. */
    static long retryAfterSeconds(long waitNanos) {
        return Math.max(1, (waitNanos + 999_999_999L) / 1_000_000_000L);
    }
}
