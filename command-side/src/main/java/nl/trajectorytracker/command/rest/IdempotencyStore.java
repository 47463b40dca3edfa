package nl.trajectorytracker.command.rest;

import java.util.Optional;

/**
 * Remembers the outcome of every command request sent with an {@code Idempotency-Key}, per principal, so that a
 * repeated request has one effect and gets the same answer. A key is first claimed, then completed with the
 * outcome, or released when the request failed (so that it can be retried). The commit a request causes names its
 * key too ({@link #committed}): that is found even when the process died between the commit and the outcome.
 */
public interface IdempotencyStore {

    /**
     * The command metadata that names the key of the request (a hash of principal and key, {@link #keyId}) and its
     * fingerprint; the event store keeps both with the commit the command causes, one commit per key at most.
     */
    String KEY_METADATA = "idempotencyKey";
    String FINGERPRINT_METADATA = "idempotencyFingerprint";

    /** Claims the key for a request, or tells what became of the request that claimed it first. */
    Claim claim(String principal, String key, Request request);

    void complete(String principal, String key, Outcome outcome);

    void release(String principal, String key);

    /** Forgets the key and any outcome stored for it, as if it had never been claimed. */
    void forget(String principal, String key);

    /** The outcome of the commit that the request with this key id caused, if it caused one. */
    Optional<Outcome> committed(String keyId);

    /** The key's identity in the event store: principal and key, hashed, so neither is stored as given. */
    static String keyId(String principal, String key) {
        return RequestFingerprint.sha256(principal + '\u0000' + key);
    }

    /**
     * What identifies a request beside its key.
     *
     * @param line        method and path, such as {@code POST /api/trajectories/7/notes}
     * @param fingerprint a hash of method, path and the canonical body ({@link RequestFingerprint})
     */
    record Request(String line, String fingerprint) {

        /**
         * Whether an earlier request with the same key was this one; outcomes stored without a fingerprint match on
         * method and path.
         */
        public boolean sameAs(String earlierLine, String earlierFingerprint) {
            return earlierFingerprint != null ? earlierFingerprint.equals(fingerprint) : line.equals(earlierLine);
        }
    }

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
    record InProgress(String request, String fingerprint) implements Claim {
    }

    /**
     * What a command request answered.
     *
     * @param request      method and path of the request, or {@code null} when the outcome was read from a commit
     * @param fingerprint  the request's fingerprint, so a key reused for another request or body is detected
     * @param status       the HTTP status answered
     * @param trajectoryId the trajectory the command changed or created
     * @param version      the version of that trajectory after the command
     * @param location     the {@code Location} header answered, or {@code null}
     */
    record Outcome(String request, String fingerprint, int status, String trajectoryId, long version,
            String location) {
    }
}
