package dev.junction.providers.gemini;

import dev.junction.providers.FinishReasons;

/**
 * Gemini's {@code finishReason} in OpenRouter's terms. Gemini reports {@code STOP} when the model ends its
 * turn with function calls, so a candidate that made calls and stopped normally finishes with
 * {@code tool_calls}; everything else goes through {@link FinishReasons} (SAFETY, RECITATION, BLOCKLIST and
 * the other filters are {@code content_filter}, MAX_TOKENS is {@code length}, MALFORMED_FUNCTION_CALL and
 * its relatives are {@code error}). The native value is kept as {@code native_finish_reason}.
 */
final class GeminiFinishReasons {
    private GeminiFinishReasons() {}

    static String normalise(String nativeReason, boolean madeCalls) {
        String normalised = FinishReasons.normalise(nativeReason).orElse("stop");
        return madeCalls && normalised.equals("stop") ? "tool_calls" : normalised;
    }
}
