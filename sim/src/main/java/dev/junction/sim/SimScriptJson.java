package dev.junction.sim;

import dev.junction.sim.engine.Json;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/** The snake_case JSON form of {@link SimScript}. Unknown fields are rejected so that a typo fails loudly. */
final class SimScriptJson {
    static final Set<String> FIELDS = Set.of("reply", "reply_tokens", "ttft_ms", "chunk_interval_ms",
            "tokens_per_second", "status", "error_message", "error_type", "error_code", "retry_after",
            "fail_after_chunks", "fail_mode", "hang", "usage", "cached_tokens", "reasoning_tokens", "reasoning",
            "tool_calls", "finish_reason", "pad_bytes", "raw", "cache_write_tokens", "redacted_reasoning",
            "content_type");

    private SimScriptJson() {
    }

    static SimScript read(JsonNode json) {
        if (!json.isObject()) {
            throw new SimScriptException("a sim script must be a JSON object, got " + json.getNodeType());
        }
        for (String name : json.propertyNames()) {
            if (!FIELDS.contains(name)) {
                throw new SimScriptException("unknown sim script field '" + name + "'; known fields: "
                        + FIELDS.stream().sorted().toList());
            }
        }
        var b = SimScript.builder();
        // Alternatives are read in a fixed order so that, when a script sets both, the documented one wins:
        // reply_tokens over reply, chunk_interval_ms over tokens_per_second.
        present(json, "reply").ifPresent(v -> b.reply(string("reply", v)));
        present(json, "reply_tokens").ifPresent(v -> b.replyTokens(integer("reply_tokens", v)));
        present(json, "tokens_per_second").ifPresent(v -> b.tokensPerSecond(number("tokens_per_second", v)));
        present(json, "chunk_interval_ms").ifPresent(v -> b.chunkIntervalMs(integer("chunk_interval_ms", v)));
        present(json, "ttft_ms").ifPresent(v -> b.ttftMs(integer("ttft_ms", v)));
        present(json, "status").ifPresent(v -> b.status(integer("status", v)));
        present(json, "error_message").ifPresent(v -> b.errorMessage(string("error_message", v)));
        present(json, "error_type").ifPresent(v -> b.errorType(string("error_type", v)));
        present(json, "error_code").ifPresent(v -> b.errorCode(string("error_code", v)));
        present(json, "retry_after").ifPresent(v -> b.retryAfter(v.isNumber() ? v.asString() : string("retry_after", v)));
        present(json, "fail_after_chunks").ifPresent(v -> b.failAfterChunks(integer("fail_after_chunks", v)));
        present(json, "fail_mode").ifPresent(v -> b.failMode(failMode(string("fail_mode", v))));
        present(json, "hang").ifPresent(v -> b.hang(bool("hang", v)));
        present(json, "usage").ifPresent(v -> b.usage(bool("usage", v)));
        present(json, "cached_tokens").ifPresent(v -> b.cachedTokens(integer("cached_tokens", v)));
        present(json, "reasoning_tokens").ifPresent(v -> b.reasoningTokens(integer("reasoning_tokens", v)));
        present(json, "reasoning").ifPresent(v -> b.reasoning(string("reasoning", v)));
        present(json, "tool_calls").ifPresent(v -> b.toolCalls(toolCalls(v)));
        present(json, "finish_reason").ifPresent(v -> b.finishReason(string("finish_reason", v)));
        present(json, "pad_bytes").ifPresent(v -> b.padBytes(integer("pad_bytes", v)));
        present(json, "raw").ifPresent(v -> b.raw(raw(v)));
        present(json, "cache_write_tokens").ifPresent(v -> b.cacheWriteTokens(integer("cache_write_tokens", v)));
        present(json, "redacted_reasoning").ifPresent(v -> b.redactedReasoning(string("redacted_reasoning", v)));
        present(json, "content_type").ifPresent(v -> b.contentType(string("content_type", v)));
        return b.build();
    }

