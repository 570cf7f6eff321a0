package dev.junction.generation;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/** OpenRouter's chat completions ({@code POST /chat/completions}). */
public final class ChatCompletionsRenderer extends OpenRouterRenderer {
    public static final ChatCompletionsRenderer INSTANCE = new ChatCompletionsRenderer();

    private ChatCompletionsRenderer() {
        super("chat.completion", "chat.completion.chunk");
    }

    /** {@code system_fingerprint} is required (nullable) in a whole chat completion. */
    @Override
    void required(ObjectNode upstream, ObjectNode trailing) {
        JsonNode fingerprint = upstream.get("system_fingerprint");
        if (fingerprint == null || fingerprint.isNull()) {
            trailing.putNull("system_fingerprint");
        }
    }
}
