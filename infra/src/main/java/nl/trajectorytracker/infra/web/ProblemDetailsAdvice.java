package nl.trajectorytracker.infra.web;

import java.net.URI;
import java.util.List;

import org.apache.tomcat.util.http.InvalidParameterException;
import org.axonframework.commandhandling.CommandExecutionException;
import org.axonframework.eventsourcing.eventstore.EventStoreException;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.axonframework.modelling.command.AggregateStreamCreationException;
import org.axonframework.modelling.command.ConcurrencyException;
import org.axonframework.modelling.command.ConflictingAggregateVersionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.bind.MissingServletRequestParameterException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

import tools.jackson.core.JacksonException;
import tools.jackson.core.exc.StreamReadException;

import com.mongodb.MongoConnectionPoolClearedException;
import com.mongodb.MongoNodeIsRecoveringException;
import com.mongodb.MongoNotPrimaryException;
import com.mongodb.MongoSocketException;
import com.mongodb.MongoTimeoutException;

import nl.trajectorytracker.api.values.DomainException;
import nl.trajectorytracker.api.values.ErrorCode;
import nl.trajectorytracker.api.values.InvalidValueException;

/**
 * Every refusal leaves as an RFC 9457 problem detail whose {@code type} is a stable URN per error code. Bad input
 * is a 4xx that names the field; only a fault of ours is a 500, and it reveals nothing of the internals.
 */
