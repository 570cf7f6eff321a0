package dev.junction.generation.responses;

import dev.junction.generation.Dialect;
import dev.junction.wire.ApiKind;
import dev.junction.wire.ClientRequest;
import dev.junction.wire.InvalidRequestException;
import dev.junction.wire.RequestParser;
import dev.junction.wire.responses.ResponsesToChatRequest;
import tools.jackson.databind.node.ObjectNode;

/**
 * The OpenAI Responses API ({@code POST /responses}) as a dialect: the request is translated into the
 * canonical chat request ({@link ResponsesToChatRequest}) and validated like one; the answer is written by a
 * {@link ResponsesRenderer} that echoes the request. Everything between — routing, limits, fallbacks,
 * billing, records — is the same as for chat completions.
 */
public final class ResponsesDialect implements Dialect {
    private final RequestParser parser;

    public ResponsesDialect(RequestParser parser) {
        this.parser = parser;
    }

    @Override
    public Parsed parse(byte[] bytes, int offset, int length) {
        ObjectNode request = RequestParser.object(bytes, offset, length);
        ObjectNode chat = ResponsesToChatRequest.translate(request);
        ClientRequest canonical;
        try {
            canonical = parser.parse(chat, ApiKind.CHAT);
        } catch (InvalidRequestException e) {
            throw new InvalidRequestException(inResponsesTerms(e.getMessage()));
        }
        return new Parsed(canonical, new ResponsesRenderer(request));
    }

    /** A problem found in the translated request, named as the client wrote it. */
    private static String inResponsesTerms(String message) {
        return message.replaceFirst("^max_tokens:", "max_output_tokens:")
                .replaceFirst("^response_format", "text.format")
                .replaceFirst("^messages", "input");
    }
}
