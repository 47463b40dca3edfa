package nl.trajectorytracker.infra.openapi;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

import com.atlassian.oai.validator.OpenApiInteractionValidator;
import com.atlassian.oai.validator.model.Request;
import com.atlassian.oai.validator.model.SimpleRequest;
import com.atlassian.oai.validator.model.SimpleResponse;
import com.atlassian.oai.validator.report.ValidationReport;

import nl.trajectorytracker.infra.RunningTracker;

/**
 * Checks requests and answers against the OpenAPI document the tracker serves, in process, as a validating proxy
 * in front of it would (Atlassian's {@code swagger-request-validator}): the operation exists, the parameters,
 * headers and body of the request are as described, and the answer's status, headers, media type and body are among
 * those the operation describes. Every violation is kept, with the exchange it was found in.
 *
 * <p>The validator's releases for Java 17 read OpenAPI 3.0 schemas (JSON Schema draft 4), so the served 3.1
 * document is given to it in 3.0 terms ({@link OpenApi30}): the same constraints, {@code null} said with
 * {@code nullable}.
 */
public final class ContractValidator implements Consumer<RunningTracker.Exchange> {

    private final OpenApiInteractionValidator validator;
    private final List<String> violations = Collections.synchronizedList(new ArrayList<>());
    private final AtomicInteger checked = new AtomicInteger();
    private final ThreadLocal<Boolean> answersOnly = ThreadLocal.withInitial(() -> false);

    private ContractValidator(String document) {
        this.validator = OpenApiInteractionValidator.createForInlineApiSpecification(OpenApi30.of(document))
                .build();
    }

    /** A validator of the document the tracker serves now. */
    public static ContractValidator of(RunningTracker tracker) {
        RunningTracker.Response document = tracker.anonymous().get("/v3/api-docs");
        assertThat(document.status()).as(document.body()).isEqualTo(200);
        return new ContractValidator(document.body());
    }

    /** A validator of the served document that checks every request a client of the tracker sends from now on. */
    public static ContractValidator listeningTo(RunningTracker tracker) {
        ContractValidator validator = of(tracker);
        tracker.listen(validator);
        return validator;
    }

    /**
     * Checks a request and its answer; within {@link #onlyAnswers} only the answer, against the operation the
     * request's method and path name.
     */
    @Override
    public void accept(RunningTracker.Exchange exchange) {
        if (answersOnly.get()) {
            String path = exchange.pathAndQuery().split("\\?", 2)[0];
            checkAnswer(exchange.method(), path, exchange.response().status(), exchange.response().headers(),
                    exchange.response().body(), exchange.method() + " " + exchange.pathAndQuery() + " -> "
                            + exchange.response().status());
            return;
        }
        Request request = request(exchange.method(), exchange.pathAndQuery(), exchange.requestHeaders(),
                exchange.requestBody());
        ValidationReport report = validator.validate(request, response(exchange.response().status(),
                exchange.response().headers(), exchange.response().body()));
        record(exchange.method() + " " + exchange.pathAndQuery() + " -> " + exchange.response().status(), report);
    }

    /**
     * Checks only an answer, as the operation {@code method path} describes it: for requests that are wrong on
     * purpose, whose answer must still be one the operation documents. {@code path} is a path the operation
     * matches (its template with any value for the parameters).
     */
    public void checkAnswer(String method, String path, int status, Map<String, List<String>> headers, String body,
            String context) {
        ValidationReport report = validator.validateResponse(path, Request.Method.valueOf(method.toUpperCase(
                Locale.ROOT)), response(status, headers, body));
        record(context, report);
    }

    /** Runs requests that are wrong on purpose: their answers are checked, the requests themselves are not. */
    public void onlyAnswers(Runnable requests) {
        answersOnly.set(true);
        try {
            requests.run();
        } finally {
            answersOnly.set(false);
        }
    }

    public int checked() {
        return checked.get();
    }

    public List<String> violations() {
        synchronized (violations) {
            return List.copyOf(violations);
        }
    }

    /** Fails, naming the first violations, unless every exchange was as the document describes. */
    public void assertNoViolations() {
        List<String> found = violations();
        assertThat(found.subList(0, Math.min(40, found.size())))
                .as("%d of %d exchanges broke the served OpenAPI document; the first ones", found.size(),
                        checked.get())
                .isEmpty();
    }

    private void record(String context, ValidationReport report) {
        checked.incrementAndGet();
        for (ValidationReport.Message message : report.getMessages()) {
            if (message.getLevel() == ValidationReport.Level.ERROR) {
                violations.add(context + ": [" + message.getKey() + "] " + message.getMessage()
                        + message.getContext().map(c -> " " + c.getRequestPath().orElse("")
                                + c.getPointers().map(p -> " at " + p.getInstance()).orElse("")).orElse(""));
            }
        }
    }

    private static Request request(String method, String pathAndQuery, Map<String, List<String>> headers,
            String body) {
        int question = pathAndQuery.indexOf('?');
        String path = question < 0 ? pathAndQuery : pathAndQuery.substring(0, question);
        SimpleRequest.Builder request = new SimpleRequest.Builder(method, path);
        headers.forEach(request::withHeader);
        if (question >= 0) {
            Map<String, List<String>> query = new LinkedHashMap<>();
            for (String pair : pathAndQuery.substring(question + 1).split("&")) {
                if (pair.isEmpty()) {
                    continue;
                }
                int equals = pair.indexOf('=');
                String name = decode(equals < 0 ? pair : pair.substring(0, equals));
                String value = equals < 0 ? "" : decode(pair.substring(equals + 1));
                query.computeIfAbsent(name, key -> new ArrayList<>()).add(value);
            }
            query.forEach(request::withQueryParam);
        }
        if (body != null) {
            request.withBody(body);
        }
        return request.build();
    }

    private static SimpleResponse response(int status, Map<String, List<String>> headers, String body) {
        SimpleResponse.Builder response = new SimpleResponse.Builder(status);
        headers.forEach((name, values) -> {
            if (name != null && !name.startsWith(":")) {
                response.withHeader(name, values);
            }
        });
        if (body != null && !body.isEmpty()) {
            response.withBody(body);
        }
        return response.build();
    }

    private static String decode(String text) {
        return URLDecoder.decode(text, StandardCharsets.UTF_8);
    }
}
