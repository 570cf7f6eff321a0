package dev.junction.limits;

/**
 * An {@link Admission} found the key changed since the caller's copy was read (on another instance of a
 * cluster: a new limit, rate limit, or the key disabled or deleted), and admitted nothing: the caller
 * reloads the key and asks again. Should that copy be overtaken too, the client is told to retry (503).
 */
public final class KeyChangedException extends RuntimeException {
    public KeyChangedException(String keyLabel) {
        super("The API key " + keyLabel + " was changed while this request was being admitted. Try again.", null, false, false);
    }
}
