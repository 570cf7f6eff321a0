package dev.junction.wire;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.TreeSet;

/**
 * Parses and validates a chat or completions body. Types and documented ranges of every field in the
 * OpenRouter request schema are checked so a mistake gets a 400 naming the field; fields Junction does
 * not know are accepted untouched. A JSON {@code null} counts as absent, as OpenAI SDKs send it.
 */
public final class RequestParser {
    private final Optional<String> defaultModel;

    public RequestParser(Optional<String> defaultModel) {
        this.defaultModel = defaultModel;
    }

    public ClientRequest parse(byte[] bytes, ApiKind api) {
        return parse(bytes, 0, bytes.length, api);
    }

    /** Parses {@code length} bytes from {@code offset}, so a network buffer is read in place. */
    public ClientRequest parse(byte[] bytes, int offset, int length, ApiKind api) {
        return parse(object(bytes, offset, length), api);
    }

    /** A request body as a JSON object, or a 400 saying why it is not one. */
    public static ObjectNode object(byte[] bytes, int offset, int length) {
        JsonNode root;
        try {
            root = Json.parse(bytes, offset, length);
        } catch (JacksonException e) {
            throw new InvalidRequestException("Request body is not valid JSON: " + e.getOriginalMessage());
        }
        if (!(root instanceof ObjectNode body)) {
            throw new InvalidRequestException("Request body must be a JSON object");
        }
        return body;
    }

    /** Validates a body already parsed (or translated from another dialect) as a chat or completions request. */
    public ClientRequest parse(ObjectNode body, ApiKind api) {
        check(body, "", FieldRules.COMMON);
        if (body.get("reasoning") instanceof ObjectNode reasoning) {
            check(reasoning, "reasoning.", FieldRules.REASONING);
        }
        long[] promptChars = {0};
        int[] images = {0};
        Set<String> modalities = new TreeSet<>();
        if (api == ApiKind.CHAT) {
            new MessagesValidator(promptChars, images, modalities).validate(body.get("messages"));
        } else {
            promptChars[0] = PromptValidator.validate(body.get("prompt"));
        }
        List<String> models = models(body, defaultModel);
        boolean stream = body.path("stream").asBoolean(false);
        Optional<String> user = Optional.ofNullable(body.get("user")).filter(JsonNode::isString).map(JsonNode::asString);
        ProviderPreferences preferences = ProviderPreferencesParser.parse(body.get("provider"));
        boolean echo = body.path("debug").path("echo_upstream_body").asBoolean(false);
        return new ClientRequest(api, body, models, stream, user, promptChars[0], images[0], preferences,
                RequestParameters.of(body), Set.copyOf(modalities), maxTokens(body),
                AutoRouterPlugin.parse(body.get("plugins")), sessionId(body), echo, outputModalities(body),
                RequestWarnings.of(body, preferences, stream),
                WebSearchRequest.parse(body.get("plugins"), body.get("web_search_options")));
    }

    /** {@code session_id}: at most 256 characters, as OpenRouter allows. */
    static Optional<String> sessionId(ObjectNode body) {
        JsonNode id = body.get("session_id");
        if (id == null || id.isNull()) {
            return Optional.empty();
        }
        if (!id.isString()) {
            throw new InvalidRequestException("session_id: expected a string, got " + FieldCheck.describe(id));
        }
        if (id.asString().length() > 256) {
            throw new InvalidRequestException("session_id: at most 256 characters, got " + id.asString().length());
        }
        return id.asString().isEmpty() ? Optional.empty() : Optional.of(id.asString());
    }

    /** {@code modalities} the answer must hold besides text ({@code image}, {@code audio}). */
    private static Set<String> outputModalities(ObjectNode body) {
        Set<String> out = new TreeSet<>();
        for (JsonNode m : body.path("modalities")) {
            if (!m.isString()) {
                throw new InvalidRequestException("modalities: expected an array of strings, found " + FieldCheck.describe(m));
            }
            if (!m.asString().equals("text")) {
                out.add(m.asString());
            }
        }
        return Set.copyOf(out);
    }

    private static void check(ObjectNode object, String prefix, Map<String, FieldCheck> rules) {
        for (Map.Entry<String, FieldCheck> rule : rules.entrySet()) {
            JsonNode value = object.get(rule.getKey());
            if (value == null || value.isNull()) {
                continue;
            }
            rule.getValue().problem(value).ifPresent(problem -> {
                throw new InvalidRequestException(prefix + rule.getKey() + ": " + problem);
            });
        }
    }

    private static OptionalInt maxTokens(ObjectNode body) {
        JsonNode value = body.hasNonNull("max_tokens") ? body.get("max_tokens") : body.get("max_completion_tokens");
        return value != null && value.isNumber() ? OptionalInt.of(value.asInt()) : OptionalInt.empty();
    }

    /** {@code model} then the {@code models} fallbacks; the configured default model when neither is given. */
    static List<String> models(ObjectNode body, Optional<String> defaultModel) {
        List<String> models = new ArrayList<>();
        JsonNode model = body.get("model");
        if (model != null && model.isString() && !model.asString().isBlank()) {
            models.add(model.asString());
        }
        JsonNode fallbacks = body.get("models");
        if (fallbacks != null && fallbacks.isArray()) {
            for (JsonNode m : fallbacks) {
                models.add(m.asString());
            }
        }
        if (models.isEmpty()) {
            defaultModel.ifPresent(models::add);
        }
        if (models.isEmpty()) {
            throw new InvalidRequestException("model: required (an author/slug model id, or a non-empty models list)");
        }
        return List.copyOf(models);
    }
}
