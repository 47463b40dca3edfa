package nl.trajectorytracker.infra.security;

import java.net.URI;

import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/** Refusals raised inside a controller (a defence in depth behind the URL rules) leave as 401/403 problems. */
@RestControllerAdvice
@Order(Ordered.HIGHEST_PRECEDENCE)
public class SecurityProblemsAdvice {

    @ExceptionHandler(AccessDeniedException.class)
    ResponseEntity<ProblemDetail> forbidden(AccessDeniedException e) {
        return problem(HttpStatus.FORBIDDEN, Problems.FORBIDDEN, "FORBIDDEN", "Your role does not allow this request");
    }

    @ExceptionHandler(AuthenticationException.class)
    ResponseEntity<ProblemDetail> unauthenticated(AuthenticationException e) {
        return problem(HttpStatus.UNAUTHORIZED, Problems.UNAUTHENTICATED, "UNAUTHENTICATED",
                "A valid bearer token is required");
    }

    private static ResponseEntity<ProblemDetail> problem(HttpStatus status, String type, String code,
            String detail) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
        problem.setType(URI.create(type));
        problem.setProperty("code", code);
        return ResponseEntity.status(status).body(problem);
    }
}
