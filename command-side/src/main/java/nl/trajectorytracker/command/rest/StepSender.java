package nl.trajectorytracker.command.rest;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.Optional;
import java.util.function.BiFunction;

import jakarta.servlet.http.HttpServletRequest;

import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Component;

import nl.trajectorytracker.api.values.Actor;
import nl.trajectorytracker.api.values.DomainException;
import nl.trajectorytracker.api.values.ErrorCode;
import nl.trajectorytracker.api.values.InvalidValueException;
import nl.trajectorytracker.api.values.Moments;
import nl.trajectorytracker.api.values.Require;
import nl.trajectorytracker.api.values.TrajectoryId;
import nl.trajectorytracker.api.values.TrajectoryIds;

/**
 * What every command endpoint does around its command: the actor from the authenticated principal, when the step
 * happened (the body's {@code occurredAt}, else the clock), the expected version from {@code If-Match}, the new
 * version as {@code ETag}, and one effect per {@code Idempotency-Key}. When the step was recorded is the event
 * store's business, never the client's.
 */
@Component
public class StepSender {

    private static final Logger log = LoggerFactory.getLogger(StepSender.class);

    public static final String IDEMPOTENCY_KEY = "Idempotency-Key";
    public static final String REPLAYED = "Idempotent-Replayed";

    /**
     * How far after the server's clock a step's {@code occurredAt} may lie: the clocks of clients and server differ
     * a little, but a step cannot have happened in the future.
     */
    public static final Duration FUTURE_TOLERANCE = Duration.ofMinutes(5);

    /** Builds the command of one step from what the server supplies. */
    @FunctionalInterface
    public interface Step {
        Object command(TrajectoryId trajectory, Actor actor, Instant at, Long expectedVersion);
    }

    private final CommandGateway commands;
    private final Clock clock;
    private final ActorResolver actors;
    private final IdempotencyStore idempotency;

    public StepSender(CommandGateway commands, Clock clock, ActorResolver actors, IdempotencyStore idempotency) {
        this.commands = commands;
        this.clock = clock;
        this.actors = actors;
        this.idempotency = idempotency;
    }

    /**
     * Sends the step to the trajectory named by the path segment {@code id}, as happened when {@code body} says;
     * answers 200 with its new version.
     */
    public ResponseEntity<StepRecorded> send(String id, HttpServletRequest request, StepRequest body, Step step) {
        TrajectoryId trajectory = TrajectoryIds.fromPath(id);
        Actor actor = actors.actorOf(request);
        Long expectedVersion = IfMatch.expectedVersion(request.getHeader(IfMatch.HEADER));
        Instant occurredAt = occurredAt(body.occurredAt());
        return once(request, actor, StepRecorded::new, idempotency -> {
            Object result = commands.sendAndWait(command(step.command(trajectory, actor, occurredAt,
                    expectedVersion), idempotency));
            return new IdempotencyStore.Outcome(RequestFingerprint.line(request), null, HttpStatus.OK.value(),
                    trajectory.value(), ((Number) result).longValue(), null);
        });
    }

    public Actor actor(HttpServletRequest request) {
        return actors.actorOf(request);
    }

    public Instant now() {
        return clock.instant();
    }

    /** A command with the idempotency metadata of its request, which the event store keeps with the commit. */
    public static CommandMessage<?> command(Object command, Map<String, ?> idempotency) {
        return GenericCommandMessage.asCommandMessage(command).andMetaData(idempotency);
    }

    /** What a request does once it may run; the metadata names its idempotency key, empty without one. */
    @FunctionalInterface
    public interface Action {
        IdempotencyStore.Outcome run(Map<String, String> idempotency);
    }

