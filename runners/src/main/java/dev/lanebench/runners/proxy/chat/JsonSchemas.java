package dev.lanebench.runners.proxy.chat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * Cleans a tool's JSON schema for OpenAI-compatible upstreams: removes the keywords some of them reject
 * ({@code $schema}, {@code propertyNames}, {@code exclusiveMinimum}, {@code exclusiveMaximum}) wherever a
 * schema sits, and nowhere else, so a property that happens to be named like a keyword survives.
 */
public final class JsonSchemas {
    static final List<String> STRIPPED = List.of("$schema", "propertyNames", "exclusiveMinimum", "exclusiveMaximum");
    /** Keywords whose value is one schema. */
    private static final List<String> ONE = List.of("items", "additionalProperties", "additionalItems", "not",
            "contains", "if", "then", "else", "unevaluatedProperties", "unevaluatedItems");
    /** Keywords whose value is a list of schemas. */
    private static final List<String> LIST = List.of("anyOf", "oneOf", "allOf", "prefixItems", "items");
    /** Keywords whose value maps names to schemas. */
    private static final List<String> MAP = List.of("properties", "patternProperties", "$defs", "definitions",
            "dependentSchemas");

    private JsonSchemas() {
    }

    /** A cleaned copy of {@code schema}; the input is not modified. */
    public static ObjectNode clean(JsonNode schema) {
        ObjectNode copy = schema.deepCopy();
        cleanInPlace(copy);
        return copy;
    }

    private static void cleanInPlace(JsonNode node) {
        if (!(node instanceof ObjectNode schema)) {
            return;
        }
        STRIPPED.forEach(schema::remove);
        for (String k : ONE) {
            cleanInPlace(schema.get(k));
        }
        for (String k : LIST) {
            JsonNode list = schema.get(k);
            if (list != null && list.isArray()) {
                list.forEach(JsonSchemas::cleanInPlace);
            }
        }
        for (String k : MAP) {
            JsonNode map = schema.get(k);
            if (map != null && map.isObject()) {
                for (Iterator<Map.Entry<String, JsonNode>> it = map.fields(); it.hasNext(); ) {
                    cleanInPlace(it.next().getValue());
                }
            }
        }
    }
}
