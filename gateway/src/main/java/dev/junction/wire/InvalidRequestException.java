package dev.junction.wire;

/** The request body is malformed; the message names the field and what is wrong. Becomes a 400. */
public final class InvalidRequestException extends RuntimeException {
    public InvalidRequestException(String message) {
        super(message, null, false, false);
    }
}
