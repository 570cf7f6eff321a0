package dev.junction.wire.anthropic;

import dev.junction.wire.ClientNumbers;
import dev.junction.wire.InvalidRequestException;
import dev.junction.wire.Json;
import dev.junction.wire.JsonShapes;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

import java.util.List;
import java.util.Optional;

/**
 * An Anthropic Messages API request ({@code POST /messages}) as the canonical chat request, as OpenRouter serves
 * the Messages API in front of every model: the mirror of the Anthropic provider's {@code OpenAiToAnthropicRequest},
 * so that a request answered by a Claude endpoint reaches it as the client wrote it.
 *
 * <ul>
 *   <li>{@code max_tokens} (required, as Anthropic requires it), {@code temperature} (0–1), {@code top_p},
 *       {@code top_k} and {@code cache_control} keep their names; {@code stop_sequences} become {@code stop},
 *       {@code metadata.user_id} the {@code user}.</li>
 *   <li>{@code thinking} becomes {@code reasoning}: {@code enabled} with its {@code budget_tokens} as
 *       {@code reasoning.max_tokens}, {@code adaptive} as {@code enabled: true}, {@code disabled} as
 *       {@code enabled: false}.</li>
 *   <li>{@code output_config.format} (or the older {@code output_format}) with a JSON schema becomes
 *       {@code response_format}.</li>
 *   <li>OpenRouter's routing fields ({@code models}, {@code provider}, {@code route}, {@code plugins}, …) pass as
 *       they are.</li>
 * </ul>
 * {@code container} and {@code mcp_servers} need Anthropic's servers and are refused; {@code service_tier},
 * {@code context_management} and other fields Junction does not act on are not passed on.
 */
public final class AnthropicToChatRequest {
    /** OpenRouter's own fields, the same in every dialect. */
    private static final List<String> OPENROUTER_FIELDS = List.of("model", "models", "provider", "route", "plugins",
            "transforms", "usage", "session_id", "user", "debug", "trace");
    /** Fields with the same name and meaning in both APIs. */
    private static final List<String> SAME_IN_BOTH = List.of("max_tokens", "top_p", "top_k", "cache_control");

    private AnthropicToChatRequest() {}

    /** A {@code /messages} request; {@code max_tokens} is required, as Anthropic requires it. */
    public static ObjectNode translate(ObjectNode request) {
        return translate(request, true);
    }

    /** A {@code /messages/count_tokens} request: the same prompt, without {@code max_tokens}. */
    public static ObjectNode translatePrompt(ObjectNode request) {
        return translate(request, false);
    }

    private static ObjectNode translate(ObjectNode request, boolean answered) {
        refuseServerFeatures(request);
        ObjectNode chat = Json.object();
        for (String field : OPENROUTER_FIELDS) {
            AnthropicFields.present(request, field).ifPresent(value -> chat.set(field, value));
        }
        if (answered) {
            JsonNode maxTokens = AnthropicFields.required(request, "max_tokens", "");
            if (!maxTokens.isIntegralNumber()) {
                throw new InvalidRequestException("max_tokens: expected an integer, got " + JsonShapes.describe(maxTokens));
            }
        }
        for (String field : SAME_IN_BOTH) {
            AnthropicFields.present(request, field).ifPresent(value -> chat.set(field, value));
        }
        AnthropicFields.present(request, "temperature").ifPresent(t -> chat.set("temperature", temperature(t)));
        chat.set("messages", AnthropicMessagesToChat.messages(AnthropicFields.present(request, "system"),
                AnthropicFields.required(request, "messages", "")));
        AnthropicFields.present(request, "stop_sequences").ifPresent(stop -> chat.set("stop", stop));
        AnthropicFields.present(request, "metadata").ifPresent(metadata -> user(metadata, chat));
        AnthropicFields.present(request, "tools").ifPresent(tools -> chat.set("tools", AnthropicToolsToChat.tools(tools)));
        AnthropicFields.present(request, "tool_choice").ifPresent(choice -> AnthropicToolsToChat.toolChoice(choice, chat));
        AnthropicFields.present(request, "thinking").ifPresent(thinking -> chat.set("reasoning", reasoning(thinking)));
        outputFormat(request).ifPresent(format -> chat.set("response_format", format));
        JsonNode stream = request.get("stream");
        if (stream != null && stream.isBoolean() && stream.asBoolean()) {
            chat.put("stream", true);
            chat.putObject("stream_options").put("include_usage", true);
        } else if (stream != null && !stream.isBoolean() && !stream.isNull()) {
            throw new InvalidRequestException("stream: expected true or false, got " + JsonShapes.describe(stream));
        }
        return chat;
    }

