package dev.junction.observability;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * One label's values, capped: the first {@code cap} distinct values each get series of their own, every later one
 * is {@value #OTHER}. Models come and go with discovery and key names with their owners, so without a cap the
 * series a scrape returns would grow without bound. Thread-safe; a known value costs one lookup.
 */
final class BoundedLabel {
    static final String OTHER = "other";
    /** A value that is not there: a request that never reached a model, a provider or a key. */
    static final String NONE = "none";

    private final int cap;
    private final Set<String> admitted = ConcurrentHashMap.newKeySet();

    BoundedLabel(int cap) {
        this.cap = cap;
    }

    String of(String value) {
        if (value == null || value.isEmpty()) {
            return NONE;
        }
        if (admitted.contains(value)) {
            return value;
        }
        // Two threads may both pass the size check at the cap: the cap is exceeded by a value or two, never more.
        if (admitted.size() < cap) {
            admitted.add(value);
            return value;
        }
        return OTHER;
    }
}
