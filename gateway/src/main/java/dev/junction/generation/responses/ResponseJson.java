package dev.junction.generation.responses;

import dev.junction.accounting.TokenUsage;
import dev.junction.generation.Settlement;
import dev.junction.providers.UpstreamFailure;
import dev.junction.wire.Json;
import dev.junction.wire.ResponseIdentity;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

import java.util.Optional;

/**
 * The Responses API's {@code response} object: identity, status, output, usage, and — as the API does — the
 * request's own settings echoed back (instructions, tools, tool choice, sampling, text format, reasoning).
 * {@code provider} is OpenRouter's addition, as on chat completions.
 */
final class ResponseJson {
    private ResponseJson() {}

    /** How a response ended, from the chat finish reason. */
    record Ending(String status, Optional<String> incompleteReason) {
        static final Ending IN_PROGRESS = new Ending("in_progress", Optional.empty());
        static final Ending FAILED = new Ending("failed", Optional.empty());

        static Ending of(Optional<String> finishReason) {
            return switch (finishReason.orElse("stop")) {
                case "length" -> new Ending("incomplete", Optional.of("max_output_tokens"));
                case "content_filter" -> new Ending("incomplete", Optional.of("content_filter"));
                case "error" -> FAILED;
                default -> new Ending("completed", Optional.empty());
            };
        }
    }

    static ObjectNode response(ResponseIdentity identity, ObjectNode request, Ending ending, ArrayNode output,
                               Optional<Settlement> settlement, Optional<UpstreamFailure> failure) {
        ObjectNode out = Json.object();
        out.put("id", ResponseIds.responseId(identity.id()));
        out.put("object", "response");
        out.put("created_at", identity.created());
        out.putNull("completed_at");
        out.put("status", ending.status());
        if (failure.isPresent()) {
            out.putObject("error").put("code", errorCode(failure.get())).put("message", failure.get().message());
        } else {
            out.putNull("error");
        }
        if (ending.incompleteReason().isPresent()) {
            out.putObject("incomplete_details").put("reason", ending.incompleteReason().get());
        } else {
            out.putNull("incomplete_details");
        }
        out.put("model", identity.model());
        out.put("provider", identity.provider());
        out.set("output", output);
        echo(request, out);
        settlement.ifPresent(s -> out.set("usage", usage(s)));
        return out;
    }

    /** The request's settings, as the API echoes them (defaults where the request left them out). */
    private static void echo(ObjectNode request, ObjectNode out) {
        out.set("instructions", orNull(request, "instructions"));
        out.set("max_output_tokens", orNull(request, "max_output_tokens"));
        out.set("metadata", request.path("metadata").isObject() ? request.get("metadata") : Json.NODES.objectNode());
        out.put("parallel_tool_calls", request.path("parallel_tool_calls").asBoolean(true));
        out.set("temperature", orNull(request, "temperature"));
        out.set("top_p", orNull(request, "top_p"));
        out.set("presence_penalty", orNull(request, "presence_penalty"));
        out.set("frequency_penalty", orNull(request, "frequency_penalty"));
        out.set("tool_choice", request.hasNonNull("tool_choice") ? request.get("tool_choice") : Json.NODES.stringNode("auto"));
        out.set("tools", request.path("tools").isArray() ? request.get("tools") : Json.NODES.arrayNode());
        out.set("reasoning", orNull(request, "reasoning"));
        if (request.path("text").isObject()) {
            out.set("text", request.get("text"));
        } else {
            out.putObject("text").putObject("format").put("type", "text");
        }
        out.putNull("previous_response_id");
        out.put("store", false);
        out.put("background", false);
        out.put("truncation", "disabled");
        out.set("user", orNull(request, "user"));
    }

    static ObjectNode usage(Settlement settlement) {
        TokenUsage u = settlement.usage();
        ObjectNode usage = Json.object();
        usage.put("input_tokens", u.promptTokens());
        ObjectNode input = usage.putObject("input_tokens_details").put("cached_tokens", u.cachedTokens());
        if (u.cacheWriteTokens() > 0) {
            input.put("cache_write_tokens", u.cacheWriteTokens());
        }
        usage.put("output_tokens", u.completionTokens());
        usage.putObject("output_tokens_details").put("reasoning_tokens", u.reasoningTokens());
        usage.put("total_tokens", u.totalTokens());
        usage.put("cost", settlement.cost().total().toUsd());
        usage.put("is_byok", settlement.byok());
        ObjectNode cost = usage.putObject("cost_details");
        cost.putNull("upstream_inference_cost");
        cost.put("upstream_inference_input_cost", settlement.cost().prompt().toUsd());
        cost.put("upstream_inference_output_cost", settlement.cost().completion().toUsd());
        return usage;
    }

    /** The Responses API's error codes: a rate limit is one; anything else a provider did is a server error. */
    private static String errorCode(UpstreamFailure failure) {
        return failure.verdict().errorType().equals("rate_limit_exceeded") ? "rate_limit_exceeded" : "server_error";
    }

    private static JsonNode orNull(ObjectNode request, String field) {
        JsonNode value = request.get(field);
        return value == null ? Json.NODES.nullNode() : value;
    }
}
