package dev.junction.providers.anthropic;

/**
 * The client's request holds something the Messages API cannot express (audio input, token-array prompts,
 * an uploaded file id of another provider). The provider turns it into a 400 failure for this endpoint.
 */
final class UnsupportedInputException extends RuntimeException {
    UnsupportedInputException(String message) {
        super(message, null, false, false);
    }
}
