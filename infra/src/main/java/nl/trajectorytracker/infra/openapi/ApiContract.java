package nl.trajectorytracker.infra.openapi;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

import org.springdoc.core.customizers.OpenApiCustomizer;

import io.swagger.v3.core.converter.AnnotatedType;
import io.swagger.v3.core.converter.ModelConverters;
import io.swagger.v3.core.converter.ResolvedSchema;
import io.swagger.v3.core.util.AnnotationsUtils;
import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.oas.models.Paths;
import io.swagger.v3.oas.models.headers.Header;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.JsonSchema;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.parameters.Parameter;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.responses.ApiResponses;
import io.swagger.v3.oas.models.tags.Tag;

import nl.trajectorytracker.api.playbook.GuidingQuestion;
import nl.trajectorytracker.api.playbook.Playbook;
import nl.trajectorytracker.api.playbook.PlaybookPhase;
import nl.trajectorytracker.api.playbook.PlaybookTopic;
import nl.trajectorytracker.api.playbook.Playbooks;
import nl.trajectorytracker.api.values.Phase;

/**
 * Makes the served document describe the API as it answers, from the {@link ApiCatalogue}: every operation's
 * summary, description (for a playbook step its phase and the guiding questions it answers, in the playbook's
 * words), tag and id; every status it can give, refusals as RFC 9457 problem details
 * ({@code application/problem+json}); the headers it reads and answers; the media types of answers that are not
 * JSON; the parameters' meaning; which members of a schema are required and which may be {@code null}; and the
 * operations and tags in the playbook's order.
 */
final class ApiContract implements OpenApiCustomizer {

    static final String PROBLEM = "Problem";
    static final String CORRELATION_ID = "X-Correlation-Id";
    /** What any request can be refused with, whatever the operation: at the edges, by security, by the database. */
    static final List<Integer> EVERY_OPERATION = List.of(400, 401, 403, 406, 413, 415, 417, 429, 500, 503);

    private static final String JSON = "application/json";
    private static final String PROBLEM_JSON = "application/problem+json";
    private static final String ANY_PHASE = "ANY";

    /** The tags, in the order a person meets them: the playbook's five phases first. */
    private static final List<String> TAG_ORDER = List.of("Internal preparation", "Co-design", "Negotiation",
            "Running agreement", "After the agreement", "Any phase", "Trajectories", "Playbook", "Audit", "Research",
            "Administration");

    private static final Map<String, String> OTHER_TAGS = Map.of(
            "Any phase", "Steps of every phase: decisions with their reasons, trust, pitfalls, success factors and "
                    + "notes; advancing through a phase gate and concluding the trajectory. Negotiators of a party.",
            "Trajectories", "Start, list and read trajectories: the state of every phase now or as of any moment, "
                    + "what changed between two points, the audit report, decisions, trust, stakeholders and "
                    + "monitoring. Negotiators read their own organisation's trajectories, auditors every one.",
            "Playbook", "The playbook's phases, topics and guiding questions, in English and Dutch. Negotiators, "
                    + "auditors and researchers.",
            "Audit", "Tamper evidence: verification of a trajectory's hash chain and signatures, its event history "
                    + "and an offline bundle (auditors and the own organisation's negotiators), the audit log's "
                    + "signed tree heads and consistency proofs (every role), reported breaks (auditors).",
            "Research", "Anonymised histories and aggregates per study, released only for groups of at least k "
                    + "trajectories and organisations. Researchers, for their own studies only.",
            "Administration", "Accounts and API tokens, research studies, erasure of personal data, the read "
                    + "models, the audit log's checkpoints and breaks, the access log. Administrators only.");

    private final ApiCatalogue catalogue;
    private final RecordSchemas schemas;
    private final Playbook playbook = Playbooks.current();

    ApiContract(ApiCatalogue catalogue, RecordSchemas schemas) {
        this.catalogue = catalogue;
        this.schemas = schemas;
    }

    /** The tags in order, the phases described by the playbook's own topics. */
    List<Tag> tags() {
        List<Tag> tags = new ArrayList<>();
        for (String name : TAG_ORDER) {
            String description = OTHER_TAGS.get(name);
            if (description == null) {
                description = phaseTag(phaseNamed(name));
            }
            tags.add(new Tag().name(name).description(description));
        }
        return tags;
    }

