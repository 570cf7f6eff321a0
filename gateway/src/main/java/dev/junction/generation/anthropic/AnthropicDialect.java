package dev.junction.generation.anthropic;

import dev.junction.generation.Dialect;
import dev.junction.generation.ErrorRenderer;
import dev.junction.wire.ApiKind;
import dev.junction.wire.ClientRequest;
import dev.junction.wire.InvalidRequestException;
import dev.junction.wire.RequestParser;
import dev.junction.wire.anthropic.AnthropicToChatRequest;
import tools.jackson.databind.node.ObjectNode;

/**
 * Anthropic's Messages API ({@code POST /messages}) as a dialect, as OpenRouter serves it in front of every model:
 * the request is translated into the canonical chat request ({@link AnthropicToChatRequest}) and validated like
 * one; the answer is written by the {@link AnthropicRenderer}, and every error of the route — before parsing too —
 * in Anthropic's envelope. Routing, limits, fallbacks, billing and records are the same as for chat completions.
 */
public final class AnthropicDialect implements Dialect {
    private final RequestParser parser;

    public AnthropicDialect(RequestParser parser) {
        this.parser = parser;
    }

    @Override
    public Parsed parse(byte[] bytes, int offset, int length) {
        return new Parsed(canonical(RequestParser.object(bytes, offset, length)), AnthropicRenderer.INSTANCE);
    }

    /** A Messages API request as the canonical chat request; a 400 naming the field as the client wrote it. */
    public ClientRequest canonical(ObjectNode request) {
        return validated(AnthropicToChatRequest.translate(request));
    }

    /** A {@code count_tokens} request — a prompt without {@code max_tokens} — as the canonical chat request. */
    public ClientRequest prompt(ObjectNode request) {
        return validated(AnthropicToChatRequest.translatePrompt(request));
    }

    private ClientRequest validated(ObjectNode chat) {
        try {
            return parser.parse(chat, ApiKind.CHAT);
        } catch (InvalidRequestException e) {
            throw new InvalidRequestException(AnthropicToChatRequest.inAnthropicTerms(e.getMessage()));
        }
    }

    @Override
    public ErrorRenderer errors() {
        return AnthropicErrorRenderer.INSTANCE;
    }
}