    /**
     * When a step happened: {@code given} (a date, standing for its start in UTC, or a timestamp; see
     * {@link Moments}), or now when absent (a blank text is refused: it is not absent); to the millisecond, as every
     * moment the service keeps (MongoDB's dates are: a step at 23:59:59.999999999 read as 23:59:59.999 in the read
     * models and fell outside a filter from 23:59:59.9995 it met in the history). A moment more than
     * {@link #FUTURE_TOLERANCE} after now is refused
     * naming {@code occurredAt}.
     */
    public Instant occurredAt(String given) {
        Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS);
        if (given != null && given.isBlank()) {
            throw new InvalidValueException("occurredAt", "must be a date or a timestamp; leave it out for now");
        }
        Instant at = Moments.parse("occurredAt", given, Moments.DayEdge.START);
        if (at == null) {
            return now;
        }
        if (at.isAfter(now.plus(FUTURE_TOLERANCE))) {
            throw new InvalidValueException("occurredAt", "must not be in the future (it is " + now
                    + " on the server; up to " + FUTURE_TOLERANCE.toMinutes() + " minutes later is accepted)");
        }
        return at.truncatedTo(ChronoUnit.MILLIS);
    }

    /**
     * Runs {@code action} unless the same principal sent a request with the same {@code Idempotency-Key} before,
     * in which case that request's answer is given again; the same key with another method, path or body is refused
     * with 422. The key travels with the command into the commit it causes, where a unique index allows one commit
     * per key: a retry after a crash between the commit and the stored outcome, or a retry that raced the first
     * request, finds that commit and answers its outcome instead of running again. A failed request that committed
     * nothing releases its key, so a retry runs.
     */
    public <T> ResponseEntity<T> once(HttpServletRequest request, Actor actor, BiFunction<String, Long, T> body,
            Action action) {
        String key = Require.optionalText(IDEMPOTENCY_KEY, request.getHeader(IDEMPOTENCY_KEY), 200);
        if (key == null) {
            return answer(action.run(Map.of()), body, false);
        }
        IdempotencyStore.Request sent = new IdempotencyStore.Request(RequestFingerprint.line(request),
                RequestFingerprint.of(request));
        String keyId = IdempotencyStore.keyId(actor.principal(), key);
        IdempotencyStore.Claim claim = idempotency.claim(actor.principal(), key, sent);
        if (claim instanceof IdempotencyStore.Completed completed) {
            Optional<IdempotencyStore.Outcome> recorded = idempotency.committed(keyId);
            if (recorded.isPresent()) {
                // the commit is the authority: a stored outcome changed in the database answered 201 with a version
                // that never was, or another principal's answer for a step it never recorded
                IdempotencyStore.Outcome stored = completed.outcome();
                requireSameRequest(key, sent, stored.request(), recorded.get().fingerprint() != null
                        ? recorded.get().fingerprint() : stored.fingerprint());
                return answer(recorded.get(), body, true);
            }
            log.error("A stored outcome of an Idempotency-Key has no commit (changed in the database?): it is"
                    + " forgotten and the request runs");
            idempotency.forget(actor.principal(), key);
            claim = idempotency.claim(actor.principal(), key, sent);
        }
        Optional<IdempotencyStore.Outcome> committed = idempotency.committed(keyId);
        if (committed.isPresent()) {
            idempotency.complete(actor.principal(), key, committed.get());
            return replay(key, sent, committed.get(), body);
        }
        if (claim instanceof IdempotencyStore.InProgress inProgress) {
            requireSameRequest(key, sent, inProgress.request(), inProgress.fingerprint());
            throw new DomainException(ErrorCode.IDEMPOTENCY_KEY_IN_PROGRESS,
                    "A request with Idempotency-Key " + key + " is still being handled; try again shortly");
        }
        IdempotencyStore.Outcome outcome;
        try {
            outcome = action.run(Map.of(IdempotencyStore.KEY_METADATA, keyId,
                    IdempotencyStore.FINGERPRINT_METADATA, sent.fingerprint()));
        } catch (RuntimeException e) {
            Optional<IdempotencyStore.Outcome> raced = idempotency.committed(keyId);
            if (raced.isPresent()) {
                idempotency.complete(actor.principal(), key, raced.get());
                return replay(key, sent, raced.get(), body);
            }
            idempotency.release(actor.principal(), key);
            throw e;
        }
        outcome = new IdempotencyStore.Outcome(sent.line(), sent.fingerprint(), outcome.status(),
                outcome.trajectoryId(), outcome.version(), outcome.location());
        idempotency.complete(actor.principal(), key, outcome);
        return answer(outcome, body, false);
    }

    private static <T> ResponseEntity<T> replay(String key, IdempotencyStore.Request sent,
            IdempotencyStore.Outcome outcome, BiFunction<String, Long, T> body) {
        requireSameRequest(key, sent, outcome.request(), outcome.fingerprint());
        return answer(outcome, body, true);
    }

    private static void requireSameRequest(String key, IdempotencyStore.Request sent, String earlierLine,
            String earlierFingerprint) {
        if (!sent.sameAs(earlierLine, earlierFingerprint)) {
            throw new DomainException(ErrorCode.IDEMPOTENCY_KEY_REUSED, "Idempotency-Key " + key
                    + " was used for another request" + (earlierLine == null ? "" : " (" + earlierLine + ")")
                    + " or another body; use a new key for a new request");
        }
    }

    private static <T> ResponseEntity<T> answer(IdempotencyStore.Outcome outcome, BiFunction<String, Long, T> body,
            boolean replayed) {
        ResponseEntity.BodyBuilder response = ResponseEntity.status(outcome.status())
                .eTag(IfMatch.etag(outcome.version()));
        if (outcome.location() != null) {
            response.location(URI.create(outcome.location()));
        }
        if (replayed) {
            response.header(REPLAYED, "true");
        }
        return response.body(body.apply(outcome.trajectoryId(), outcome.version()));
    }
}
