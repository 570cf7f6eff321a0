package dev.junction.generation;

import dev.junction.wire.ClientRequest;

/**
 * One client dialect: how its requests are read into the canonical request, and how answers are written
 * back. Serving a new dialect means a parser and a {@link Renderer}; the rest of the path is shared.
 *
 * @param parser   reads a request body (throws {@code InvalidRequestException}, a 400, naming the field)
 * @param renderer writes its answers
 */
public record Dialect(Parser parser, Renderer renderer) {

    /** Reads {@code length} bytes of a request body from {@code offset}. */
    @FunctionalInterface
    public interface Parser {
        ClientRequest parse(byte[] bytes, int offset, int length);
    }
}
