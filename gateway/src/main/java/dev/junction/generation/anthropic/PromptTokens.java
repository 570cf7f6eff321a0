package dev.junction.generation.anthropic;

import dev.junction.accounting.TokenCounter;
import dev.junction.wire.ClientRequest;
import dev.junction.wire.Json;
import dev.junction.wire.PromptText;
import io.vertx.core.buffer.Buffer;
import tools.jackson.databind.JsonNode;

/**
 * The answer of {@code POST /messages/count_tokens}: the prompt's tokens as the gateway's tokenizer estimates them
 * ({@link TokenCounter}, GPT-4o's — no model's own count), labelled {@code "estimated": true}. Counted: the system
 * prompt, the messages' text, tool calls and results, and the tool definitions; an image counts a flat
 * {@value #IMAGE_TOKENS} tokens (about what Claude bills a large one); documents are not counted. CPU work: callers
 * run it off the event loop.
 */
public final class PromptTokens {
    static final long IMAGE_TOKENS = 1600;

    private PromptTokens() {}

    public static long estimate(ClientRequest request) {
        StringBuilder text = new StringBuilder(PromptText.of(request));
        JsonNode tools = request.body().get("tools");
        if (tools != null) {
            text.append(Json.text(tools));
        }
        return TokenCounter.count(text.toString()) + IMAGE_TOKENS * request.inputImages();
    }

    public static Buffer answer(long tokens) {
        return Buffer.buffer(Json.bytes(Json.object().put("input_tokens", tokens).put("estimated", true)));
    }
}
