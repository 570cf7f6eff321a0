package dev.junction.keys;

/** A presented key that cannot be used: unknown, deleted or disabled. The client is told 401. */
public final class KeyRefusedException extends RuntimeException {
    private KeyRefusedException(String message) {
        super(message, null, false, false);
    }

    static KeyRefusedException unknown() {
        return new KeyRefusedException("Invalid API key");
    }

    static KeyRefusedException disabled() {
        return new KeyRefusedException("This API key is disabled");
    }
}
