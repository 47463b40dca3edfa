package nl.trajectorytracker.infra.web;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.apache.tomcat.util.http.InvalidParameterException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.InvalidMediaTypeException;
import org.springframework.http.MediaType;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Refuses, as problem details, what would otherwise fail deep inside the framework: a {@code Content-Type} that is
 * no media type or a wildcard ({@code *}{@code /*}, {@code application/*}) is {@code 415} before anything reads the
 * body, and so is a body that is not {@code application/json} in UTF-8 (every operation takes that alone; Jackson
 * would read {@code application/merge-patch+json} too) or that comes with a {@code Content-Encoding} (it would be read
 * as if not encoded); an {@code Accept} that lists no readable media type is {@code 406}, and so is a write (every
 * one answers {@code application/json} in UTF-8) whose {@code Accept} does not allow that, before it writes
 * anything: the framework found out only when it wrote the answer, after the step was recorded. A range with a
 * parameter the service does not know ({@code application/json;v=2}) is left out of what the framework negotiates
 * ({@code 406} when nothing else is left). A query or form
 * parameter that is not valid percent-encoding is {@code 400} naming it, wherever it is first read.
 */
public class RequestEdgeFilter extends OncePerRequestFilter {

    private static final Pattern PARAMETER = Pattern.compile("Parameter \\[([^\\]]{0,100})\\]");

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        if (Collections.list(request.getHeaders(HttpHeaders.AUTHORIZATION)).size() > 1) {
            // a proxy that reads the last of two would let one caller through as another
            write(request, response, EdgeProblems.problem(HttpStatus.BAD_REQUEST.value(),
                    EdgeProblems.MALFORMED_REQUEST, "MALFORMED_REQUEST",
                    "Authorization must be given once", null));
            return;
        }
        String contentType = request.getContentType();
        if (contentType != null && !isConcrete(contentType)) {
            write(request, response, EdgeProblems.problem(HttpStatus.UNSUPPORTED_MEDIA_TYPE.value(),
                    EdgeProblems.UNSUPPORTED_MEDIA_TYPE, "UNSUPPORTED_MEDIA_TYPE",
                    "Content-Type must be one media type such as application/json, not a pattern", null));
            return;
        }
        String refused = refusedBody(request, contentType);
        if (refused != null) {
            write(request, response, EdgeProblems.problem(HttpStatus.UNSUPPORTED_MEDIA_TYPE.value(),
                    EdgeProblems.UNSUPPORTED_MEDIA_TYPE, "UNSUPPORTED_MEDIA_TYPE", refused, null));
            return;
        }
        String accept = request.getHeader(HttpHeaders.ACCEPT);
        if (accept != null && !isReadable(accept)) {
            write(request, response, EdgeProblems.problem(HttpStatus.NOT_ACCEPTABLE.value(),
                    EdgeProblems.NOT_ACCEPTABLE, "NOT_ACCEPTABLE",
                    "Accept must list media types such as application/json", null));
            return;
        }
        if (accept != null && isWrite(request) && !acceptsJson(accept)) {
            write(request, response, EdgeProblems.problem(HttpStatus.NOT_ACCEPTABLE.value(),
                    EdgeProblems.NOT_ACCEPTABLE, "NOT_ACCEPTABLE",
                    "A write is answered as application/json (UTF-8), which Accept does not allow; nothing was written",
                    null));
            return;
        }
        HttpServletRequest served = request;
        if (accept != null) {
            String known = servedRanges(accept);
            if (known.isEmpty()) {
                write(request, response, EdgeProblems.problem(HttpStatus.NOT_ACCEPTABLE.value(),
                        EdgeProblems.NOT_ACCEPTABLE, "NOT_ACCEPTABLE", "Accept asks only for media types with"
                                + " parameters the service does not answer with (" + abbreviated(accept) + ")", null));
                return;
            }
            if (!known.equals(accept)) {
                served = withAccept(request, known);
            }
        }
        try {
            String repeated = repeatedParameter(served);
            if (repeated != null) {
                // ?size=1&size=2: the service read the first, a proxy or a cache may read the last
                write(request, response, invalid(repeated, repeated + ": is given more than once"));
                return;
            }
            chain.doFilter(served, response);
        } catch (InvalidParameterException e) {
            write(request, response, invalidParameter(e));
        } catch (HttpMessageNotReadableException e) {
            write(request, response, EdgeProblems.problem(HttpStatus.BAD_REQUEST.value(),
                    "urn:trajectory-tracker:error:invalid-value", "INVALID_VALUE",
                    "The request body cannot be read", null));
        }
    }

    /** A query parameter given more than once (no operation takes a list of values in one), or null. */
    private static String repeatedParameter(HttpServletRequest request) {
        if (request.getQueryString() == null) {
            return null;
        }
        for (Map.Entry<String, String[]> parameter : request.getParameterMap().entrySet()) {
            if (parameter.getValue().length > 1) {
                return parameter.getKey();
            }
        }
        return null;
    }

    private static boolean isWrite(HttpServletRequest request) {
        String method = request.getMethod();
        return "POST".equals(method) || "PUT".equals(method) || "PATCH".equals(method) || "DELETE".equals(method);
    }

    /**
     * Why a request's body cannot be read as the operations take it, or null: a body must be {@code application/json},
     * in UTF-8 if a charset is named, and not encoded. A request without a body may name any concrete type.
     */
    static String refusedBody(HttpServletRequest request, String contentType) {
        boolean body = request.getContentLengthLong() > 0 || request.getHeader(HttpHeaders.TRANSFER_ENCODING) != null;
        if (!body) {
            return null;
        }
        String encoding = request.getHeader(HttpHeaders.CONTENT_ENCODING);
        if (encoding != null && !encoding.isBlank() && !encoding.trim().equalsIgnoreCase("identity")) {
            return "Content-Encoding " + abbreviated(encoding) + " is not taken: send the body as it is";
        }
        if (contentType == null) {
            return null;
        }
        MediaType type = MediaType.parseMediaType(contentType);
        if (!type.equalsTypeAndSubtype(MediaType.APPLICATION_JSON) || !onlyUtf8(type)) {
            return "Content-Type must be application/json (UTF-8), not " + abbreviated(contentType);
        }
        return null;
    }

    /**
     * Whether a write's answer, {@code application/json} in UTF-8, is acceptable, decided before anything is written.
     * A range with another parameter than {@code q} and a UTF-8 {@code charset} ({@code application/json;v=2}) asks
     * for something else.
     */
    static boolean acceptsJson(String accept) {
        for (MediaType type : MediaType.parseMediaTypes(accept)) {
            if (type.getQualityValue() > 0 && MediaType.APPLICATION_JSON.isCompatibleWith(type)
                    && (type.isWildcardType() || type.isWildcardSubtype() || onlyUtf8(type))) {
                return true;
            }
        }
        return false;
    }

    /**
     * The ranges of {@code Accept} that the service can answer with as named: those with another parameter than
     * {@code q} and a UTF-8 {@code charset} ({@code application/json;v=2}) ask for something it does not have. The
     * framework matched them to {@code application/json} and answered {@code Content-Type: application/json;v=2},
     * claiming a version that does not exist.
     */
    static String servedRanges(String accept) {
        java.util.List<MediaType> ranges = MediaType.parseMediaTypes(accept);
        java.util.List<MediaType> known = ranges.stream().filter(RequestEdgeFilter::onlyUtf8).toList();
        return known.size() == ranges.size() ? accept : MediaType.toString(known);
    }

    private static HttpServletRequest withAccept(HttpServletRequest request, String accept) {
        return new jakarta.servlet.http.HttpServletRequestWrapper(request) {
            @Override
            public String getHeader(String name) {
                return HttpHeaders.ACCEPT.equalsIgnoreCase(name) ? accept : super.getHeader(name);
            }

            @Override
            public java.util.Enumeration<String> getHeaders(String name) {
                return HttpHeaders.ACCEPT.equalsIgnoreCase(name) ? Collections.enumeration(java.util.List.of(accept))
                        : super.getHeaders(name);
            }
        };
    }

    /** Whether a media type names no parameter but {@code q} and a UTF-8 {@code charset}. */
    private static boolean onlyUtf8(MediaType type) {
        for (Map.Entry<String, String> parameter : type.getParameters().entrySet()) {
            String name = parameter.getKey().toLowerCase(java.util.Locale.ROOT);
            boolean utf8 = name.equals("charset") && unquoted(parameter.getValue()).equalsIgnoreCase("utf-8");
            if (!utf8 && !name.equals("q")) {
                return false;
            }
        }
        return true;
    }

    private static String unquoted(String value) {
        return value.length() >= 2 && value.startsWith("\"") && value.endsWith("\"")
                ? value.substring(1, value.length() - 1) : value;
    }

    private static String abbreviated(String text) {
        return text.length() <= 100 ? text : text.substring(0, 100) + "...";
    }

    private static boolean isReadable(String accept) {
        try {
            MediaType.parseMediaTypes(accept);
            return true;
        } catch (InvalidMediaTypeException e) {
            return false;
        }
    }

    static boolean isConcrete(String contentType) {
        try {
            MediaType type = MediaType.parseMediaType(contentType);
            return !type.isWildcardType() && !type.isWildcardSubtype();
        } catch (InvalidMediaTypeException e) {
            return false;
        }
    }

    /** A parameter Tomcat could not decode: 400 naming it (its name as Tomcat quotes it, when it can be read). */
    static Map<String, Object> invalidParameter(InvalidParameterException e) {
        Matcher named = PARAMETER.matcher(String.valueOf(e.getMessage()));
        String field = named.find() ? named.group(1) : "query";
        return invalid(field, field + ": is not valid percent-encoding (UTF-8)");
    }

    /** A 400 {@code invalid-value} naming the parameter. */
    private static Map<String, Object> invalid(String field, String detail) {
        Map<String, Object> problem = EdgeProblems.problem(HttpStatus.BAD_REQUEST.value(),
                "urn:trajectory-tracker:error:invalid-value", "INVALID_VALUE", detail, null);
        problem.put("title", "Invalid request");
        problem.put("field", field);
        return problem;
    }

    private static void write(HttpServletRequest request, HttpServletResponse response, Map<String, Object> problem)
            throws IOException {
        if (response.isCommitted()) {
            return;
        }
        problem.putIfAbsent("instance", request.getRequestURI());
        response.resetBuffer();
        response.setStatus((Integer) problem.get("status"));
        response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        response.setCharacterEncoding(StandardCharsets.UTF_8.name());
        response.getWriter().write(EdgeProblems.json(problem));
    }
}
