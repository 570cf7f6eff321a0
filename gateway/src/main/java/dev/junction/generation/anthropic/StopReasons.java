package dev.junction.generation.anthropic;

import java.util.Optional;
import java.util.Set;

/**
 * The {@code stop_reason} of an answer, from the canonical finish reason: an Anthropic upstream's own reason as it
 * was ({@code native_finish_reason}), else stop → {@code end_turn}, length → {@code max_tokens}, tool_calls →
 * {@code tool_use}, content_filter → {@code refusal}. The reverse of the Anthropic provider's {@code AnthropicFinish}.
 */
final class StopReasons {
    /** What Anthropic's SDKs know; a newer reason (a full context window) is a cut-off answer to them. */
    private static final Set<String> ANTHROPIC = Set.of("end_turn", "max_tokens", "stop_sequence", "tool_use",
            "pause_turn", "refusal");

    private StopReasons() {}

    static String of(Optional<String> finishReason, Optional<String> nativeReason) {
        if (nativeReason.filter(ANTHROPIC::contains).isPresent()) {
            return nativeReason.get();
        }
        return switch (finishReason.orElse("stop")) {
            case "length" -> "max_tokens";
            case "tool_calls" -> "tool_use";
            case "content_filter" -> "refusal";
            default -> "end_turn";
        };
    }
}
