package dev.junction.providers.anthropic;

import dev.junction.catalog.Endpoint;
import dev.junction.wire.ApiKind;
import dev.junction.wire.Json;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

import java.util.OptionalInt;

/**
 * Builds the body of {@code POST /v1/messages} from a client's OpenRouter-dialect request. Unlike the OpenAI
 * provider this is a whitelist: the Messages API rejects fields it does not know, so only what has an Anthropic
 * meaning goes through, and sampling knobs Claude lacks ({@code frequency_penalty}, {@code seed}, {@code logit_bias},
 * {@code n}, …) are left out. The client's tree is never mutated.
 *
 * <ul>
 *   <li>{@code max_tokens} is required upstream: the client's {@code max_completion_tokens}/{@code max_tokens}
 *       (capped at the endpoint's {@code max-completion-tokens}), else the endpoint's limit, else
 *       {@value #DEFAULT_MAX_TOKENS} — an output size every Claude model accepts.</li>
 *   <li>{@code temperature} is capped at 1 (Anthropic's range is 0–1, OpenAI's 0–2). With thinking on, Anthropic
 *       refuses {@code temperature} and {@code top_k}, and {@code top_p} below 0.95: they are left out.</li>
 *   <li>{@code response_format: json_schema} becomes {@code output_config.format} (Anthropic's structured
 *       outputs); {@code json_object} has no schema-free equivalent and is dropped.</li>
 *   <li>{@code tool_choice}: {@code auto}, {@code none}, {@code required} → {@code any}, a named function →
 *       {@code tool}; {@code parallel_tool_calls: false} → {@code disable_parallel_tool_use}.</li>
 * </ul>
 * Legacy completions send their {@code prompt} as the single user message.
 */
final class OpenAiToAnthropicRequest {
    static final int DEFAULT_MAX_TOKENS = 4096;
    private static final double MIN_TOP_P_WITH_THINKING = 0.95;

    private OpenAiToAnthropicRequest() {}

    static ObjectNode build(ObjectNode client, Endpoint endpoint, ApiKind api, boolean stream) {
        ObjectNode out = Json.object();
        out.put("model", endpoint.upstreamModel());
        OptionalInt limit = endpoint.maxCompletionTokens();
        AnthropicThinking.Plan thinking = AnthropicThinking.plan(client, maxTokens(client, limit), limit);
        out.put("max_tokens", thinking.maxTokens());

        OpenAiToAnthropicMessages.Translated messages = OpenAiToAnthropicMessages.translate(
                api == ApiKind.CHAT ? client.path("messages") : promptAsMessages(client.path("prompt")));
        messages.system().ifPresent(system -> out.set("system", system));
        out.set("messages", messages.messages());

        JsonNode user = client.get("user");
        if (user != null && user.isString() && !user.asString().isEmpty()) {
            out.putObject("metadata").put("user_id", user.asString());
        }
        stopSequences(client.get("stop"), out);
        sampling(client, out, thinking.thinking().isPresent());
        OpenAiToAnthropicTools.apply(client, out);
        thinking.thinking().ifPresent(t -> out.set("thinking", t));
        outputFormat(client.get("response_format"), out);
        JsonNode cacheControl = client.get("cache_control");
        if (cacheControl != null && cacheControl.isObject()) {
            out.set("cache_control", cacheControl.deepCopy()); // automatic caching: the API places the breakpoint
        }
        if (stream) {
            out.put("stream", true);
        }
        endpoint.provider().dropFields().forEach(out::remove);
        return out;
    }

    private static int maxTokens(ObjectNode client, OptionalInt limit) {
        for (String field : new String[] {"max_completion_tokens", "max_tokens"}) {
            JsonNode value = client.get(field);
            if (value != null && value.isIntegralNumber()) {
                int requested = value.asInt();
                return limit.isPresent() ? Math.min(requested, limit.getAsInt()) : requested;
            }
        }
        return limit.orElse(DEFAULT_MAX_TOKENS);
    }

    private static JsonNode promptAsMessages(JsonNode prompt) {
        String text;
        if (prompt.isString()) {
            text = prompt.asString();
        } else if (prompt.isArray() && prompt.size() == 1 && prompt.get(0).isString()) {
            text = prompt.get(0).asString();
        } else {
            throw new UnsupportedInputException("prompt: Anthropic takes a single text prompt, not several prompts "
                    + "or token arrays");
        }
        ArrayNode messages = Json.NODES.arrayNode();
        messages.addObject().put("role", "user").put("content", text);
        return messages;
    }

    private static void stopSequences(JsonNode stop, ObjectNode out) {
        if (stop == null || stop.isNull()) {
            return;
        }
        ArrayNode sequences = Json.NODES.arrayNode();
        if (stop.isString()) {
            sequences.add(stop.asString());
        } else if (stop.isArray()) {
            stop.forEach(s -> {
                if (s.isString() && !s.asString().isEmpty()) {
                    sequences.add(s.asString());
                }
            });
        }
        if (!sequences.isEmpty()) {
            out.set("stop_sequences", sequences);
        }
    }

    private static void sampling(ObjectNode client, ObjectNode out, boolean thinking) {
        JsonNode temperature = client.get("temperature");
        if (!thinking && temperature != null && temperature.isNumber()) {
            out.set("temperature", temperature.asDouble() > 1 ? Json.NODES.numberNode(1.0) : temperature);
        }
        JsonNode topP = client.get("top_p");
        if (topP != null && topP.isNumber() && (!thinking || topP.asDouble() >= MIN_TOP_P_WITH_THINKING)) {
            out.set("top_p", topP);
        }
        JsonNode topK = client.get("top_k");
        if (!thinking && topK != null && topK.isIntegralNumber() && topK.asInt() > 0) {
            out.set("top_k", topK); // OpenRouter's top_k 0 means "off"; Anthropic has no such value
        }
    }

    private static void outputFormat(JsonNode responseFormat, ObjectNode out) {
        if (responseFormat == null || !"json_schema".equals(responseFormat.path("type").asString(""))) {
            return;
        }
        JsonNode schema = responseFormat.path("json_schema").get("schema");
        if (schema == null || !schema.isObject()) {
            return;
        }
        ObjectNode format = out.putObject("output_config").putObject("format");
        format.put("type", "json_schema");
        format.set("schema", schema.deepCopy());
    }
}
