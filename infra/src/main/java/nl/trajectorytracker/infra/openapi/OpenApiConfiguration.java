package nl.trajectorytracker.infra.openapi;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.info.BuildProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.info.License;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import io.swagger.v3.oas.models.servers.Server;

/**
 * The OpenAPI description ({@code /v3/api-docs}, Swagger UI at {@code /swagger-ui.html}): who the API is for, the
 * bearer token scheme, and, from the resources under {@code openapi/} so the controllers stay free of documentation
 * annotations, what every operation does, answers and refuses ({@link ApiContract}), the schemas' names and their
 * required and nullable members ({@link RecordSchemas}), and an example request body for every operation that takes
 * one ({@code openapi/examples.json}, keyed by path).
 */
@Configuration(proxyBeanMethods = false)
public class OpenApiConfiguration {

    public static final String EXAMPLES = "openapi/examples.json";
    static final String BEARER = "bearer";

    @Bean
    OpenAPI trackerOpenApi(ObjectProvider<BuildProperties> build) {
        BuildProperties properties = build.getIfAvailable();
        String version = properties != null ? properties.getVersion() : "development";
        return new OpenAPI()
                .info(new Info()
                        .title("Trajectory Tracker API")
                        .version(version)
                        .description("""
                                An event-sourced record of health-care contracting trajectories, following the five \
                                phases of the Masterclass Health Contracting playbook: every step is recorded with who \
                                took it, when and why.

                                * **Negotiators** of insurers, care providers, care offices and municipalities log \
                                the steps of their own organisation's trajectories (`/api/trajectories/**`) and read \
                                the playbook (`GET /api/playbook/**`).
                                * **Auditors** read every trajectory and its history (`GET /api/trajectories/**`, \
                                `GET /api/audit/**`) and the playbook, and change nothing.
                                * **Researchers** study anonymised histories of their own studies \
                                (`/api/research/**`) and read the playbook.
                                * **Administrators** manage accounts, tokens, studies and read models \
                                (`/api/admin/**`, `/actuator/**`), never trajectory content.
                                * Every role reads the audit log's public key, tree heads and consistency proofs.

                                Every call needs `Authorization: Bearer <token>` (an API token `tt_...` or a JWT). A \
                                trajectory of another organisation answers `404`, exactly like a missing one. Command \
                                endpoints take `If-Match` (the expected version) and `Idempotency-Key`, and answer \
                                the new version as `ETag`. Moments are a date (`2020-11-30`) or an ISO-8601 timestamp \
                                with its offset (`2020-11-30T14:00:00Z`). Lists are paged with `page` (from 0) and \
                                `size`. Every refusal is an RFC 9457 problem detail (`application/problem+json`) with \
                                a stable `type` URN, a `code` and, for bad input, the `field`. Send \
                                `X-Correlation-Id` to find a request in the logs and on the events it caused.""")
                        .license(new License().name("Proprietary").identifier("LicenseRef-Proprietary")))
                .components(new Components().addSecuritySchemes(BEARER, new SecurityScheme()
                        .type(SecurityScheme.Type.HTTP)
                        .scheme("bearer")
                        .description("An API token (tt_...) from an administrator, or a JWT from the configured "
                                + "issuer")))
                .addSecurityItem(new SecurityRequirement().addList(BEARER))
                // relative, so the document is the same on every host and port, and clients resolve it against
                // where they found it
                .servers(List.of(new Server().url("/").description("This service")));
    }

    /** Schema names, and which members of a record are required and which may be {@code null}. */
    @Bean
    RecordSchemas trackerRecordSchemas() {
        return ApiCatalogue.load().recordSchemas();
    }

    /** Summaries, descriptions, statuses, problem details, headers, media types and the playbook's order. */
    @Bean
    OpenApiCustomizer trackerContract(RecordSchemas schemas) {
        return new ApiContract(ApiCatalogue.load(), schemas);
    }

    /** Adds the example of {@link #EXAMPLES} to every request body of that path. */
    @Bean
    OpenApiCustomizer trackerExamples() {
        Map<String, Object> examples = readExamples();
        return openApi -> {
            if (openApi.getPaths() == null) {
                return;
            }
            openApi.getPaths().forEach((path, item) -> {
                Object example = examples.get(path);
                if (example == null) {
                    return;
                }
                for (Operation operation : operations(item)) {
                    if (operation.getRequestBody() != null && operation.getRequestBody().getContent() != null) {
                        for (MediaType media : operation.getRequestBody().getContent().values()) {
                            media.setExample(example);
                        }
                    }
                }
            });
        };
    }

    private static List<Operation> operations(PathItem item) {
        return java.util.stream.Stream.of(item.getPost(), item.getPut(), item.getPatch())
                .filter(java.util.Objects::nonNull)
                .toList();
    }

    static Map<String, Object> readExamples() {
        try (InputStream in = OpenApiConfiguration.class.getClassLoader().getResourceAsStream(EXAMPLES)) {
            if (in == null) {
                return Map.of();
            }
            return new ObjectMapper().readValue(in, new TypeReference<LinkedHashMap<String, Object>>() { });
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + EXAMPLES, e);
        }
    }
}
