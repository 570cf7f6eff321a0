package dev.junction.providers;

import java.util.ArrayList;
import java.util.List;

/**
 * Raised once when the client goes away, so the upstream call in flight is aborted at once. Used on a
 * single event loop: the request's and the upstream client's callbacks share one context.
 */
public final class AbortSignal {
    private final List<Runnable> listeners = new ArrayList<>(2);
    private boolean aborted;

    public boolean aborted() {
        return aborted;
    }

    /** Runs {@code listener} on abort, or now if already aborted. */
    public void onAbort(Runnable listener) {
        if (aborted) {
            listener.run();
        } else {
            listeners.add(listener);
        }
    }

    public void abort() {
        if (aborted) {
            return;
        }
        aborted = true;
        for (Runnable listener : List.copyOf(listeners)) {
            listener.run();
        }
        listeners.clear();
    }
}
