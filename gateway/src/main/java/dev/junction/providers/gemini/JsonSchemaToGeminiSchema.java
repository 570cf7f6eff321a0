package dev.junction.providers.gemini;

import dev.junction.wire.Json;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Converts a JSON Schema (tool {@code parameters}, {@code response_format.json_schema.schema}) into the
 * OpenAPI 3.0 subset Gemini's {@code Schema} accepts. Gemini answers 400 to any keyword it does not know,
 * so the conversion keeps what it can express and drops the rest:
 * <ul>
 *   <li>{@code type} becomes Gemini's upper-case enum; {@code "null"} in a type list, a {@code {"type":"null"}}
 *       branch of {@code anyOf}/{@code oneOf}, or {@code null} in an {@code enum} becomes {@code nullable: true};
 *       a list of several types becomes {@code anyOf}.</li>
 *   <li>{@code anyOf} and {@code oneOf} become {@code anyOf} (oneOf's exclusivity is lost); a single remaining
 *       branch is inlined. {@code allOf} branches are merged into one schema (properties and required united).</li>
 *   <li>{@code $ref} to {@code #/$defs/…}, {@code #/definitions/…} or any local JSON pointer is inlined;
 *       a recursive reference cannot be expressed and is rejected.</li>
 *   <li>{@code const} becomes a one-value {@code enum}; an {@code enum} of numbers or booleans is dropped
 *       (Gemini enums are strings) and its values are appended to the description so the model still sees
 *       them.</li>
 *   <li>{@code format} is kept only where Gemini accepts it: {@code enum}/{@code date-time} on strings,
 *       {@code float}/{@code double} on numbers, {@code int32}/{@code int64} on integers.</li>
 *   <li>{@code examples} becomes {@code example} (its first value).</li>
 *   <li>An object's empty {@code properties} is omitted (Gemini rejects an empty map), {@code required} is
 *       limited to declared properties, and an array without {@code items} gets string items (Gemini
 *       requires {@code items}).</li>
 *   <li>Dropped: {@code additionalProperties}, {@code patternProperties}, {@code $schema}, {@code $id},
 *       {@code $defs}, {@code definitions}, {@code $comment}, {@code not}, {@code if}/{@code then}/{@code else},
 *       {@code exclusiveMinimum}/{@code exclusiveMaximum}, {@code multipleOf}, {@code uniqueItems},
 *       {@code strict} and anything else Gemini does not define.</li>
 * </ul>
 */
final class JsonSchemaToGeminiSchema {
    private static final int MAX_DEPTH = 64;
    /** Keywords copied unchanged when present. */
    private static final List<String> COPIED = List.of("title", "description", "minimum", "maximum", "minItems",
            "maxItems", "minLength", "maxLength", "pattern", "minProperties", "maxProperties", "default", "example",
            "propertyOrdering");
    private static final Map<String, Set<String>> FORMATS = Map.of(
            "STRING", Set.of("enum", "date-time"),
            "NUMBER", Set.of("float", "double"),
            "INTEGER", Set.of("int32", "int64"));

    private final JsonNode root;
    private final String path;
    private final Deque<String> refs = new ArrayDeque<>();

    private JsonSchemaToGeminiSchema(JsonNode root, String path) {
        this.root = root;
        this.path = path;
    }

    /**
     * The Gemini schema for {@code schema}.
     *
     * @param path where the schema sits in the client's request, for error messages
     * @throws GeminiRequestException when the schema cannot be expressed (recursion, broken reference)
     */
    static ObjectNode convert(JsonNode schema, String path) {
        return new JsonSchemaToGeminiSchema(schema, path).schema(schema, 0);
    }

    /** Whether a converted object schema declares no properties (Gemini then wants no schema at all). */
    static boolean isEmptyObject(ObjectNode converted) {
        return "OBJECT".equals(converted.path("type").asString("")) && !converted.has("properties")
                && !converted.has("anyOf");
    }

    private ObjectNode schema(JsonNode node, int depth) {
        if (depth > MAX_DEPTH) {
            throw new GeminiRequestException(path + ": schema nests deeper than " + MAX_DEPTH + " levels");
        }
        ObjectNode out = Json.object();
        if (!node.isObject()) {
            return out; // true / {} / anything: Gemini has no "any" type, an empty schema is the closest
        }
        if (node.hasNonNull("$ref")) {
            return reference(node, depth);
        }
        type(node, out);
        for (String keyword : COPIED) {
            JsonNode value = node.get(keyword);
            if (value != null && !value.isNull()) {
                out.set(keyword, value);
            }
        }
        if (!out.has("example") && node.path("examples").isArray() && !node.path("examples").isEmpty()) {
            out.set("example", node.path("examples").get(0));
        }
        enumeration(node, out);
        properties(node, out, depth);
        items(node, out, depth);
        alternatives(node, out, depth);
        allOf(node, out, depth);
        format(node, out);
        if ("ARRAY".equals(out.path("type").asString("")) && !out.has("items")) {
            out.putObject("items").put("type", "STRING");
        }
        return out;
    }

    private ObjectNode reference(JsonNode node, int depth) {
        String ref = node.get("$ref").asString("");
        if (!ref.startsWith("#")) {
            throw new GeminiRequestException(path + ": $ref '" + ref + "' is not a local reference; Gemini schemas "
                    + "must be self-contained");
        }
        if (refs.contains(ref)) {
            throw new GeminiRequestException(path + ": $ref '" + ref + "' is recursive, which Gemini schemas cannot "
                    + "express");
        }
        JsonNode target = root.at(ref.substring(1));
        if (target.isMissingNode()) {
            throw new GeminiRequestException(path + ": $ref '" + ref + "' points at nothing");
        }
        refs.push(ref);
        ObjectNode resolved = schema(target, depth + 1);
        refs.pop();
        // Keywords beside a $ref (a description, mostly) describe this use of the definition: they win.
        for (String keyword : List.of("title", "description", "default", "example")) {
            if (node.hasNonNull(keyword)) {
                resolved.set(keyword, node.get(keyword));
            }
        }
        if (node.path("nullable").asBoolean(false)) {
            resolved.put("nullable", true);
        }
        return resolved;
    }

    private void type(JsonNode node, ObjectNode out) {
        JsonNode type = node.get("type");
        if (type != null && type.isString()) {
            if (type.asString().equals("null")) {
                out.put("nullable", true);
            } else {
                out.put("type", geminiType(type.asString()));
            }
        } else if (type != null && type.isArray()) {
            List<String> types = new ArrayList<>();
            for (JsonNode t : type) {
                if (t.asString("").equals("null")) {
                    out.put("nullable", true);
                } else if (t.isString()) {
                    types.add(geminiType(t.asString()));
                }
            }
            if (types.size() == 1) {
                out.put("type", types.getFirst());
            } else if (types.size() > 1) {
                ArrayNode anyOf = out.putArray("anyOf");
                types.forEach(t -> anyOf.addObject().put("type", t));
            }
        } else if (node.has("properties")) {
            out.put("type", "OBJECT");
        } else if (node.has("items") || node.has("prefixItems")) {
            out.put("type", "ARRAY");
        } else if (node.has("enum") || node.has("const")) {
            out.put("type", "STRING");
        }
        if (node.path("nullable").asBoolean(false)) {
            out.put("nullable", true); // OpenAPI-style input is already Gemini's dialect
        }
    }

    private String geminiType(String jsonType) {
        return switch (jsonType) {
            case "string", "number", "integer", "boolean", "array", "object" -> jsonType.toUpperCase(Locale.ROOT);
            default -> {
                String upper = jsonType.toUpperCase(Locale.ROOT);
                if (Set.of("STRING", "NUMBER", "INTEGER", "BOOLEAN", "ARRAY", "OBJECT").contains(upper)) {
                    yield upper;
                }
                throw new GeminiRequestException(path + ": unknown schema type '" + jsonType + "'");
            }
        };
    }

    private void enumeration(JsonNode node, ObjectNode out) {
        List<JsonNode> values = new ArrayList<>();
        if (node.has("const")) {
            values.add(node.get("const"));
        } else if (node.path("enum").isArray()) {
            node.get("enum").forEach(values::add);
        } else {
            return;
        }
        List<String> strings = new ArrayList<>();
        List<String> others = new ArrayList<>();
        for (JsonNode value : values) {
            if (value.isNull()) {
                out.put("nullable", true);
            } else if (value.isString()) {
                strings.add(value.asString());
            } else {
                others.add(Json.text(value));
            }
        }
        if (others.isEmpty() && !strings.isEmpty()) {
            ArrayNode array = out.putArray("enum");
            strings.forEach(array::add);
            return;
        }
        List<String> all = values.stream().filter(v -> !v.isNull()).map(v -> v.isString() ? v.asString() : Json.text(v))
                .toList();
        if (!all.isEmpty()) {
            String note = "Allowed values: " + String.join(", ", all) + ".";
            String description = out.path("description").asString("").strip();
            String separator = description.isEmpty() ? "" : description.matches(".*[.!?:]$") ? " " : ". ";
            out.put("description", description + separator + note);
        }
    }

    private void properties(JsonNode node, ObjectNode out, int depth) {
        JsonNode properties = node.get("properties");
        if (properties == null || !properties.isObject() || properties.isEmpty()) {
            return;
        }
        ObjectNode converted = out.putObject("properties");
        for (Map.Entry<String, JsonNode> property : properties.properties()) {
            converted.set(property.getKey(), schema(property.getValue(), depth + 1));
        }
        JsonNode required = node.get("required");
        if (required != null && required.isArray()) {
            ArrayNode kept = Json.NODES.arrayNode();
            for (JsonNode name : required) {
                if (name.isString() && converted.has(name.asString())) {
                    kept.add(name.asString());
                }
            }
            if (!kept.isEmpty()) {
                out.set("required", kept);
            }
        }
    }

    private void items(JsonNode node, ObjectNode out, int depth) {
        JsonNode items = node.has("prefixItems") ? node.get("prefixItems") : node.get("items");
        if (items == null || items.isNull()) {
            return;
        }
        if (items.isArray()) {
            // A tuple: Gemini has none, so each position may hold any of the tuple's item schemas.
            List<ObjectNode> branches = new ArrayList<>();
            items.forEach(item -> branches.add(schema(item, depth + 1)));
            out.set("items", branches.size() == 1 ? branches.getFirst() : anyOf(branches));
        } else {
            out.set("items", schema(items, depth + 1));
        }
    }

    private void alternatives(JsonNode node, ObjectNode out, int depth) {
        List<ObjectNode> branches = new ArrayList<>();
        for (String keyword : List.of("anyOf", "oneOf")) {
            if (node.path(keyword).isArray()) {
                for (JsonNode branch : node.get(keyword)) {
                    ObjectNode converted = schema(branch, depth + 1);
                    if (isNullOnly(converted)) {
                        out.put("nullable", true);
                    } else {
                        branches.add(converted);
                    }
                }
            }
        }
        if (branches.size() == 1) {
            mergeInto(out, branches.getFirst());
        } else if (branches.size() > 1) {
            if (out.get("anyOf") instanceof ArrayNode existing) {
                existing.addAll(branches);
            } else {
                out.set("anyOf", anyOf(branches).get("anyOf"));
            }
        }
    }

    private void allOf(JsonNode node, ObjectNode out, int depth) {
        if (!node.path("allOf").isArray()) {
            return;
        }
        for (JsonNode branch : node.get("allOf")) {
            mergeInto(out, schema(branch, depth + 1));
        }
    }

    private void format(JsonNode node, ObjectNode out) {
        JsonNode format = node.get("format");
        if (format == null || !format.isString()) {
            return;
        }
        Set<String> allowed = FORMATS.getOrDefault(out.path("type").asString(""), Set.of());
        if (allowed.contains(format.asString())) {
            out.put("format", format.asString());
        }
    }

    private static boolean isNullOnly(ObjectNode schema) {
        return schema.size() == 1 && schema.path("nullable").asBoolean(false);
    }

    /** Fields of {@code branch} the target lacks are added; properties and required are united. */
    private static void mergeInto(ObjectNode target, ObjectNode branch) {
        for (Map.Entry<String, JsonNode> field : branch.properties()) {
            String name = field.getKey();
            JsonNode value = field.getValue();
            if (name.equals("properties") && target.get("properties") instanceof ObjectNode properties) {
                properties.setAll((ObjectNode) value);
            } else if (name.equals("required") && target.get("required") instanceof ArrayNode required) {
                for (JsonNode r : value) {
                    if (!contains(required, r)) {
                        required.add(r);
                    }
                }
            } else if (!target.has(name)) {
                target.set(name, value);
            }
        }
    }

    private static boolean contains(ArrayNode array, JsonNode value) {
        for (JsonNode element : array) {
            if (element.equals(value)) {
                return true;
            }
        }
        return false;
    }

    private static ObjectNode anyOf(List<ObjectNode> branches) {
        ObjectNode out = Json.object();
        ArrayNode array = out.putArray("anyOf");
        branches.forEach(array::add);
        return out;
    }
}
