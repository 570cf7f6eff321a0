package dev.junction.generation.retrieval;

import dev.junction.generation.ClientError;
import dev.junction.generation.OpenRouterErrors;
import dev.junction.generation.Renderer;
import dev.junction.generation.StreamRenderer;
import dev.junction.wire.ResponseIdentity;
import io.vertx.core.buffer.Buffer;

/**
 * A renderer for an API that never streams (embeddings, rerank): its parser never asks for a stream, so the stream
 * side is never reached. Errors are OpenRouter's envelope.
 */
abstract class WholeAnswerRenderer implements Renderer {
    @Override
    public Buffer keepAlive() {
        throw new IllegalStateException("this API never streams");
    }

    @Override
    public StreamRenderer stream(ResponseIdentity identity) {
        throw new IllegalStateException("this API never streams");
    }

    @Override
    public Buffer error(ClientError error) {
        return OpenRouterErrors.INSTANCE.error(error);
    }
}
