package dev.junction.generation;

import tools.jackson.databind.node.ObjectNode;

/** OpenRouter's legacy text completions ({@code POST /completions}, a {@code prompt}). */
public final class LegacyCompletionsRenderer extends OpenRouterRenderer {
    public static final LegacyCompletionsRenderer INSTANCE = new LegacyCompletionsRenderer();

    private LegacyCompletionsRenderer() {
        super("text_completion", "text_completion");
    }

    @Override
    void required(ObjectNode upstream, ObjectNode trailing) {
        // nothing beyond the upstream's own fields
    }
}