@RestControllerAdvice
public class ProblemDetailsAdvice extends ResponseEntityExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(ProblemDetailsAdvice.class);
    /** Seconds a client is asked to wait before it tries again when the database is out of reach. */
    private static final String RETRY_AFTER_SECONDS = "5";
    private static final String SERVICE_UNAVAILABLE = "urn:trajectory-tracker:error:service-unavailable";
    /** How Jackson's parser begins its message about a name that comes twice in one object. */
    private static final String DUPLICATE_NAME = "Duplicate Object property";

    static HttpStatus statusOf(ErrorCode code) {
        return switch (code.kind()) {
            case VALIDATION -> HttpStatus.BAD_REQUEST;
            case NOT_FOUND -> HttpStatus.NOT_FOUND;
            case CONFLICT -> HttpStatus.CONFLICT;
            case PRECONDITION -> HttpStatus.PRECONDITION_FAILED;
            case FORBIDDEN -> HttpStatus.FORBIDDEN;
            case UNPROCESSABLE -> HttpStatus.UNPROCESSABLE_CONTENT;
        };
    }

    static ProblemDetail problem(ErrorCode code, String detail) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(statusOf(code), detail);
        problem.setType(URI.create(code.urn()));
        problem.setProperty("code", code.name());
        return problem;
    }

    static ProblemDetail invalid(String field, String detail) {
        ProblemDetail problem = problem(ErrorCode.INVALID_VALUE, detail);
        problem.setTitle("Invalid request");
        problem.setProperty("field", field);
        return problem;
    }

    @ExceptionHandler(InvalidValueException.class)
    ResponseEntity<ProblemDetail> invalidValue(InvalidValueException e) {
        return ResponseEntity.badRequest().body(invalid(e.field(), e.getMessage()));
    }

    @ExceptionHandler(DomainException.class)
    ResponseEntity<ProblemDetail> refused(DomainException e) {
        return ResponseEntity.status(statusOf(e.code())).body(problem(e.code(), e.getMessage()));
    }

    /**
     * An {@code If-Match} version that is not the current one: the client must reload before it decides again. Only
     * a caller who may see the trajectory gets here (access is decided first), so the answer names the current
     * version, as {@code ETag} and as {@code current_version}.
     */
    @ExceptionHandler(ConflictingAggregateVersionException.class)
    ResponseEntity<ProblemDetail> staleVersion(ConflictingAggregateVersionException e) {
        ProblemDetail problem = problem(ErrorCode.STALE_VERSION, "The trajectory is at version "
                + e.getActualVersion() + ", not " + e.getExpectedVersion() + "; reload it and try again");
        problem.setProperty("current_version", e.getActualVersion());
        return ResponseEntity.status(HttpStatus.PRECONDITION_FAILED).eTag("\"" + e.getActualVersion() + "\"")
                .body(problem);
    }

    @ExceptionHandler({ConcurrencyException.class, AggregateStreamCreationException.class})
    ResponseEntity<ProblemDetail> concurrentModification(RuntimeException e) {
        return ResponseEntity.status(HttpStatus.CONFLICT).body(problem(ErrorCode.CONCURRENT_MODIFICATION,
                "The trajectory was changed by another request at the same time; reload it and try again"));
    }

    @ExceptionHandler(AggregateNotFoundException.class)
    ResponseEntity<ProblemDetail> notFound(AggregateNotFoundException e) {
        return ResponseEntity.status(HttpStatus.NOT_FOUND)
                .body(problem(ErrorCode.TRAJECTORY_NOT_FOUND, "No trajectory with id " + e.getAggregateIdentifier()));
    }

    @ExceptionHandler(CommandExecutionException.class)
    ResponseEntity<ProblemDetail> commandFailed(CommandExecutionException e) {
        Throwable cause = e.getCause();
        if (cause instanceof InvalidValueException invalid) {
            return invalidValue(invalid);
        }
        if (cause instanceof ConflictingAggregateVersionException stale) {
            return staleVersion(stale);
        }
        if (cause instanceof DomainException domain) {
            return refused(domain);
        }
        if (cause instanceof ConcurrencyException concurrency) {
            return concurrentModification(concurrency);
        }
        return unexpected(e);
    }

    @ExceptionHandler(MethodArgumentTypeMismatchException.class)
    ResponseEntity<ProblemDetail> typeMismatch(MethodArgumentTypeMismatchException e) {
        return ResponseEntity.badRequest().body(invalid(e.getName(), e.getName() + ": has an invalid value"));
    }

    /** A query parameter that is not valid percent-encoding, found as the controller reads its parameters. */
    @ExceptionHandler(InvalidParameterException.class)
    ResponseEntity<ProblemDetail> undecodableParameter(InvalidParameterException e) {
        java.util.Map<String, Object> described = RequestEdgeFilter.invalidParameter(e);
        String field = (String) described.get("field");
        return ResponseEntity.badRequest().body(invalid(field, (String) described.get("detail")));
    }

    @ExceptionHandler(EventStoreException.class)
    ResponseEntity<ProblemDetail> storeUnavailable(EventStoreException e) {
        log.error("The event store refused a write", e);
        return unavailable("The event store could not record the step; nothing was written. Try again.");
    }

    /**
     * MongoDB out of reach (no server in time, a broken connection, a paused connection pool, no primary in the
     * replica set, a server that cannot take writes, a write concern not met): the client may try again, so a 503
     * with {@code Retry-After}, not a 500. The driver's exceptions reach here from our own stores, Spring Data's
     * translations of them from the read models; {@link #unexpected} finds them wrapped in others.
     */
    @ExceptionHandler({MongoTimeoutException.class, MongoSocketException.class, MongoNotPrimaryException.class,
            MongoNodeIsRecoveringException.class, MongoConnectionPoolClearedException.class,
            DataAccessResourceFailureException.class})
    ResponseEntity<ProblemDetail> databaseUnavailable(RuntimeException e) {
        log.error("MongoDB is out of reach", e);
        return unavailable("The database cannot be reached at the moment. Try again later.");
    }

    @ExceptionHandler(Exception.class)
    public ResponseEntity<ProblemDetail> unexpected(Exception e) {
        if (DatabaseUnavailable.causes(e)) {
            return databaseUnavailable(new DataAccessResourceFailureException(e.getMessage(), e));
        }
        log.error("Unexpected failure while handling a request", e);
        return ResponseEntity.internalServerError().body(typed(ProblemDetail.forStatusAndDetail(
                HttpStatus.INTERNAL_SERVER_ERROR, "An unexpected error occurred; it has been logged."),
                EdgeProblems.INTERNAL_ERROR, "INTERNAL_ERROR"));
    }

    private static ResponseEntity<ProblemDetail> unavailable(String detail) {
        return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE).header(HttpHeaders.RETRY_AFTER,
                RETRY_AFTER_SECONDS).body(typed(ProblemDetail.forStatusAndDetail(HttpStatus.SERVICE_UNAVAILABLE,
                        detail), SERVICE_UNAVAILABLE, "SERVICE_UNAVAILABLE"));
    }

    private static ProblemDetail typed(ProblemDetail problem, String type, String code) {
        problem.setType(URI.create(type));
        problem.setProperty("code", code);
        return problem;
    }

    /**
     * Spring MVC's own refusals (a method the path does not take, a media type it cannot read or write, a missing
     * parameter) come as problem details of type {@code about:blank}: they get the API's stable types and codes, as
     * every other error has.
     */
    @Override
    protected ResponseEntity<Object> handleExceptionInternal(Exception e, Object body, HttpHeaders headers,
            HttpStatusCode status, WebRequest request) {
        ResponseEntity<Object> answer = super.handleExceptionInternal(e, body, headers, status, request);
        if (answer != null && answer.getBody() instanceof ProblemDetail problem
                && (problem.getType() == null || "about:blank".equals(problem.getType().toString()))) {
            if (e instanceof MissingServletRequestParameterException missing) {
                ProblemDetail invalid = invalid(missing.getParameterName(), missing.getParameterName()
                        + ": is required");
                return ResponseEntity.status(invalid.getStatus()).headers(answer.getHeaders()).body(invalid);
            }
            switch (status.value()) {
                case 405 -> typed(problem, EdgeProblems.METHOD_NOT_ALLOWED, "METHOD_NOT_ALLOWED");
                case 406 -> typed(problem, EdgeProblems.NOT_ACCEPTABLE, "NOT_ACCEPTABLE");
                case 415 -> typed(problem, EdgeProblems.UNSUPPORTED_MEDIA_TYPE, "UNSUPPORTED_MEDIA_TYPE");
                case 400 -> typed(problem, EdgeProblems.MALFORMED_REQUEST, "MALFORMED_REQUEST");
                case 404 -> typed(problem, EdgeProblems.NOT_FOUND, "NOT_FOUND");
                default -> {
                    if (status.is5xxServerError()) {
                        typed(problem, EdgeProblems.INTERNAL_ERROR, "INTERNAL_ERROR");
                    }
                }
            }
        }
        return answer;
    }

    /** Unreadable JSON: name the field that broke it (its JSON path) and why. */
    @Override
    protected ResponseEntity<Object> handleHttpMessageNotReadable(HttpMessageNotReadableException e,
            HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        String path = null;
        InvalidValueException invalidValue = null;
        String twice = null;
        for (Throwable cause = e; cause != null && cause.getCause() != cause; cause = cause.getCause()) {
            if (cause instanceof JacksonException jackson && path == null) {
                path = jsonPath(jackson.getPath());
            }
            if (cause instanceof StreamReadException read && read.getOriginalMessage() != null
                    && read.getOriginalMessage().startsWith(DUPLICATE_NAME)) {
                // Duplicate Object property "text": the parser names the property, not its path
                String message = read.getOriginalMessage();
                int open = message.indexOf('"');
                int close = message.lastIndexOf('"');
                twice = open >= 0 && close > open ? message.substring(open + 1, close) : "body";
            }
            if (cause instanceof InvalidValueException invalid) {
                invalidValue = invalid;
            }
        }
        ProblemDetail problem;
        if (invalidValue != null) {
            String field = path == null || path.isEmpty() ? invalidValue.field()
                    : path.endsWith(invalidValue.field()) ? path : path + "." + invalidValue.field();
            problem = invalid(field, field + ": " + invalidValue.getMessage().substring(
                    invalidValue.field().length() + 2));
        } else if (twice != null) {
            problem = invalid(twice, twice + ": is named twice in one object");
        } else if (path != null && !path.isEmpty()) {
            problem = invalid(path, path + ": has a value of the wrong type or an unknown value");
        } else {
            problem = invalid("body", "The request body is missing or is not valid JSON");
        }
        return ResponseEntity.badRequest().body(problem);
    }

    private static String jsonPath(List<JacksonException.Reference> references) {
        StringBuilder path = new StringBuilder();
        for (JacksonException.Reference reference : references) {
            if (reference.getPropertyName() != null) {
                if (!path.isEmpty()) {
                    path.append('.');
                }
                path.append(reference.getPropertyName());
            } else if (reference.getIndex() >= 0) {
                path.append('[').append(reference.getIndex()).append(']');
            }
        }
        return path.toString();
    }
}
