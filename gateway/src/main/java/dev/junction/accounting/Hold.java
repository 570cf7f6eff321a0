package dev.junction.accounting;

import dev.junction.keys.ApiKey;

/**
 * Credit reserved for one request's worst case, settled to the exact cost (or released) exactly once.
 * Owned by the request: one event loop touches it.
 */
public final class Hold {
    /** The id of a hold kept in this process's memory rather than in a shared store. */
    public static final String LOCAL = "local";

    final ApiKey key;
    final Money amount;
    private final String id;
    private boolean closed;

    /** @param id where the hold lives: {@link #LOCAL}, or its id in the shared store */
    public Hold(ApiKey key, Money amount, String id) {
        this.key = key;
        this.amount = amount;
        this.id = id;
    }

    public ApiKey key() {
        return key;
    }

    public Money amount() {
        return amount;
    }

    public String id() {
        return id;
    }

    public boolean isLocal() {
        return LOCAL.equals(id);
    }

    public boolean closed() {
        return closed;
    }

    /** Marks the hold closed; true the first time only, so settlement can never happen twice. */
    public boolean close() {
        if (closed) {
            return false;
        }
        closed = true;
        return true;
    }
}