    /**
     * A problem the chat request's own validation found, named as the client wrote it. The translation keeps the
     * names it can; these are the ones it changes.
     */
    public static String inAnthropicTerms(String message) {
        return message.replaceFirst("^stop:", "stop_sequences:")
                .replaceFirst("^user:", "metadata.user_id:")
                .replaceFirst("^reasoning\\.max_tokens:", "thinking.budget_tokens:");
    }

    private static void refuseServerFeatures(ObjectNode request) {
        for (String field : List.of("container", "mcp_servers")) {
            if (request.hasNonNull(field)) {
                throw new InvalidRequestException(field + ": not supported: it runs on Anthropic's own servers, and"
                        + " Junction answers with any model");
            }
        }
    }

    /** Anthropic's range is 0–1; the value means the same to every upstream. */
    private static JsonNode temperature(JsonNode temperature) {
        if (!temperature.isNumber() || ClientNumbers.approximately(temperature) < 0 || ClientNumbers.approximately(temperature) > 1) {
            throw new InvalidRequestException("temperature: expected a number from 0 to 1, got "
                    + (temperature.isNumber() ? temperature.asString() : JsonShapes.describe(temperature)));
        }
        return temperature;
    }

    private static void user(JsonNode metadata, ObjectNode chat) {
        if (!metadata.isObject()) {
            throw new InvalidRequestException("metadata: expected an object, got " + JsonShapes.describe(metadata));
        }
        AnthropicFields.present(metadata, "user_id").ifPresent(user -> chat.set("user", user));
    }

    private static ObjectNode reasoning(JsonNode thinking) {
        if (!thinking.isObject()) {
            throw new InvalidRequestException("thinking: expected an object, got " + JsonShapes.describe(thinking));
        }
        String type = AnthropicFields.text(thinking, "type", "thinking");
        ObjectNode reasoning = Json.object();
        switch (type) {
            case "enabled" -> {
                JsonNode budget = AnthropicFields.required(thinking, "budget_tokens", "thinking");
                reasoning.put("max_tokens", ClientNumbers.wholeNumber(budget, "thinking.budget_tokens", 1, Integer.MAX_VALUE));
            }
            case "adaptive" -> reasoning.put("enabled", true);
            case "disabled" -> reasoning.put("enabled", false);
            default -> throw new InvalidRequestException("thinking.type: expected enabled, adaptive or disabled, got '"
                    + type + "'");
        }
        return reasoning;
    }

    /** Structured output with a JSON schema, as chat's {@code json_schema} response format. */
    private static Optional<ObjectNode> outputFormat(ObjectNode request) {
        Optional<JsonNode> config = AnthropicFields.present(request, "output_config");
        String path = "output_config.format";
        Optional<JsonNode> format = config.flatMap(c -> AnthropicFields.present(c, "format"));
        if (format.isEmpty()) {
            path = "output_format";
            format = AnthropicFields.present(request, "output_format");
        }
        if (format.isEmpty()) {
            return Optional.empty();
        }
        String type = AnthropicFields.text(format.get(), "type", path);
        if (!type.equals("json_schema")) {
            throw new InvalidRequestException(path + ".type: expected json_schema, got '" + type + "'");
        }
        ObjectNode schema = Json.object().put("name", "output").put("strict", true);
        schema.set("schema", AnthropicFields.object(format.get(), "schema", path));
        ObjectNode responseFormat = Json.object().put("type", "json_schema");
        responseFormat.set("json_schema", schema);
        return Optional.of(responseFormat);
    }
}
