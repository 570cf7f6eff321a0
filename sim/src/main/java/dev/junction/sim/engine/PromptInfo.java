package dev.junction.sim.engine;

import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * What the engine needs to know about a request, whatever its protocol.
 *
 * @param model        the model name as received
 * @param stream       whether a stream was asked for
 * @param includeUsage whether the stream should end with a usage event (OpenAI {@code stream_options})
 * @param promptTokens words of the prompt (see {@link Words})
 * @param echo         the text to echo when no reply is scripted (last user message, or the legacy prompt)
 * @param maxTokens    the request's output limit; a longer reply is cut and finishes with "length"
 * @param asks         tools, tool results, output schema and reasoning the request asks for
 */
public record PromptInfo(String model, boolean stream, boolean includeUsage, int promptTokens,
                         Optional<String> echo, OptionalInt maxTokens, Asks asks) {
    public PromptInfo {
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(echo, "echo");
        Objects.requireNonNull(maxTokens, "maxTokens");
        Objects.requireNonNull(asks, "asks");
    }

    /** A plain text request. */
    public PromptInfo(String model, boolean stream, boolean includeUsage, int promptTokens, Optional<String> echo,
                      OptionalInt maxTokens) {
        this(model, stream, includeUsage, promptTokens, echo, maxTokens, Asks.NOTHING);
    }
}
