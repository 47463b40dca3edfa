package nl.trajectorytracker.command.rest;

import java.util.Optional;

/**
 * Remembers the outcome of every command request sent with an {@code Idempotency-Key}, per principal, so that a
 * repeated request has one effect and gets the same answer.
 */
public interface IdempotencyStore {

    Optional<Outcome> find(String principal, String key);

    /** Stores the outcome; if another request stored one for the same key first, that one is kept. */
    void save(String principal, String key, Outcome outcome);

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
