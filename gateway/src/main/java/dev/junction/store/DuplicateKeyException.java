package dev.junction.store;

/** A row with the same primary key exists already (an API key hash or a PKCE code inserted twice). */
public final class DuplicateKeyException extends StoreException {
    public DuplicateKeyException(String message, Throwable cause) {
        super(message, cause);
    }
}
