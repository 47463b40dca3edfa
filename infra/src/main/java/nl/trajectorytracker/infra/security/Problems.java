package nl.trajectorytracker.infra.security;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.access.AccessDeniedHandler;

import tools.jackson.databind.json.JsonMapper;

/**
 * Writes the refusals that happen before a controller is reached (401, 403, 413, 429) as RFC 9457 problem details,
 * like every other error of the API.
 */
public final class Problems implements AuthenticationEntryPoint, AccessDeniedHandler {

    public static final String UNAUTHENTICATED = "urn:trajectory-tracker:error:unauthenticated";
    public static final String FORBIDDEN = "urn:trajectory-tracker:error:forbidden";
    public static final String PAYLOAD_TOO_LARGE = "urn:trajectory-tracker:error:payload-too-large";
    public static final String RATE_LIMITED = "urn:trajectory-tracker:error:rate-limited";

    private static final JsonMapper JSON = JsonMapper.builder().build();

    @Override
    public void commence(HttpServletRequest request, HttpServletResponse response,
            AuthenticationException authException) throws IOException {
        response.setHeader("WWW-Authenticate", "Bearer");
        write(request, response, HttpStatus.UNAUTHORIZED, UNAUTHENTICATED, "UNAUTHENTICATED",
                "A valid bearer token is required");
    }

    @Override
    public void handle(HttpServletRequest request, HttpServletResponse response,
            AccessDeniedException accessDeniedException) throws IOException {
        write(request, response, HttpStatus.FORBIDDEN, FORBIDDEN, "FORBIDDEN",
                "Your role does not allow this request");
    }

    public static void write(HttpServletRequest request, HttpServletResponse response, HttpStatus status,
            String type, String code, String detail) throws IOException {
        write(request, response, status, type, code, detail, Map.of());
    }

    /** The same, with more members (such as the {@code field} of an invalid value). */
    public static void write(HttpServletRequest request, HttpServletResponse response, HttpStatus status,
            String type, String code, String detail, Map<String, Object> more) throws IOException {
        if (response.isCommitted()) {
            return;
        }
        Map<String, Object> problem = new LinkedHashMap<>();
        problem.put("type", type);
        problem.put("title", status.getReasonPhrase());
        problem.put("status", status.value());
        problem.put("detail", detail);
        problem.put("instance", request.getRequestURI());
        problem.put("code", code);
        problem.putAll(more);
        response.setStatus(status.value());
        response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        response.setCharacterEncoding("UTF-8");
        response.getWriter().write(JSON.writeValueAsString(problem));
        response.getWriter().flush();
    }
}