    private PlaybookPhase phaseNamed(String tag) {
        return playbook.phases().stream().filter(phase -> phase.name().en().equals(tag)).findFirst()
                .orElseThrow(() -> new IllegalStateException("No phase of the playbook is named " + tag));
    }

    private static String phaseTag(PlaybookPhase phase) {
        StringBuilder text = new StringBuilder("Phase ").append(phase.number()).append(" of the playbook, theme *")
                .append(phase.theme().en()).append("*. Negotiators of a party.\n");
        for (PlaybookTopic topic : phase.topics()) {
            text.append("\n- ").append(topic.title().en());
        }
        return text.toString();
    }

    @Override
    public void customise(OpenAPI api) {
        Components components = api.getComponents() == null ? new Components() : api.getComponents();
        api.setComponents(components);
        addShared(components);
        Paths ordered = new Paths();
        Map<String, PathItem> served = api.getPaths() == null ? Map.of() : api.getPaths();
        for (String key : catalogue.operations().keySet()) {
            String path = key.substring(key.indexOf(' ') + 1);
            if (served.containsKey(path) && !ordered.containsKey(path)) {
                ordered.addPathItem(path, served.get(path));
            }
        }
        served.forEach((path, item) -> {
            if (!ordered.containsKey(path)) {
                ordered.addPathItem(path, item);
            }
        });
        ordered.forEach((path, item) -> item.readOperationsMap().forEach((method, operation) ->
                describe(path, method.name(), operation, components)));
        api.setPaths(ordered);
        new ArrayList<>(components.getSchemas().entrySet())
                .forEach(schema -> schemas.describeMembers(schema.getKey(), schema.getValue()));
        api.setTags(tags());
    }

    // ---------------------------------------------------------------------------------------------- operations

    private void describe(String path, String method, Operation operation, Components components) {
        Optional<ApiCatalogue.Operation> found = catalogue.operation(method, path);
        ApiCatalogue.Operation entry = found.orElseGet(() -> new ApiCatalogue.Operation(null, null, null, null,
                "read", null, null, null, null, null, null));
        if (found.isPresent()) {
            operation.setOperationId(entry.operationId());
            operation.setSummary(entry.summary());
            operation.setDescription(description(entry));
            operation.setTags(List.of(entry.tag()));
        }
        operation.setParameters(parameters(path, operation.getParameters(), entry));
        ApiResponses responses = new ApiResponses();
        responses.addApiResponse(String.valueOf(entry.successStatus()),
                success(entry, operation.getResponses(), components));
        Set<Integer> refusals = new TreeSet<>(EVERY_OPERATION);
        refusals.addAll(entry.ownErrors());
        for (int status : refusals) {
            ApiCatalogue.Refusal refusal = catalogue.refusals().get(status);
            if (refusal == null) {
                throw new IllegalStateException("No refusal " + status + " in " + ApiCatalogue.RESPONSES);
            }
            responses.addApiResponse(String.valueOf(status),
                    new ApiResponse().$ref("#/components/responses/" + refusal.name()));
        }
        operation.setResponses(responses);
    }