    static ObjectNode write(SimScript s) {
        ObjectNode o = Json.MAPPER.createObjectNode();
        s.reply().ifPresent(v -> o.put("reply", v));
        s.replyTokens().ifPresent(v -> o.put("reply_tokens", v));
        s.ttftMs().ifPresent(v -> o.put("ttft_ms", v));
        s.chunkIntervalMs().ifPresent(v -> o.put("chunk_interval_ms", v));
        s.tokensPerSecond().ifPresent(v -> o.put("tokens_per_second", v));
        s.status().ifPresent(v -> o.put("status", v));
        s.errorMessage().ifPresent(v -> o.put("error_message", v));
        s.errorType().ifPresent(v -> o.put("error_type", v));
        s.errorCode().ifPresent(v -> o.put("error_code", v));
        s.retryAfter().ifPresent(v -> o.put("retry_after", v));
        s.failAfterChunks().ifPresent(v -> o.put("fail_after_chunks", v));
        s.failMode().ifPresent(v -> o.put("fail_mode", v.name().toLowerCase(Locale.ROOT)));
        s.hang().ifPresent(v -> o.put("hang", v));
        s.usage().ifPresent(v -> o.put("usage", v));
        s.cachedTokens().ifPresent(v -> o.put("cached_tokens", v));
        s.reasoningTokens().ifPresent(v -> o.put("reasoning_tokens", v));
        s.reasoning().ifPresent(v -> o.put("reasoning", v));
        s.toolCalls().ifPresent(calls -> {
            var array = o.putArray("tool_calls");
            calls.forEach(c -> array.addObject().put("name", c.name()).put("arguments", c.arguments()));
        });
        s.finishReason().ifPresent(v -> o.put("finish_reason", v));
        s.padBytes().ifPresent(v -> o.put("pad_bytes", v));
        s.raw().ifPresent(frames -> {
            var array = o.putArray("raw");
            frames.forEach(array::add);
        });
        s.cacheWriteTokens().ifPresent(v -> o.put("cache_write_tokens", v));
        s.redactedReasoning().ifPresent(v -> o.put("redacted_reasoning", v));
        s.contentType().ifPresent(v -> o.put("content_type", v));
        return o;
    }

    private static java.util.Optional<JsonNode> present(JsonNode json, String name) {
        return json.optional(name).filter(v -> !v.isNull());
    }

    private static String string(String name, JsonNode v) {
        if (!v.isString()) {
            throw new SimScriptException(name + " must be a string, got " + v.getNodeType());
        }
        return v.stringValue();
    }

    private static int integer(String name, JsonNode v) {
        if (!v.isIntegralNumber() || !v.canConvertToInt()) {
            throw new SimScriptException(name + " must be an integer, got " + v);
        }
        return v.intValue();
    }

    private static double number(String name, JsonNode v) {
        if (!v.isNumber()) {
            throw new SimScriptException(name + " must be a number, got " + v);
        }
        return v.doubleValue();
    }

    private static boolean bool(String name, JsonNode v) {
        if (!v.isBoolean()) {
            throw new SimScriptException(name + " must be true or false, got " + v);
        }
        return v.booleanValue();
    }

    private static SimScript.FailMode failMode(String text) {
        return switch (text) {
            case "disconnect" -> SimScript.FailMode.DISCONNECT;
            case "error_event" -> SimScript.FailMode.ERROR_EVENT;
            default -> throw new SimScriptException("fail_mode must be \"disconnect\" or \"error_event\", got \""
                    + text + "\"");
        };
    }

    private static List<SimToolCall> toolCalls(JsonNode v) {
        if (!v.isArray()) {
            throw new SimScriptException("tool_calls must be an array of {\"name\", \"arguments\"}");
        }
        var calls = new ArrayList<SimToolCall>();
        for (JsonNode call : v.values()) {
            if (!call.isObject() || !call.path("name").isString()) {
                throw new SimScriptException("each tool call needs a string \"name\", got " + call);
            }
            JsonNode args = call.path("arguments");
            String argumentsJson;
            if (args.isMissingNode() || args.isNull()) {
                argumentsJson = "{}";
            } else if (args.isString()) {
                argumentsJson = args.stringValue();
            } else {
                try {
                    argumentsJson = Json.MAPPER.writeValueAsString(args);
                } catch (JacksonException e) {
                    throw new SimScriptException("tool call arguments cannot be written as JSON", e);
                }
            }
            calls.add(new SimToolCall(call.get("name").stringValue(), argumentsJson));
        }
        return calls;
    }

    private static List<String> raw(JsonNode v) {
        if (v.isString()) {
            return List.of(v.stringValue());
        }
        if (!v.isArray()) {
            throw new SimScriptException("raw must be an array of strings");
        }
        var frames = new ArrayList<String>();
        for (JsonNode frame : v.values()) {
            frames.add(string("raw[]", frame));
        }
        return frames;
    }
}
