package dev.junction.plugins;

import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import dev.junction.wire.PluginList;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * OpenRouter's {@code response-healing} plugin ({@code plugins: [{id: "response-healing"}]}): when a request
 * asks for JSON ({@code response_format} {@code json_object} or {@code json_schema}), each choice's answer is
 * repaired into JSON that parses ({@link JsonRepair}) and, for {@code json_schema}, checked against the schema
 * (JSON Schema draft 2020-12). A repaired answer replaces the model's; one that no repair makes parse is left as
 * the model wrote it. Each repair and each schema violation is noted for the generation's record.
 * <p>Only whole answers: a stream's chunks have left before its end shows what needed repairing. Validation is CPU
 * work on client-supplied schemas (patterns included): callers run it off the event loop. A schema that refers to
 * anything outside itself ({@code $ref} to a URL, {@code $id}) is not checked: nothing is fetched for it.
 */
public final class ResponseHealing {
    public static final String ID = "response-healing";
    private static final SchemaRegistry SCHEMAS = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12);
    private static final int MAX_REPORTED = 3;

    private ResponseHealing() {}

    /** Whether the request asks for the plugin on a JSON answer. */
    public static boolean requested(JsonNode request) {
        String format = request.path("response_format").path("type").asString("");
        if (!format.equals("json_object") && !format.equals("json_schema")) {
            return false;
        }
        return PluginList.enabled(request, ID);
    }

    /** Heals the answer of each choice of a chat completion in place; what was done, a line per choice that needed it. */
    public static List<String> heal(ObjectNode completion, JsonNode request) {
        JsonNode schema = request.path("response_format").path("json_schema").path("schema");
        List<String> notes = new ArrayList<>();
        for (JsonNode choice : completion.path("choices")) {
            if (!(choice.get("message") instanceof ObjectNode message) || !message.path("content").isString()) {
                continue;
            }
            String prefix = completion.path("choices").size() > 1
                    ? ID + " (choice " + choice.path("index").asInt() + "): " : ID + ": ";
            var repaired = JsonRepair.repair(message.get("content").asString());
            if (repaired.isEmpty()) {
                notes.add(prefix + "the answer is not JSON and could not be repaired");
                continue;
            }
            List<String> said = new ArrayList<>(repaired.get().fixes());
            if (!said.isEmpty()) {
                message.put("content", repaired.get().json());
            }
            if (schema.isObject()) {
                said.addAll(check(schema, repaired.get().value()));
            }
            if (!said.isEmpty()) {
                notes.add(prefix + String.join("; ", said));
            }
        }
        return notes;
    }

    /** The schema violations of a value, in words; empty when it conforms. */
    static List<String> check(JsonNode schema, JsonNode value) {
        if (refersOutside(schema)) {
            return List.of("not checked against the schema: it refers to documents outside itself");
        }
        List<Error> errors;
        try {
            // The dialect is always 2020-12: a $schema naming another would be a document to load.
            ObjectNode own = ((ObjectNode) schema).deepCopy();
            own.remove("$schema");
            Schema compiled = SCHEMAS.getSchema(own);
            errors = compiled.validate(value);
        } catch (RuntimeException e) {
            return List.of("not checked against the schema: " + e.getMessage());
        }
        if (errors.isEmpty()) {
            return List.of();
        }
        String listed = errors.stream().limit(MAX_REPORTED).map(ResponseHealing::describe).collect(Collectors.joining(", "));
        return List.of("does not match the schema (" + errors.size() + " violation" + (errors.size() == 1 ? "" : "s")
                + ": " + listed + ")");
    }

    /** A violation with where it is (a JSON pointer): {@code /city: integer found, string expected}. */
    private static String describe(Error error) {
        return error.getInstanceLocation() + ": " + error.getMessage();
    }

    /** Whether the schema has an {@code $id} or a reference that is not a fragment of itself. */
    private static boolean refersOutside(JsonNode node) {
        if (node.isObject()) {
            if (node.has("$id") || node.has("id") && node.get("id").isString()) {
                return true;
            }
            for (String ref : new String[] {"$ref", "$dynamicRef", "$recursiveRef"}) {
                JsonNode value = node.get(ref);
                if (value != null && !(value.isString() && value.asString().startsWith("#"))) {
                    return true;
                }
            }
        }
        for (JsonNode child : node) {
            if (refersOutside(child)) {
                return true;
            }
        }
        return false;
    }
}
