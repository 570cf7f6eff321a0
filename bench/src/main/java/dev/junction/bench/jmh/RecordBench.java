package dev.junction.bench.jmh;

import dev.junction.accounting.Cost;
import dev.junction.accounting.GenerationRecord;
import dev.junction.accounting.RecentGenerations;
import dev.junction.accounting.TokenUsage;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Usage recording: one finished generation into the bounded in-memory store (full, so each insert evicts). */
@State(Scope.Benchmark)
public class RecordBench {
    private static final int CAPACITY = 100_000;
    private final RecentGenerations store = new RecentGenerations(CAPACITY);
    private final GenerationRecord[] records = new GenerationRecord[2 * CAPACITY];
    private int next;

    @Setup
    public void fill() {
        for (int i = 0; i < records.length; i++) {
            records[i] = new GenerationRecord("gen-1700000000-" + i, "hash", "default", "bench/fast", "Mock",
                    "mock|gpt-bench", Optional.of("up"), Instant.EPOCH, false, false, Optional.of("stop"),
                    Optional.of("stop"), new TokenUsage(19, 21, 0, 0, 0, false), Cost.ZERO, 1, 1, Optional.empty(),
                    Optional.empty(), Optional.empty(), Optional.empty(),
                    List.of(new GenerationRecord.ProviderAttempt("Mock", "bench/fast", 200, 1)), 0);
        }
        for (int i = 0; i < CAPACITY; i++) {
            store.record(records[i]);
        }
        next = CAPACITY;
    }

    @Benchmark
    public void record() {
        store.record(records[next]);
        next = next + 1 == records.length ? 0 : next + 1;
    }
}
