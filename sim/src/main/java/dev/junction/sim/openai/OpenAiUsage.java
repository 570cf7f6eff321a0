package dev.junction.sim.openai;

import dev.junction.sim.engine.Usage;
import tools.jackson.core.JsonGenerator;

/** OpenAI's {@code usage} object. */
final class OpenAiUsage {
    private OpenAiUsage() {
    }

    /** The chat form, with the token details objects OpenAI always sends. */
    static void writeChat(JsonGenerator g, Usage usage) {
        g.writeObjectPropertyStart("usage");
        totals(g, usage);
        details(g, usage);
        g.writeEndObject();
    }

    /** The legacy form: totals only, plus the details when the script asked for cached or reasoning tokens. */
    static void writeLegacy(JsonGenerator g, Usage usage) {
        g.writeObjectPropertyStart("usage");
        totals(g, usage);
        if (usage.cachedTokens() > 0 || usage.reasoningTokens() > 0) {
            details(g, usage);
        }
        g.writeEndObject();
    }

    private static void totals(JsonGenerator g, Usage usage) {
        g.writeNumberProperty("prompt_tokens", usage.promptTokens());
        g.writeNumberProperty("completion_tokens", usage.completionTokens());
        g.writeNumberProperty("total_tokens", usage.totalTokens());
    }

    private static void details(JsonGenerator g, Usage usage) {
        g.writeObjectPropertyStart("prompt_tokens_details");
        g.writeNumberProperty("cached_tokens", usage.cachedTokens());
        g.writeNumberProperty("audio_tokens", 0);
        g.writeEndObject();
        g.writeObjectPropertyStart("completion_tokens_details");
        g.writeNumberProperty("reasoning_tokens", usage.reasoningTokens());
        g.writeNumberProperty("audio_tokens", 0);
        g.writeNumberProperty("accepted_prediction_tokens", 0);
        g.writeNumberProperty("rejected_prediction_tokens", 0);
        g.writeEndObject();
    }
}
