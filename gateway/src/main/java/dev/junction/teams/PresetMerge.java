package dev.junction.teams;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

import java.util.Map;
import java.util.Optional;

/**
 * A preset's version merged under a request's own fields, in the request's dialect. The rules (README, Presets):
 * the request's fields win; {@code model} and {@code models} come from the preset when the request names only the
 * preset; {@code provider} is merged field by field, the request's over the preset's; every other field of the
 * preset is set where the request has none (under the dialect's name for it); the system prompt goes before the
 * request's own instructions.
 */
public final class PresetMerge {
    /** The dialects a preset serves, each naming the system prompt and a few parameters its own way. */
    public enum Dialect {
        CHAT(Map.of()),
        RESPONSES(Map.of("max_tokens", "max_output_tokens", "max_completion_tokens", "max_output_tokens")),
        MESSAGES(Map.of("stop", "stop_sequences", "max_completion_tokens", "max_tokens"));

        private final Map<String, String> renamed;

        Dialect(Map<String, String> renamed) {
            this.renamed = renamed;
        }

        String name(String chatField) {
            return renamed.getOrDefault(chatField, chatField);
        }
    }

    private PresetMerge() {}

    /** Changes {@code body} in place. {@code body} names the preset in its {@code model} or not at all. */
    public static void apply(ObjectNode body, ObjectNode config, Optional<String> systemPrompt, Dialect dialect) {
        if (body.path("model").asString("").startsWith(Presets.MODEL_PREFIX)) {
            body.remove("model");
        }
        for (var field : config.properties()) {
            String name = field.getKey();
            JsonNode value = field.getValue();
            if (name.equals("provider") && value.isObject() && body.path("provider").isObject()) {
                ObjectNode merged = ((ObjectNode) value).deepCopy();
                merged.setAll((ObjectNode) body.get("provider"));
                body.set("provider", merged);
            } else if (name.equals("model") && body.hasNonNull("models")) {
                continue; // the request's own fallbacks stand: the preset's model is no model the request asked for
            } else if (!body.has(dialect.name(name))) {
                body.set(dialect.name(name), value.deepCopy());
            }
        }
        systemPrompt.filter(p -> !p.isEmpty()).ifPresent(prompt -> system(body, prompt, dialect));
    }

    private static void system(ObjectNode body, String prompt, Dialect dialect) {
        switch (dialect) {
            case CHAT -> {
                JsonNode messages = body.get("messages");
                if (messages instanceof ArrayNode list) {
                    list.insertObject(0).put("role", "system").put("content", prompt);
                }
            }
            case RESPONSES -> joined(body, "instructions", prompt);
            case MESSAGES -> {
                if (body.get("system") instanceof ArrayNode blocks) {
                    blocks.insertObject(0).put("type", "text").put("text", prompt);
                } else {
                    joined(body, "system", prompt);
                }
            }
        }
    }

    /** The preset's prompt, then the request's own text; a field that is not text is left for the dialect to refuse. */
    private static void joined(ObjectNode body, String field, String prompt) {
        JsonNode own = body.get(field);
        if (own == null || own.isNull() || own.isString() && own.asString().isEmpty()) {
            body.put(field, prompt);
        } else if (own.isString()) {
            body.put(field, prompt + "\n\n" + own.asString());
        }
    }
}
