package dev.junction.fetch;

/** A URL the guard will not fetch, or a fetch it stopped (too big, too slow, not a success); the message says why. */
public final class FetchRefusedException extends RuntimeException {
    public FetchRefusedException(String message) {
        super(message, null, false, false);
    }
}
