package dev.junction.sim.engine;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * A JSON value that conforms to a JSON Schema, made up from the schema alone: what the simulated model answers for
 * {@code json_schema} output and passes as tool-call arguments. Strings carry a hint (the user's words), so the
 * answer visibly relates to the question. Covers what structured-output and tool schemas use: {@code type} (also a
 * list, also Gemini's upper-case names), {@code const}, {@code enum}, {@code properties}/{@code required},
 * {@code items}/{@code prefixItems} with {@code minItems}/{@code maxItems}/{@code uniqueItems}, string lengths and
 * common {@code format}s, numeric bounds and {@code multipleOf}, {@code anyOf}/{@code oneOf} (the first branch that
 * is not null), {@code allOf} (merged), and local {@code $ref}s ({@code #/$defs/…}, {@code #/definitions/…},
 * {@code #}), recursion included: past a few levels only what is required is generated, and arrays stay as short as
 * allowed. {@code pattern} is not honoured.
 */
public final class SchemaSample {
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    /** Past this depth, optional properties and optional array items are left out, so recursive schemas end. */
    private static final int DEEP = 4;
    private static final int MAX_DEPTH = 32;
    /** The longest string a {@code minLength} pads to. */
    private static final int MAX_PADDED_CHARS = 4_096;

    private final JsonNode root;
    private final String hint;

    private SchemaSample(JsonNode root, String hint) {
        this.root = root;
        this.hint = hint;
    }

    /** A value conforming to {@code schema}; {@code hint} is the text strings are made of. */
    public static JsonNode of(JsonNode schema, String hint) {
        return new SchemaSample(schema, hint.isBlank() ? "sample" : hint.strip()).value(schema, 0, 0);
    }

    private JsonNode value(JsonNode schema, int depth, int variant) {
        if (depth > MAX_DEPTH || schema == null || schema.isMissingNode() || schema.isNull()) {
            return NODES.nullNode();
        }
        if (schema.isBoolean()) {
            return schema.booleanValue() ? NODES.stringNode(hint) : NODES.nullNode();
        }
        if (schema.has("$ref")) {
            return value(resolve(schema.get("$ref").asString("")), depth + 1, variant);
        }
        if (schema.has("const")) {
            return schema.get("const");
        }
        JsonNode values = schema.path("enum");
        if (values.isArray() && !values.isEmpty()) {
            return values.get(Math.min(variant, values.size() - 1));
        }
        for (String combinator : List.of("anyOf", "oneOf")) {
            JsonNode branches = schema.path(combinator);
            if (branches.isArray() && !branches.isEmpty()) {
                return value(firstNotNull(branches), depth + 1, variant);
            }
        }
        if (schema.path("allOf").isArray()) {
            return value(merged(schema), depth + 1, variant);
        }
        return switch (type(schema)) {
            case "object" -> object(schema, depth, variant);
            case "array" -> array(schema, depth);
            case "integer" -> integer(schema, variant);
            case "number" -> number(schema, variant);
            case "boolean" -> NODES.booleanNode(true);
            case "null" -> NODES.nullNode();
            default -> string(schema, variant);
        };
    }

    /** The schema's type: its {@code type} (the first that is not null), else what its keywords imply. */
    private static String type(JsonNode schema) {
        JsonNode type = schema.path("type");
        if (type.isArray()) {
            for (JsonNode t : type) {
                if (!"null".equalsIgnoreCase(t.asString(""))) {
                    return t.asString("").toLowerCase(Locale.ROOT);
                }
            }
            return "null";
        }
        if (type.isString()) {
            return type.stringValue().toLowerCase(Locale.ROOT);
        }
        if (schema.has("properties") || schema.has("required")) {
            return "object";
        }
        if (schema.has("items") || schema.has("prefixItems")) {
            return "array";
        }
        return "string";
    }

    private ObjectNode object(JsonNode schema, int depth, int variant) {
        ObjectNode out = NODES.objectNode();
        Set<String> required = new LinkedHashSet<>();
        schema.path("required").forEach(r -> required.add(r.asString("")));
        Map<String, JsonNode> properties = new LinkedHashMap<>();
        schema.path("properties").properties().forEach(e -> properties.put(e.getKey(), e.getValue()));
        for (Map.Entry<String, JsonNode> property : properties.entrySet()) {
            if (depth < DEEP || required.contains(property.getKey())) {
                out.set(property.getKey(), value(property.getValue(), depth + 1, variant));
            }
        }
        for (String name : required) {
            if (!out.has(name)) {
                out.set(name, NODES.stringNode(hint));
            }
        }
        return out;
    }

    private ArrayNode array(JsonNode schema, int depth) {
        ArrayNode out = NODES.arrayNode();
        int min = schema.path("minItems").asInt(0);
        int max = schema.path("maxItems").isIntegralNumber() ? schema.path("maxItems").asInt() : Integer.MAX_VALUE;
        JsonNode prefix = schema.path("prefixItems");
        int count = Math.min(max, Math.max(min, depth < DEEP ? Math.max(1, prefix.size()) : prefix.size()));
        JsonNode items = schema.path("items");
        for (int i = 0; i < count; i++) {
            JsonNode itemSchema = i < prefix.size() ? prefix.get(i) : items;
            // Each item a little different, for uniqueItems.
            out.add(itemSchema.isMissingNode() ? NODES.stringNode(hint + (i == 0 ? "" : " " + (i + 1)))
                    : value(itemSchema, depth + 1, i));
        }
        return out;
    }

    private JsonNode integer(JsonNode schema, int variant) {
        long low = schema.has("minimum") ? (long) Math.ceil(schema.get("minimum").asDouble())
                : schema.has("exclusiveMinimum") && schema.get("exclusiveMinimum").isNumber()
                ? (long) Math.floor(schema.get("exclusiveMinimum").asDouble()) + 1 : Long.MIN_VALUE;
        long high = schema.has("maximum") ? (long) Math.floor(schema.get("maximum").asDouble())
                : schema.has("exclusiveMaximum") && schema.get("exclusiveMaximum").isNumber()
                ? (long) Math.ceil(schema.get("exclusiveMaximum").asDouble()) - 1 : Long.MAX_VALUE;
        long value = low != Long.MIN_VALUE ? low : Math.min(1, high);
        long step = schema.path("multipleOf").isIntegralNumber() ? Math.max(1, schema.get("multipleOf").asLong()) : 1;
        value = Math.floorDiv(value + step - 1, step) * step + (long) variant * step;
        return NODES.numberNode(Math.min(value, high));
    }

    private JsonNode number(JsonNode schema, int variant) {
        if (schema.has("multipleOf") || schema.has("minimum") || schema.has("maximum")
                || schema.has("exclusiveMinimum") || schema.has("exclusiveMaximum")) {
            double low = schema.has("minimum") ? schema.get("minimum").asDouble()
                    : schema.path("exclusiveMinimum").isNumber() ? schema.get("exclusiveMinimum").asDouble() + 0.5
                    : Double.NaN;
            double high = schema.has("maximum") ? schema.get("maximum").asDouble()
                    : schema.path("exclusiveMaximum").isNumber() ? schema.get("exclusiveMaximum").asDouble() - 0.5
                    : Double.NaN;
            double value = !Double.isNaN(low) ? low : !Double.isNaN(high) ? Math.min(1, high) : 1;
            if (schema.path("multipleOf").isNumber()) {
                double step = schema.get("multipleOf").asDouble();
                value = Math.ceil(value / step) * step;
            }
            return NODES.numberNode(value + variant);
        }
        return NODES.numberNode(1.5 + variant);
    }

    private JsonNode string(JsonNode schema, int variant) {
        String format = schema.path("format").asString("");
        String text = switch (format) {
            case "date-time" -> "2025-01-01T12:00:00Z";
            case "date" -> "2025-01-01";
            case "time" -> "12:00:00Z";
            case "duration" -> "PT1H";
            case "email" -> "user" + (variant == 0 ? "" : variant) + "@example.com";
            case "uri", "url" -> "https://example.com/" + (variant == 0 ? "" : variant);
            case "uuid" -> String.format("123e4567-e89b-42d3-a456-%012d", variant);
            case "ipv4" -> "192.0.2." + (1 + variant % 250);
            case "ipv6" -> "2001:db8::" + (1 + variant);
            case "hostname" -> "host" + variant + ".example.com";
            default -> variant == 0 ? hint : hint + " " + (variant + 1);
        };
        int min = schema.path("minLength").asInt(0);
        int max = schema.path("maxLength").isIntegralNumber() ? schema.get("maxLength").asInt() : Integer.MAX_VALUE;
        StringBuilder out = new StringBuilder(text);
        // Padding stops at MAX_PADDED_CHARS: a schema asking for a billion characters gets a sample that breaks it
        // rather than a simulator out of memory.
        int missing = Math.min(min, MAX_PADDED_CHARS) - out.codePointCount(0, out.length());
        out.repeat('.', Math.max(0, missing));
        if (out.codePointCount(0, out.length()) > max) {
            return NODES.stringNode(out.substring(0, out.offsetByCodePoints(0, max)));
        }
        return NODES.stringNode(out.toString());
    }

    private static JsonNode firstNotNull(JsonNode branches) {
        for (JsonNode branch : branches) {
            if (!"null".equals(branch.path("type").asString(""))) {
                return branch;
            }
        }
        return branches.get(0);
    }

    /** {@code allOf}: the branches' keywords together, their properties and required names joined. */
    private JsonNode merged(JsonNode schema) {
        ObjectNode out = NODES.objectNode();
        ObjectNode properties = NODES.objectNode();
        ArrayNode required = NODES.arrayNode();
        List<JsonNode> parts = new ArrayList<>();
        parts.add(schema);
        schema.get("allOf").forEach(b -> parts.add(b.has("$ref") ? resolve(b.get("$ref").asString("")) : b));
        for (JsonNode part : parts) {
            part.properties().forEach(e -> {
                switch (e.getKey()) {
                    case "allOf" -> { }
                    case "properties" -> e.getValue().properties().forEach(p -> properties.set(p.getKey(), p.getValue()));
                    case "required" -> e.getValue().forEach(required::add);
                    default -> out.set(e.getKey(), e.getValue());
                }
            });
        }
        if (!properties.isEmpty()) {
            out.set("properties", properties);
        }
        if (!required.isEmpty()) {
            out.set("required", required);
        }
        return out;
    }

    /** A local reference: {@code #}, {@code #/$defs/name}, {@code #/definitions/name}, or any JSON pointer. */
    private JsonNode resolve(String ref) {
        if (!ref.startsWith("#")) {
            return NODES.objectNode(); // remote references are out of a sim's reach: anything will do
        }
        String pointer = ref.substring(1);
        return Optional.of(pointer.isEmpty() ? root : root.at(pointer)).filter(n -> !n.isMissingNode())
                .orElse(NODES.objectNode());
    }
}
