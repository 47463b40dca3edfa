package nl.trajectorytracker.infra.openapi;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The served OpenAPI 3.1 document in OpenAPI 3.0 terms, for validators that read 3.0 only. It rewrites what the
 * served document uses of JSON Schema 2020-12 and nothing else: a type list with {@code "null"} becomes the type
 * and {@code nullable: true}; {@code anyOf} of a schema and {@code {"type": "null"}} becomes that schema with
 * {@code nullable: true} (a referenced one copied in: 3.0 validators do not let {@code nullable} beside a reference
 * admit {@code null}); a schema's {@code examples} its first
 * {@code example}; the license's SPDX {@code identifier}, which 3.0 does not know, is left out. Anything else of
 * 2020-12 fails, so a new construct is translated before it is trusted.
 */
final class OpenApi30 {

    private static final ObjectMapper JSON = new ObjectMapper();

    private OpenApi30() {
    }

    static String of(String document31) {
        try {
            ObjectNode document = (ObjectNode) JSON.readTree(document31);
            if (!document.path("openapi").asText().startsWith("3.1")) {
                return document31;
            }
            document.put("openapi", "3.0.3");
            document.remove("jsonSchemaDialect");
            if (document.path("info").path("license") instanceof ObjectNode license) {
                license.remove("identifier");
            }
            rewrite(document, document.path("components").path("schemas"));
            return JSON.writeValueAsString(document);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void rewrite(JsonNode node, JsonNode schemas) {
        if (node instanceof ArrayNode array) {
            array.forEach(each -> rewrite(each, schemas));
            return;
        }
        if (!(node instanceof ObjectNode object)) {
            return;
        }
        if (object.has("$schema") || object.has("const") || object.has("prefixItems")
                || object.has("unevaluatedProperties") || object.path("exclusiveMinimum").isNumber()
                || object.path("exclusiveMaximum").isNumber()) {
            throw new IllegalStateException("A JSON Schema 2020-12 construct without a 3.0 translation: " + object);
        }
        JsonNode type = object.get("type");
        if (type instanceof ArrayNode types) {
            List<String> named = new ArrayList<>();
            types.forEach(each -> named.add(each.asText()));
            boolean nullable = named.remove("null");
            if (named.size() != 1) {
                throw new IllegalStateException("A type list without a 3.0 translation: " + object);
            }
            object.put("type", named.get(0));
            if (nullable) {
                object.put("nullable", true);
            }
        }
        JsonNode anyOf = object.get("anyOf");
        if (anyOf instanceof ArrayNode choices && choices.size() == 2) {
            JsonNode nothing = null;
            JsonNode something = null;
            for (JsonNode choice : choices) {
                if (choice.size() == 1 && "null".equals(choice.path("type").asText())) {
                    nothing = choice;
                } else {
                    something = choice;
                }
            }
            if (nothing != null && something != null) {
                object.remove("anyOf");
                if (something.has("$ref")) {
                    String ref = something.get("$ref").asText();
                    JsonNode referenced = schemas.path(ref.substring(ref.lastIndexOf('/') + 1));
                    if (referenced.isMissingNode()) {
                        throw new IllegalStateException("No schema " + ref);
                    }
                    something = referenced.deepCopy();
                }
                Iterator<Map.Entry<String, JsonNode>> members = something.fields();
                while (members.hasNext()) {
                    Map.Entry<String, JsonNode> member = members.next();
                    object.set(member.getKey(), member.getValue());
                }
                object.put("nullable", true);
                rewrite(object, schemas);
                return;
            }
        }
        if (object.get("examples") instanceof ArrayNode examples && isSchema(object)) {
            object.remove("examples");
            if (!examples.isEmpty()) {
                object.set("example", examples.get(0));
            }
        }
        Iterator<Map.Entry<String, JsonNode>> members = object.fields();
        while (members.hasNext()) {
            Map.Entry<String, JsonNode> member = members.next();
            if (!member.getKey().equals("example") && !member.getKey().equals("examples")) {
                rewrite(member.getValue(), schemas);
            }
        }
    }

    private static boolean isSchema(ObjectNode object) {
        return object.has("type") || object.has("$ref") || object.has("properties") || object.has("items");
    }
}
