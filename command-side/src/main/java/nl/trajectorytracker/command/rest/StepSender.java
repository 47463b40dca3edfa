package nl.trajectorytracker.command.rest;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.function.BiFunction;
import java.util.function.Supplier;

import jakarta.servlet.http.HttpServletRequest;

import org.axonframework.commandhandling.gateway.CommandGateway;
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
        return once(request, actor, StepRecorded::new, () -> {
            Object result = commands.sendAndWait(step.command(trajectory, actor, occurredAt, expectedVersion));
            return new IdempotencyStore.Outcome(signature(request), HttpStatus.OK.value(), trajectory.value(),
                    ((Number) result).longValue(), null);
        });
    }

    public Actor actor(HttpServletRequest request) {
        return actors.actorOf(request);
    }

    public Instant now() {
        return clock.instant();
    }

    /**
     * When a step happened: {@code given} (a date, standing for its start in UTC, or a timestamp; see
     * {@link Moments}), or now when absent. A moment more than {@link #FUTURE_TOLERANCE} after now is refused
     * naming {@code occurredAt}.
     */
    public Instant occurredAt(String given) {
        Instant now = clock.instant();
        Instant at = Moments.parse("occurredAt", given, Moments.DayEdge.START);
        if (at == null) {
            return now;
        }
        if (at.isAfter(now.plus(FUTURE_TOLERANCE))) {
            throw new InvalidValueException("occurredAt", "must not be in the future (it is " + now
                    + " on the server; up to " + FUTURE_TOLERANCE.toMinutes() + " minutes later is accepted)");
        }
        return at;
    }

    /**
     * Runs {@code action} unless the same principal sent a request with the same {@code Idempotency-Key} before,
     * in which case that request's answer is given again. A failed request releases its key, so a retry runs.
     */
    public <T> ResponseEntity<T> once(HttpServletRequest request, Actor actor, BiFunction<String, Long, T> body,
            Supplier<IdempotencyStore.Outcome> action) {
        String key = Require.optionalText(IDEMPOTENCY_KEY, request.getHeader(IDEMPOTENCY_KEY), 200);
        if (key == null) {
            return answer(action.get(), body, false);
        }
        String signature = signature(request);
        IdempotencyStore.Claim claim = idempotency.claim(actor.principal(), key, signature);
        if (claim instanceof IdempotencyStore.Completed completed) {
            requireSameRequest(key, completed.outcome().request(), signature);
            return answer(completed.outcome(), body, true);
        }
        if (claim instanceof IdempotencyStore.InProgress inProgress) {
            requireSameRequest(key, inProgress.request(), signature);
            throw new DomainException(ErrorCode.IDEMPOTENCY_KEY_IN_PROGRESS,
                    "A request with Idempotency-Key " + key + " is still being handled; try again shortly");
        }
        IdempotencyStore.Outcome outcome;
        try {
            outcome = action.get();
        } catch (RuntimeException e) {
            idempotency.release(actor.principal(), key);
            throw e;
        }
        idempotency.complete(actor.principal(), key, outcome);
        return answer(outcome, body, false);
    }

    private static void requireSameRequest(String key, String earlier, String now) {
        if (!earlier.equals(now)) {
            throw new DomainException(ErrorCode.IDEMPOTENCY_KEY_REUSED,
                    "Idempotency-Key " + key + " was used for another request (" + earlier + ")");
        }
    }

    static String signature(HttpServletRequest request) {
        return request.getMethod() + " " + request.getRequestURI();
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
