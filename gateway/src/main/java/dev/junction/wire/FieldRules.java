package dev.junction.wire;

import java.util.LinkedHashMap;
import java.util.Map;

import static dev.junction.wire.FieldCheck.array;
import static dev.junction.wire.FieldCheck.arrayOfObjects;
import static dev.junction.wire.FieldCheck.arrayOfStrings;
import static dev.junction.wire.FieldCheck.bool;
import static dev.junction.wire.FieldCheck.integer;
import static dev.junction.wire.FieldCheck.number;
import static dev.junction.wire.FieldCheck.object;
import static dev.junction.wire.FieldCheck.string;
import static dev.junction.wire.FieldCheck.stringOrObject;
import static dev.junction.wire.FieldCheck.stringOrStrings;
import static dev.junction.wire.FieldCheck.tools;

/**
 * The documented request fields of OpenRouter's chat and completions APIs with their types and ranges
 * (reference/openrouter-api.md §2.1). {@code messages} and {@code prompt} have their own validators.
 */
final class FieldRules {
    static final Map<String, FieldCheck> COMMON = new LinkedHashMap<>();
    /**
     * The fields of {@code reasoning}. A budget may exceed what any provider takes (the translators clamp it);
     * it must still be a whole number a long holds, so nothing downstream overflows reading it.
     */
    static final Map<String, FieldCheck> REASONING = new LinkedHashMap<>();

    static {
        COMMON.put("model", string());
        COMMON.put("models", arrayOfStrings());
        COMMON.put("route", string());
        COMMON.put("provider", object());
        COMMON.put("reasoning", object());
        COMMON.put("usage", object());
        COMMON.put("transforms", arrayOfStrings());
        COMMON.put("plugins", arrayOfObjects());
        COMMON.put("web_search_options", object());
        COMMON.put("stream", bool());
        COMMON.put("stream_options", object());
        COMMON.put("max_tokens", integer(1, Integer.MAX_VALUE));
        COMMON.put("max_completion_tokens", integer(1, Integer.MAX_VALUE));
        COMMON.put("temperature", number(0, 2));
        COMMON.put("top_p", number(0, 1));
        COMMON.put("top_k", integer(0, Integer.MAX_VALUE));
        COMMON.put("frequency_penalty", number(-2, 2));
        COMMON.put("presence_penalty", number(-2, 2));
        COMMON.put("repetition_penalty", number(0, 2));
        COMMON.put("min_p", number(0, 1));
        COMMON.put("top_a", number(0, 1));
        COMMON.put("seed", integer(Long.MIN_VALUE, Long.MAX_VALUE));
        COMMON.put("logit_bias", object());
        COMMON.put("logprobs", bool());
        COMMON.put("top_logprobs", integer(0, 20));
        COMMON.put("stop", stringOrStrings());
        COMMON.put("response_format", object());
        COMMON.put("tools", tools());
        COMMON.put("tool_choice", stringOrObject());
        COMMON.put("parallel_tool_calls", bool());
        COMMON.put("user", string());
        COMMON.put("verbosity", string());
        COMMON.put("prediction", object());
        COMMON.put("debug", object());
        COMMON.put("include_reasoning", bool());
        COMMON.put("metadata", object());
        COMMON.put("modalities", array());
        COMMON.put("n", integer(1, 128));
        COMMON.put("session_id", string());
        COMMON.put("trace", object());

        REASONING.put("effort", string());
        REASONING.put("max_tokens", integer(0, Long.MAX_VALUE));
        REASONING.put("enabled", bool());
        REASONING.put("exclude", bool());
    }

    private FieldRules() {}
}
