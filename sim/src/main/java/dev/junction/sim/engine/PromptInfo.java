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
 */
public record PromptInfo(String model, boolean stream, boolean includeUsage, int promptTokens,
                         Optional<String> echo, OptionalInt maxTokens) {
    public PromptInfo {
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(echo, "echo");
        Objects.requireNonNull(maxTokens, "maxTokens");
    }
}