    private String description(ApiCatalogue.Operation entry) {
        StringBuilder text = new StringBuilder(entry.description());
        if (entry.phase() != null && !ANY_PHASE.equals(entry.phase())) {
            PlaybookPhase phase = phaseOf(Phase.valueOf(entry.phase()));
            text.append("\n\n**Playbook phase ").append(phase.number()).append(", ").append(phase.name().en())
                    .append("** (theme: ").append(phase.theme().en()).append(')');
            entry.answers().stream().findFirst().flatMap(this::topicOf)
                    .filter(topic -> phase.topics().contains(topic))
                    .ifPresent(topic -> text.append(", topic *").append(topic.title().en()).append('*'));
            text.append('.');
        }
        if (!entry.answers().isEmpty()) {
            text.append("\n\nGuiding questions of the playbook this step answers:");
            for (String id : entry.answers()) {
                GuidingQuestion question = playbook.question(id).orElseThrow(() -> new IllegalStateException(
                        "No guiding question " + id + " in playbook " + playbook.version()));
                text.append("\n- `").append(id).append("`: ").append(question.text().en());
            }
        }
        if ("step".equals(entry.kind()) || "follow-up".equals(entry.kind())) {
            if (entry.phase() != null && !ANY_PHASE.equals(entry.phase())) {
                text.append("\n\nA step of a later phase than the trajectory's current one is refused "
                        + "(`409 step-not-yet-allowed`); one of an earlier phase is recorded as a correction.");
            }
            text.append("\n\nNegotiators of a party only: any other trajectory answers `404` like an unknown one. "
                    + "Send the version you last saw as `If-Match` (another version is `412`, with the current one "
                    + "as `ETag`). `occurredAt` (a date or an ISO-8601 timestamp with its offset; default now) says "
                    + "when the step happened. With an `Idempotency-Key` a repeated request has one effect and "
                    + "the same answer (`Idempotent-Replayed: true`).");
        }
        return text.toString();
    }

    private PlaybookPhase phaseOf(Phase phase) {
        return playbook.phases().stream().filter(candidate -> candidate.phase() == phase).findFirst()
                .orElseThrow(() -> new IllegalStateException("No phase " + phase + " in the playbook"));
    }

    private Optional<PlaybookTopic> topicOf(String questionId) {
        return playbook.phases().stream().flatMap(phase -> phase.topics().stream())
                .filter(topic -> topic.questions().stream().anyMatch(question -> question.id().equals(questionId)))
                .findFirst();
    }

    private List<Parameter> parameters(String path, List<Parameter> declared, ApiCatalogue.Operation entry) {
        List<Parameter> parameters = new ArrayList<>();
        for (Parameter parameter : declared == null ? List.<Parameter>of() : declared) {
            if ("header".equals(parameter.getIn())
                    && ApiCatalogue.UNDECLARED_HEADERS.contains(parameter.getName().toLowerCase(Locale.ROOT))) {
                continue;
            }
            catalogue.parameter(path, parameter.getIn(), parameter.getName())
                    .ifPresent(described -> describe(parameter, described));
            parameters.add(parameter);
        }
        for (String header : entry.requestHeaders()) {
            parameters.add(new Parameter().$ref("#/components/parameters/" + header));
        }
        parameters.add(new Parameter().$ref("#/components/parameters/" + CORRELATION_ID));
        return parameters;
    }

    @SuppressWarnings("unchecked")
    private static void describe(Parameter parameter, ApiCatalogue.Parameter described) {
        parameter.setDescription(described.description());
        if (described.example() != null) {
            parameter.setExample(described.example());
        }
        if (Boolean.TRUE.equals(described.deprecated())) {
            parameter.setDeprecated(true);
        }
        // the framework shares one schema among parameters of the same type: change a copy
        Schema<Object> schema = parameter.getSchema() == null ? new JsonSchema()
                : (Schema<Object>) AnnotationsUtils.clone(parameter.getSchema(), true);
        if (described.type() != null) {
            schema.setTypes(new LinkedHashSet<>(List.of(described.type())));
            schema.setType(null);
            schema.setFormat(described.format());
        }
        if (described.minimum() != null) {
            schema.setMinimum(new BigDecimal(described.minimum().toString()));
        }
        if (described.maximum() != null) {
            schema.setMaximum(new BigDecimal(described.maximum().toString()));
        }
        if (described.values() != null) {
            schema.setEnum(new ArrayList<>(described.values()));
        }
        parameter.setSchema(schema);
    }

