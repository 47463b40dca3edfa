package nl.trajectorytracker.infra.openapi;

import java.lang.reflect.RecordComponent;
import java.util.Arrays;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import com.fasterxml.jackson.databind.JavaType;

import io.swagger.v3.core.converter.AnnotatedType;
import io.swagger.v3.core.converter.ModelConverter;
import io.swagger.v3.core.converter.ModelConverterContext;
import io.swagger.v3.core.util.AnnotationsUtils;
import io.swagger.v3.core.util.Json;
import io.swagger.v3.oas.models.media.JsonSchema;
import io.swagger.v3.oas.models.media.Schema;

/**
 * Names the schema of every type of ours and says which of its members are required and which may be {@code null}.
 *
 * <p>A schema is named by its class's simple name unless {@code openapi/schemas.json} renames it; two classes that
 * would share a name fail the document (a schema silently describing another class is worse than none). A record's
 * components are all required, except those {@code schemas.json} lists as nullable for that schema and a command
 * body's {@code occurredAt}; those may be absent or {@code null}, which a 3.1 schema says with {@code "null"} among
 * its types.
 */
public final class RecordSchemas implements ModelConverter {

    private static final String OURS = "nl.trajectorytracker.";

    private final Map<String, String> renames;
    private final Map<String, Set<String>> nullable;
    private final Map<String, Class<?>> named = new ConcurrentHashMap<>();

    RecordSchemas(Map<String, String> renames, Map<String, Set<String>> nullable) {
        this.renames = Map.copyOf(renames);
        this.nullable = Map.copyOf(nullable);
    }

    @Override
    public Schema<?> resolve(AnnotatedType type, ModelConverterContext context, Iterator<ModelConverter> chain) {
        if (type.getType() != null) {
            JavaType javaType = Json.mapper().constructType(type.getType());
            Class<?> raw = javaType.getRawClass();
            if (raw.getName().startsWith(OURS) && !raw.isEnum() && javaType.getBindings().isEmpty()) {
                String name = renames.get(raw.getName());
                if (name != null && (type.getName() == null || type.getName().isBlank())) {
                    type.name(name);
                }
                remember(name != null ? name : raw.getSimpleName(), raw);
            }
        }
        return chain.hasNext() ? chain.next().resolve(type, context, chain) : null;
    }

    private void remember(String name, Class<?> type) {
        Class<?> earlier = named.putIfAbsent(name, type);
        if (earlier != null && !earlier.equals(type)) {
            throw new IllegalStateException("Two classes would both be described by the schema " + name + ": "
                    + earlier.getName() + " and " + type.getName() + "; rename one in openapi/schemas.json");
        }
    }

    /** The record class a schema describes, if it describes one of ours. */
    Optional<Class<?>> recordOf(String schemaName) {
        Class<?> type = named.get(schemaName);
        return type != null && type.isRecord() ? Optional.of(type) : Optional.empty();
    }

    /**
     * Makes the schema of a record say which members are required and which may be {@code null}: every component
     * is required except the nullable ones, which also accept {@code null}.
     */
    void describeMembers(String schemaName, Schema<?> schema) {
        Optional<Class<?>> record = recordOf(schemaName);
        if (record.isEmpty() || schema.getProperties() == null) {
            return;
        }
        Set<String> optional = nullableMembers(schemaName, record.get());
        Map<String, Schema> properties = new LinkedHashMap<>();
        List<String> required = new java.util.ArrayList<>();
        for (Map.Entry<String, Schema> property : schema.getProperties().entrySet()) {
            if (optional.contains(property.getKey())) {
                properties.put(property.getKey(), orNull(property.getValue()));
            } else {
                properties.put(property.getKey(), property.getValue());
                required.add(property.getKey());
            }
        }
        schema.setProperties(properties);
        schema.setRequired(required.isEmpty() ? null : required);
    }

    /** The members of a schema that may be absent or {@code null}. */
    Set<String> nullableMembers(String schemaName, Class<?> record) {
        Set<String> members = new LinkedHashSet<>(nullable.getOrDefault(schemaName, Set.of()));
        boolean commandBody = record.getSimpleName().endsWith("Request");
        if (commandBody && Arrays.stream(record.getRecordComponents()).map(RecordComponent::getName)
                .anyMatch("occurredAt"::equals)) {
            members.add("occurredAt");
        }
        return members;
    }

    /** The schema names {@code schemas.json} lists, to check that each still describes a record. */
    Set<String> listedSchemas() {
        return nullable.keySet();
    }

    /** A schema that also accepts {@code null}: {@code null} among its types, or any of it and {@code null}. */
    static Schema<?> orNull(Schema<?> declared) {
        // a property's schema may be shared with other properties: change a copy
        Schema<?> schema = AnnotationsUtils.clone(declared, true);
        boolean plain = schema.get$ref() == null && schema.getEnum() == null && schema.getAnyOf() == null
                && schema.getOneOf() == null && schema.getAllOf() == null;
        Set<String> types = schema.getTypes() != null ? schema.getTypes()
                : schema.getType() != null ? Set.of(schema.getType()) : null;
        if (plain && types != null) {
            Set<String> widened = new LinkedHashSet<>(types);
            widened.add("null");
            schema.setTypes(widened);
            schema.setType(null);
            return schema;
        }
        Schema<?> nothing = new JsonSchema().types(new LinkedHashSet<>(List.of("null")));
        Schema<?> either = new JsonSchema().anyOf(List.of(schema, nothing));
        either.setDescription(schema.getDescription());
        return either;
    }
}
