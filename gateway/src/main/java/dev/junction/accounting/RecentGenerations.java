package dev.junction.accounting;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Keeps the most recent generations in memory, bounded, for {@code GET /generation} lookups until the
 * persistent store takes over. Writers are event-loop threads, so access is synchronised; the critical
 * section is a map insertion.
 */
public final class RecentGenerations implements GenerationSink {
    private final Map<String, GenerationRecord> byId;

    public RecentGenerations(int capacity) {
        this.byId = new LinkedHashMap<>(Math.min(capacity, 1024), 0.75f, false) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, GenerationRecord> eldest) {
                return size() > capacity;
            }
        };
    }

    @Override
    public void record(GenerationRecord generation) {
        synchronized (byId) {
            byId.put(generation.id(), generation);
        }
    }

    public Optional<GenerationRecord> find(String id) {
        synchronized (byId) {
            return Optional.ofNullable(byId.get(id));
        }
    }
}
