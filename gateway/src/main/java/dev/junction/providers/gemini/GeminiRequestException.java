package dev.junction.providers.gemini;

/**
 * A client request that Gemini cannot express (a recursive schema, a tool result for an unknown call, a
 * part type Gemini has no equivalent for). The message names the field. The provider turns it into a 400
 * before anything is sent upstream: retrying it elsewhere in the Gemini dialect would fail the same way.
 */
final class GeminiRequestException extends RuntimeException {
    GeminiRequestException(String message) {
        super(message, null, false, false);
    }
}
