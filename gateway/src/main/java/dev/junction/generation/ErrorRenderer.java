package dev.junction.generation;

import io.vertx.core.buffer.Buffer;

/**
 * How a client dialect writes an error answer. Known before a request is parsed — a route has one for all its
 * errors, from a missing key or a body too large to an upstream that failed — so that every error reaches the
 * dialect's clients in the envelope their SDKs read. Pure.
 */
public interface ErrorRenderer {
    /** The body of an error answer. */
    Buffer error(ClientError error);

    /**
     * The HTTP status of an error answer: the error's own, unless the dialect's API answers that kind of error
     * with another (Anthropic's says 404 for a model it does not know, where OpenRouter says 400).
     */
    default int status(ClientError error) {
        return error.status();
    }
}
