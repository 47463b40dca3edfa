package nl.trajectorytracker.command.rest;

/**
 * Remembers the outcome of every command request sent with an {@code Idempotency-Key}, per principal, so that a
 * repeated request has one effect and gets the same answer. A key is first claimed, then completed with the
 * outcome, or released when the request failed (so that it can be retried).
 */
public interface IdempotencyStore {

    /** Claims the key for a request, or tells what became of the request that claimed it first. */
    Claim claim(String principal, String key, String request);

    void complete(String principal, String key, Outcome outcome);

    void release(String principal, String key);

    /** The answer to a claim. */
    sealed interface Claim permits Granted, Completed, InProgress {
    }

    /** The key is new: the request may run. */
    record Granted() implements Claim {
    }

    /** A request with this key completed with this outcome. */
    record Completed(Outcome outcome) implements Claim {
    }

    /** A request with this key is still running. */
    record InProgress(String request) implements Claim {
    }

    /**
     * What a command request answered.
     *
     * @param request      method and path of the request, so a key reused for another request is detected
     * @param status       the HTTP status answered
     * @param trajectoryId the trajectory the command changed or created
     * @param version      the version of that trajectory after the command
     * @param location     the {@code Location} header answered, or {@code null}
     */
    record Outcome(String request, int status, String trajectoryId, long version, String location) {
    }
}
