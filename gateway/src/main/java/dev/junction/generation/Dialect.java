package dev.junction.generation;

import dev.junction.wire.ClientRequest;

/**
 * One client dialect: how its requests are read into the canonical request, and the renderer that writes
 * the answer back. Serving a new dialect means a parser and a {@link Renderer}; the rest of the path is
 * shared. A dialect whose answers echo the request (the Responses API) makes a renderer per request.
 */
@FunctionalInterface
public interface Dialect {
    /**
     * Reads {@code length} bytes of a request body from {@code offset}; throws
     * {@code InvalidRequestException} (a 400 naming the field) for a body the dialect cannot take.
     */
    Parsed parse(byte[] bytes, int offset, int length);

    /**
     * How this dialect's errors are written, before a request is parsed as well as after: OpenRouter's
     * envelope unless the dialect has its own.
     */
    default ErrorRenderer errors() {
        return OpenRouterErrors.INSTANCE;
    }

    /** A request read in a dialect: the canonical request, and how its answer is written. */
    record Parsed(ClientRequest request, Renderer renderer) {}
}
