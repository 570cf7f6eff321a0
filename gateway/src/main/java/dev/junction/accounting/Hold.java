package dev.junction.accounting;

import dev.junction.keys.ApiKey;

/**
 * Credit reserved for one request's worst case, settled to the exact cost (or released) exactly once.
 * Owned by the request: one event loop touches it.
 */
public final class Hold {
    final ApiKey key;
    final Money amount;
    private boolean closed;

    Hold(ApiKey key, Money amount) {
        this.key = key;
        this.amount = amount;
    }

    public Money amount() {
        return amount;
    }

    public boolean closed() {
        return closed;
    }

    /** Marks the hold closed; true the first time only, so settlement can never happen twice. */
    boolean close() {
        if (closed) {
            return false;
        }
        closed = true;
        return true;
    }
}
