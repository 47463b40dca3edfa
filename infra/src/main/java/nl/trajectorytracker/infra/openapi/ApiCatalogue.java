package nl.trajectorytracker.infra.openapi;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * What the API's description says beyond what the controllers declare, kept in resources under {@code openapi/}
 * so the controllers stay free of documentation: every operation ({@code operations.json}, keyed by
 * {@code "METHOD path"} in the order the document lists them, the playbook's order for its steps), the
 * parameters by name ({@code parameters.json}), the refusals by status ({@code responses.json}), and the schemas'
 * names and nullable members ({@code schemas.json}).
 */
final class ApiCatalogue {

    static final String OPERATIONS = "openapi/operations.json";
    static final String PARAMETERS = "openapi/parameters.json";
    static final String RESPONSES = "openapi/responses.json";
    static final String SCHEMAS = "openapi/schemas.json";

    private static final ObjectMapper JSON = new ObjectMapper()
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    /**
     * One operation. {@code kind} gives the defaults: {@code step} (a playbook step: 200, {@code ETag},
     * {@code If-Match}, {@code Idempotency-Key}), {@code start} and {@code follow-up} (201 with {@code Location}),
     * {@code read} and {@code admin}; {@code phase} and {@code answers} place a step in the playbook;
     * {@code status}, {@code errors}, {@code successHeaders} and {@code produces} (media type to a class name,
     * {@code object}, {@code string} or {@code binary}) say what the defaults do not.
     */
    record Operation(String operationId, String tag, String summary, String description, String kind, String phase,
            List<String> answers, Integer status, List<Integer> errors, List<String> successHeaders,
            Map<String, String> produces) {

        Operation {
            answers = answers == null ? List.of() : List.copyOf(answers);
            errors = errors == null ? List.of() : List.copyOf(errors);
            successHeaders = successHeaders == null ? List.of() : List.copyOf(successHeaders);
            produces = produces == null ? Map.of() : new LinkedHashMap<>(produces);
        }

        boolean isCommand() {
            return "step".equals(kind) || "start".equals(kind) || "follow-up".equals(kind);
        }

        int successStatus() {
            if (status != null) {
                return status;
            }
            return "start".equals(kind) || "follow-up".equals(kind) ? 201 : 200;
        }

        /** The refusals this operation can give besides those every operation can. */
        Set<Integer> ownErrors() {
            Set<Integer> codes = new LinkedHashSet<>();
            switch (kind) {
                case "step", "follow-up" -> codes.addAll(List.of(404, 409, 412, 422));
                case "start" -> codes.addAll(List.of(409, 422));
                default -> { }
            }
            codes.addAll(errors);
            return codes;
        }

        List<String> responseHeaders() {
            List<String> headers = new ArrayList<>();
            switch (kind) {
                case "step" -> headers.addAll(List.of("ETag", "Idempotent-Replayed"));
                case "start", "follow-up" -> headers.addAll(List.of("Location", "ETag", "Idempotent-Replayed"));
                default -> { }
            }
            successHeaders.stream().filter(header -> !headers.contains(header)).forEach(headers::add);
            return headers;
        }

        List<String> requestHeaders() {
            return switch (kind) {
                case "step", "follow-up" -> List.of("If-Match", "Idempotency-Key");
                case "start" -> List.of("Idempotency-Key");
                default -> List.of();
            };
        }
    }

    /** How a parameter is described: by where it is and its name, for paths under {@code prefix} if given. */
    record Parameter(String in, String name, String prefix, String description, Object example, String type,
            String format, Number minimum, Number maximum, @JsonProperty("enum") List<String> values,
            Boolean deprecated) {

        boolean describes(String path, String parameterIn, String parameterName) {
            return in.equals(parameterIn) && name.equals(parameterName) && (prefix == null || path.startsWith(prefix));
        }
    }

    /** A refusal: the component's name, when it happens, an example problem and its headers. */
    record Refusal(String name, String description, Map<String, Object> example, List<String> headers) {

        Refusal {
            headers = headers == null ? List.of() : List.copyOf(headers);
        }
    }

    /** Schema names by class, and each schema's members that may be absent or {@code null}. */
    record Schemas(Map<String, String> renames, Map<String, List<String>> nullable) {
    }

    /**
     * Header parameters a document must not declare (OpenAPI ignores them): the media types of the request body and
     * answers, and the security scheme, say what they may be.
     */
    static final Set<String> UNDECLARED_HEADERS = Set.of("accept", "content-type", "authorization");

    private final Map<String, Operation> operations;
    private final List<Parameter> parameters;
    private final Map<Integer, Refusal> refusals;
    private final Schemas schemas;

    private ApiCatalogue(Map<String, Operation> operations, List<Parameter> parameters,
            Map<Integer, Refusal> refusals, Schemas schemas) {
        this.operations = operations;
        this.parameters = parameters;
        this.refusals = refusals;
        this.schemas = schemas;
    }

    static ApiCatalogue load() {
        Map<String, Operation> operations = read(OPERATIONS, new TypeReference<LinkedHashMap<String, Operation>>() { });
        List<Parameter> parameters = read(PARAMETERS, new TypeReference<List<Parameter>>() { });
        Map<String, Refusal> byText = read(RESPONSES, new TypeReference<LinkedHashMap<String, Refusal>>() { });
        Map<Integer, Refusal> refusals = new LinkedHashMap<>();
        byText.forEach((status, refusal) -> refusals.put(Integer.valueOf(status), refusal));
        Schemas schemas = read(SCHEMAS, new TypeReference<Schemas>() { });
        return new ApiCatalogue(operations, parameters, refusals, schemas);
    }

    private static <T> T read(String resource, TypeReference<T> type) {
        try (InputStream in = ApiCatalogue.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("Missing " + resource);
            }
            return JSON.readValue(in, type);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + resource, e);
        }
    }

    /** Every operation, keyed by {@code "METHOD path"}, in the order the document lists them. */
    Map<String, Operation> operations() {
        return operations;
    }

    Optional<Operation> operation(String method, String path) {
        return Optional.ofNullable(operations.get(method.toUpperCase(java.util.Locale.ROOT) + " " + path));
    }

    Optional<Parameter> parameter(String path, String in, String name) {
        return parameters.stream().filter(parameter -> parameter.describes(path, in, name)).findFirst();
    }

    Map<Integer, Refusal> refusals() {
        return refusals;
    }

    RecordSchemas recordSchemas() {
        Map<String, Set<String>> nullable = new LinkedHashMap<>();
        schemas.nullable().forEach((schema, members) -> nullable.put(schema, new LinkedHashSet<>(members)));
        return new RecordSchemas(schemas.renames(), nullable);
    }
}
