package dev.junction.providers.anthropic;

import dev.junction.providers.FinishReasons;

/**
 * Anthropic's {@code stop_reason} as OpenRouter's finish reason: end_turn, stop_sequence and pause_turn → stop,
 * max_tokens and model_context_window_exceeded → length, tool_use → tool_calls, refusal → content_filter. The
 * original travels as {@code native_finish_reason}.
 */
final class AnthropicFinish {
    private AnthropicFinish() {}

    static String normalise(String stopReason) {
        return switch (stopReason) {
            // Claude ran out of context window rather than of max_tokens: still a cut-off answer.
            case "model_context_window_exceeded" -> "length";
            default -> FinishReasons.normalise(stopReason).orElse("stop");
        };
    }
}
