package dev.junction.store;

/** Storage failed: the database or the usage journal could not do what was asked. */
public class StoreException extends RuntimeException {
    public StoreException(String message) {
        super(message);
    }

    public StoreException(String message, Throwable cause) {
        super(message, cause);
    }
}
