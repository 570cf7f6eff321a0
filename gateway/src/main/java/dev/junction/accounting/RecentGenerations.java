package dev.junction.accounting;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * Keeps the generations the persistent store has not committed yet in memory, for {@code GET /generation}
 * lookups until the store takes over: a record is {@link #forget forgotten} once its batch commits, and the
 * oldest go first beyond the bound (while the database is unreachable, say). Forgetting at the commit keeps a
 * record's life to the writer's commit window, so records die young instead of surviving young collections
 * to be copied and promoted (bench/RESULTS.md §10). Writers are event-loop threads and the usage writer, so
 * access is synchronised; the critical sections are map insertions and removals.
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

    /** The store has committed these generations: lookups find them there from now on. */
    public void forget(Collection<GenerationRecord> committed) {
        synchronized (byId) {
            for (GenerationRecord g : committed) {
                byId.remove(g.id());
            }
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
