package nl.trajectorytracker.infra.web;

import java.util.LinkedHashMap;
import java.util.Map;

import org.springframework.http.HttpStatus;

import tools.jackson.databind.json.JsonMapper;

import nl.trajectorytracker.infra.security.Problems;

/**
 * The problem details of refusals made before a controller is reached: by the servlet container (a request line,
 * path or header it cannot read), by the error dispatch, or by the guards in front of the application. Every one is
 * {@code application/problem+json} with a stable {@code type}, like every other error of the API.
 */
final class EdgeProblems {

    static final String MALFORMED_REQUEST = "urn:trajectory-tracker:error:malformed-request";
    static final String UNSUPPORTED_MEDIA_TYPE = "urn:trajectory-tracker:error:unsupported-media-type";
    static final String NOT_ACCEPTABLE = "urn:trajectory-tracker:error:not-acceptable";
    static final String NOT_FOUND = "urn:trajectory-tracker:error:not-found";
    static final String METHOD_NOT_ALLOWED = "urn:trajectory-tracker:error:method-not-allowed";
    static final String INTERNAL_ERROR = "urn:trajectory-tracker:error:internal-error";
    static final String EXPECTATION_FAILED = "urn:trajectory-tracker:error:expectation-failed";

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private EdgeProblems() {
    }

    /** The problem for a status the application did not describe itself. */
    static Map<String, Object> forStatus(int status, String instance) {
        HttpStatus known = HttpStatus.resolve(status);
        String type;
        String code;
        String detail;
        if (status == 400) {
            type = MALFORMED_REQUEST;
            code = "MALFORMED_REQUEST";
            detail = "The request cannot be read: its request line, path, query or headers are malformed or too "
                    + "large";
        } else if (status == 404) {
            type = NOT_FOUND;
            code = "NOT_FOUND";
            detail = "There is nothing at this path";
        } else if (status == 405) {
            type = METHOD_NOT_ALLOWED;
            code = "METHOD_NOT_ALLOWED";
            detail = "This path does not take this method";
        } else if (status == 413) {
            type = Problems.PAYLOAD_TOO_LARGE;
            code = "PAYLOAD_TOO_LARGE";
            detail = "The request is too large";
        } else if (status == 417) {
            // the container refuses an Expect other than 100-continue before anything else reads the request
            type = EXPECTATION_FAILED;
            code = "EXPECTATION_FAILED";
            detail = "Expect may only be 100-continue";
        } else if (status >= 500) {
            type = INTERNAL_ERROR;
            code = "INTERNAL_ERROR";
            detail = "An unexpected error occurred; it has been logged.";
        } else {
            type = "about:blank";
            code = known == null ? "HTTP_" + status : known.name();
            detail = known == null ? "The request was refused" : known.getReasonPhrase();
        }
        return problem(status, type, code, detail, instance);
    }

    static Map<String, Object> problem(int status, String type, String code, String detail, String instance) {
        HttpStatus known = HttpStatus.resolve(status);
        Map<String, Object> problem = new LinkedHashMap<>();
        problem.put("type", type);
        problem.put("title", known == null ? "Error" : known.getReasonPhrase());
        problem.put("status", status);
        problem.put("detail", detail);
        if (instance != null) {
            problem.put("instance", instance);
        }
        problem.put("code", code);
        return problem;
    }

    static String json(Map<String, Object> problem) {
        return JSON.writeValueAsString(problem);
    }
}
