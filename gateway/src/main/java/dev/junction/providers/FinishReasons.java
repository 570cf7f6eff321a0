package dev.junction.providers;

import java.util.Locale;
import java.util.Optional;

/**
 * Maps any upstream's finish reason onto OpenRouter's five: {@code stop}, {@code length},
 * {@code tool_calls}, {@code content_filter}, {@code error}. The original is kept by callers as
 * {@code native_finish_reason}.
 */
public final class FinishReasons {
    private FinishReasons() {}

    public static Optional<String> normalise(String nativeReason) {
        if (nativeReason == null || nativeReason.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(switch (nativeReason.toLowerCase(Locale.ROOT)) {
            case "length", "max_tokens", "model_length", "max_output_tokens" -> "length";
            case "tool_calls", "function_call", "tool_use" -> "tool_calls";
            case "content_filter", "safety", "recitation", "refusal", "blocklist", "prohibited_content", "spii" ->
                    "content_filter";
            // Gemini: filters of other kinds, and turns that failed on a function call the model got wrong.
            case "language", "image_safety", "image_prohibited_content", "image_recitation" -> "content_filter";
            case "malformed_function_call", "unexpected_tool_call", "too_many_tool_calls",
                    "missing_thought_signature", "malformed_response" -> "error";
            case "error" -> "error";
            // stop, eos, end_turn, stop_sequence and anything unknown: the model finished on its own.
            default -> "stop";
        });
    }
}