    private ApiResponse success(ApiCatalogue.Operation entry, ApiResponses declared, Components components) {
        int status = entry.successStatus();
        ApiResponse answer = new ApiResponse().description(successDescription(entry, status));
        if (status != 204) {
            Content content = new Content();
            if (!entry.produces().isEmpty()) {
                entry.produces().forEach((media, schema) ->
                        content.addMediaType(media, new MediaType().schema(schemaOf(schema, components))));
            } else {
                declaredSchema(declared).ifPresent(schema -> {
                    MediaType json = new MediaType().schema(schema);
                    Object example = successExample(entry);
                    if (example != null) {
                        json.setExample(example);
                    }
                    content.addMediaType(JSON, json);
                });
            }
            if (!content.isEmpty()) {
                answer.setContent(content);
            }
        }
        for (String header : entry.responseHeaders()) {
            answer.addHeaderObject(header, new Header().$ref("#/components/headers/" + header));
        }
        answer.addHeaderObject(CORRELATION_ID, new Header().$ref("#/components/headers/" + CORRELATION_ID));
        return answer;
    }

    private static String successDescription(ApiCatalogue.Operation entry, int status) {
        return switch (entry.kind()) {
            case "step" -> "The step is recorded: the trajectory's new version, also as `ETag`.";
            case "start" -> "The trajectory is started: its id and version; `Location` names it.";
            case "follow-up" -> "The follow-up is started: its id and version; `Location` names it.";
            default -> switch (status) {
                case 201 -> "Created.";
                case 202 -> "Accepted: it runs in the background.";
                case 204 -> "Done.";
                default -> "OK.";
            };
        };
    }

    private static Object successExample(ApiCatalogue.Operation entry) {
        return switch (entry.kind()) {
            case "step" -> Map.of("trajectoryId", "8f1d2c3e-0a01-4d5e-9a10-000000000001", "version", 4);
            case "start", "follow-up" -> Map.of("id", "8f1d2c3e-0a01-4d5e-9a10-000000000004", "version", 0);
            default -> null;
        };
    }

    private static Optional<Schema> declaredSchema(ApiResponses declared) {
        if (declared == null) {
            return Optional.empty();
        }
        return declared.entrySet().stream()
                .filter(response -> response.getKey().startsWith("2"))
                .map(Map.Entry::getValue)
                .filter(response -> response.getContent() != null)
                .flatMap(response -> response.getContent().values().stream())
                .map(MediaType::getSchema)
                .filter(java.util.Objects::nonNull)
                .findFirst();
    }

    /** A schema named in the catalogue: {@code object}, {@code string}, {@code binary} or a class of ours. */
    private static Schema<?> schemaOf(String name, Components components) {
        return switch (name) {
            case "object" -> new JsonSchema().types(types("object"));
            case "string" -> new JsonSchema().types(types("string"));
            case "binary" -> new JsonSchema().types(types("string")).format("binary");
            default -> {
                ResolvedSchema resolved;
                try {
                    resolved = ModelConverters.getInstance(true).resolveAsResolvedSchema(
                            new AnnotatedType(Class.forName(name)).resolveAsRef(true));
                } catch (ClassNotFoundException e) {
                    throw new IllegalStateException("No class " + name + " for a schema", e);
                }
                if (resolved.referencedSchemas != null) {
                    resolved.referencedSchemas.forEach((schema, definition) -> {
                        if (components.getSchemas() == null || !components.getSchemas().containsKey(schema)) {
                            components.addSchemas(schema, definition);
                        }
                    });
                }
                yield resolved.schema;
            }
        };
    }

    private static Set<String> types(String... types) {
        return new LinkedHashSet<>(List.of(types));
    }

    // ---------------------------------------------------------------------------------------------- components

