package dev.junction.providers;

import dev.junction.accounting.TokenUsage;
import tools.jackson.databind.node.ObjectNode;

/**
 * Receives a translated upstream stream. Chunks are in the OpenRouter dialect with normalised finish
 * reasons; identity fields ({@code id}, {@code model}, {@code provider}) are stamped by the API layer.
 * Exactly one of {@link #onEnd()} or {@link #onError} ends the stream.
 */
public interface StreamListener {
    void onChunk(ObjectNode chunk);

    void onUsage(TokenUsage usage);

    void onEnd();

    void onError(UpstreamFailure failure);
}
