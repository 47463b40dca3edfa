package nl.trajectorytracker.infra.openapi;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springdoc.core.customizers.OperationCustomizer;
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
import io.swagger.v3.oas.models.tags.Tag;

/**
 * The OpenAPI description ({@code /v3/api-docs}, Swagger UI at {@code /swagger-ui.html}): who the API is for, the
 * bearer token scheme, one tag per area, and an example request body for every operation that takes one, from
 * {@code openapi/examples.json} (keyed by path), so the controllers stay free of documentation annotations.
 */
@Configuration(proxyBeanMethods = false)
public class OpenApiConfiguration {

    public static final String EXAMPLES = "openapi/examples.json";
    static final String BEARER = "bearer";

    /** Tags by controller; controllers not listed are tagged by their package (the read model's question). */
    private static final Map<String, String> TAGS = Map.ofEntries(
            Map.entry("TrajectoryCommandController", "Trajectories"),
            Map.entry("InternalPreparationController", "Phase 1: internal preparation"),
            Map.entry("CoDesignController", "Phase 2: co-design"),
            Map.entry("NegotiationController", "Phase 3: negotiation"),
            Map.entry("RunningAgreementController", "Phase 4: running agreement"),
            Map.entry("AfterAgreementController", "Phase 5: after the agreement"),
            Map.entry("AnyPhaseController", "Any phase"),
            Map.entry("PlaybookController", "Playbook"),
            Map.entry("TrajectoryOverviewController", "Trajectories"),
            Map.entry("AccountAdminController", "Administration"),
            Map.entry("ErasureController", "Administration"));

    private static final List<Tag> TAG_DESCRIPTIONS = List.of(
            tag("Trajectories", "Start, list and read trajectories (negotiators: own organisation; auditors: all)"),
            tag("Phase 1: internal preparation", "Steps of playbook phase 1; negotiators of a party only"),
            tag("Phase 2: co-design", "Steps of playbook phase 2; negotiators of a party only"),
            tag("Phase 3: negotiation", "Steps of playbook phase 3; negotiators of a party only"),
            tag("Phase 4: running agreement", "Steps of playbook phase 4; negotiators of a party only"),
            tag("Phase 5: after the agreement", "Steps of playbook phase 5; negotiators of a party only"),
            tag("Any phase", "Decisions, trust, notes, pitfalls, phase advances and the conclusion"),
            tag("Playbook", "The playbook's phases, topics and guiding questions"),
            tag("Administration", "Accounts, API tokens and erasure of personal data; administrators only"));

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
                                phases of the Masterclass Health Contracting playbook.

                                * **Negotiators** of insurers, care providers, care offices and municipalities log \
                                the steps of their own organisation's trajectories (`/api/trajectories/**`).
                                * **Auditors** read every trajectory and its history (`GET /api/trajectories/**`, \
                                `/api/audit/**`).
                                * **Researchers** study anonymised histories (`/api/research/**`).
                                * **Administrators** manage accounts and tokens (`/api/admin/**`, `/actuator/**`).

                                Every call needs `Authorization: Bearer <token>` (an API token `tt_...` or a JWT). \
                                Command endpoints take `If-Match` (expected version) and `Idempotency-Key`, and \
                                answer the new version as `ETag`. Errors are RFC 9457 problem details. Send \
                                `X-Correlation-Id` to find a request in the logs and on the events it caused.""")
                        .license(new License().name("Proprietary")))
                .components(new Components().addSecuritySchemes(BEARER, new SecurityScheme()
                        .type(SecurityScheme.Type.HTTP)
                        .scheme("bearer")
                        .description("An API token (tt_...) from an administrator, or a JWT from the configured "
                                + "issuer")))
                .addSecurityItem(new SecurityRequirement().addList(BEARER))
                .tags(TAG_DESCRIPTIONS);
    }

    /** One tag per area instead of one per controller class name. */
    @Bean
    OperationCustomizer trackerTags() {
        return (operation, handler) -> {
            Class<?> controller = handler.getBeanType();
            String tag = TAGS.get(controller.getSimpleName());
            if (tag == null) {
                String packageName = controller.getPackageName();
                String last = packageName.substring(packageName.lastIndexOf('.') + 1);
                tag = Character.toUpperCase(last.charAt(0)) + last.substring(1);
            }
            operation.setTags(List.of(tag));
            return operation;
        };
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

    private static Tag tag(String name, String description) {
        return new Tag().name(name).description(description);
    }
}