    private void addShared(Components components) {
        components.addSchemas(PROBLEM, problem());
        components.addHeaders(CORRELATION_ID, header(text(), "The request's correlation id: the one it sent, or "
                + "a new one. The commands and events the request caused carry it in their metadata."));
        components.addHeaders("ETag", header(text().pattern("^\"[0-9]+\"$"), "The trajectory's version: the "
                + "sequence number of its last event (the start is `\"0\"`). Send it as `If-Match` with the next "
                + "step."));
        components.addHeaders("Location", header(text(), "Where what was created can be read."));
        components.addHeaders("Idempotent-Replayed", header(text("true"), "`true` when this "
                + "answer repeats the answer to an earlier request with the same `Idempotency-Key`; nothing was "
                + "recorded again."));
        components.addHeaders("Retry-After", header(text().pattern("^[0-9]+$"), "Seconds to wait before trying "
                + "again."));
        components.addHeaders("Content-Disposition", header(text(), "The file name to save the answer under."));
        components.addHeaders("Cache-Control", header(text(), "`no-store`: research releases are not cached."));
        components.addHeaders("X-Signing-Key-Ephemeral", header(text("true", "false"),
                "`true` when the signing key lives only as long as this process (no key configured)."));
        components.addParameters("If-Match", new Parameter().in("header").name("If-Match").required(false)
                .description("The version of the trajectory the step was decided on (as its `ETag` gave it, "
                        + "`\"3\"`; `3` and `W/\"3\"` are read too; `*` or none: any version). Another version "
                        + "is refused with `412`, so a step is never recorded on a state the caller did not see.")
                .schema(text()).example("\"3\""));
        components.addParameters("Idempotency-Key", new Parameter().in("header").name("Idempotency-Key")
                .required(false).description("A key of the caller's choice (at most 200 characters) that makes "
                        + "a retry safe: the same key with the same request has one effect and answers the first "
                        + "answer again; with another method, path or body it is `422`; while the first still runs, "
                        + "`409`.")
                .schema(text().maxLength(200)).example("2f6c1d9e-4a3b-4c2d-9e8f-7a6b5c4d3e2f"));
        components.addParameters(CORRELATION_ID, new Parameter().in("header").name(CORRELATION_ID).required(false)
                .description("An id to find the request in the logs and on the events it caused; the service "
                        + "creates one when none is sent, and answers it.")
                .schema(text()).example("tour-1"));
        catalogue.refusals().forEach((status, refusal) -> components.addResponses(refusal.name(),
                refusal(refusal)));
    }

    private static ApiResponse refusal(ApiCatalogue.Refusal refusal) {
        ApiResponse response = new ApiResponse().description(refusal.description())
                .content(new Content().addMediaType(PROBLEM_JSON, new MediaType()
                        .schema(new JsonSchema().$ref("#/components/schemas/" + PROBLEM))
                        .example(new LinkedHashMap<>(refusal.example()))));
        for (String header : refusal.headers()) {
            response.addHeaderObject(header, new Header().$ref("#/components/headers/" + header));
        }
        response.addHeaderObject(CORRELATION_ID, new Header().$ref("#/components/headers/" + CORRELATION_ID));
        return response;
    }

    private static Schema<?> problem() {
        Schema<?> problem = new JsonSchema().types(types("object")).description("An RFC 9457 problem detail: "
                + "every answer with a status of 400 or more, with the members of RFC 9457 and the service's own "
                + "`code`, `field` and `current_version`.");
        problem.addProperty("type", text().description("A stable URN per kind of refusal, "
                + "`urn:trajectory-tracker:error:<code in kebab case>` (absent, or `about:blank`, for the "
                + "framework's own refusals, a fault of the service and the database out of reach)."));
        problem.addProperty("title", text().description("A short summary of the kind of refusal."));
        problem.addProperty("status", new JsonSchema().types(types("integer")).format("int32")
                .description("The HTTP status."));
        problem.addProperty("detail", text().description("What was wrong with this request, for a person."));
        problem.addProperty("instance", text().description("The path of the request."));
        problem.addProperty("code", text().description("The kind of refusal as an error code in capitals "
                + "(`INVALID_VALUE`, `TRAJECTORY_NOT_FOUND`, `STALE_VERSION`, `STEP_NOT_YET_ALLOWED`, ...)."));
        problem.addProperty("field", text().description("The bad input: a JSON path into the body "
                + "(`parties[0].type`), a parameter or a header (`If-Match`)."));
        problem.addProperty("current_version", new JsonSchema().types(types("integer")).format("int64")
                .description("With `412`: the trajectory's current version."));
        problem.setRequired(List.of("title", "status"));
        return problem;
    }

    private static Schema<Object> text() {
        return new JsonSchema().types(types("string"));
    }

    private static Schema<Object> text(String... values) {
        Schema<Object> text = text();
        text.setEnum(new ArrayList<>(List.of(values)));
        return text;
    }

    private static Header header(Schema<?> schema, String description) {
        return new Header().schema(schema).description(description);
    }
}
