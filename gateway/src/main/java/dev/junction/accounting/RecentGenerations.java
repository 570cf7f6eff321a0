package dev.junction.accounting;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;

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

    /**
     * The newest {@code limit} of the generations {@code filter} accepts, newest first — for listings, which take
     * those the store has not been given yet from here. Scans the whole (bounded) map, while holding its lock.
     */
    public List<GenerationRecord> newest(Predicate<GenerationRecord> filter, Comparator<GenerationRecord> newestFirst, int limit) {
        List<GenerationRecord> found = new ArrayList<>();
        synchronized (byId) {
            for (GenerationRecord g : byId.values()) {
                if (filter.test(g)) {
                    found.add(g);
                }
            }
        }
        found.sort(newestFirst);
        return found.size() > limit ? List.copyOf(found.subList(0, limit)) : found;
    }

    public Optional<GenerationRecord> find(String id) {
        synchronized (byId) {
            return Optional.ofNullable(byId.get(id));
        }
    }
}
