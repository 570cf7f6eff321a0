package dev.junction.store;

import dev.junction.accounting.GenerationRecord;
import dev.junction.config.StorageConfig;

import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.Optional;

/**
 * The process {@link RecorderCrashTest} kills: opens a store in the given data directory (on the
 * database of the given URL, {@code -} for the default SQLite file) and records generations from
 * several threads as fast as it can, printing each id only after {@code record()} has returned. It
 * never stops by itself.
 */
public final class CrashChild {
    static final String READY = "ready";
    static final Instant DAY_ONE = Instant.parse("2026-11-20T23:59:00Z");

    private CrashChild() {}

    /** The record the child makes for an id: its cost and day follow from the id, for reconciliation. */
    static GenerationRecord generation(int thread, int i) {
        String id = "gen-" + thread + "-" + i;
        return StoreTesting.generation(id, "key-" + thread % 3, "default", "m/model-" + i % 2, "p|e",
                DAY_ONE.plusSeconds(i % 120), cost(thread, i), 100 + i % 7, 10 + i % 5, i % 3);
    }

    static long cost(int thread, int i) {
        return 1_000_000L * (thread + 1) + i;
    }

    public static void main(String[] args) throws Exception {
        Path dataDir = Path.of(args[0]);
        int threads = Integer.parseInt(args[1]);
        Optional<String> databaseUrl = Optional.of(args[2]).filter(url -> !url.equals("-"));
        PrintStream out = new PrintStream(new FileOutputStream(FileDescriptor.out), false, StandardCharsets.UTF_8);
        Store store = Stores.open(new StorageConfig(dataDir, databaseUrl, Duration.ofMillis(100)), InstantSource.system());
        out.println(READY);
        out.flush();
        for (int t = 0; t < threads; t++) {
            int thread = t;
            Thread.ofPlatform().start(() -> {
                for (int i = 0; ; i++) {
                    GenerationRecord g = generation(thread, i);
                    store.recorder().record(g);
                    synchronized (out) {
                        out.print(g.id() + "\n");
                        out.flush();
                    }
                }
            });
        }
        Thread.currentThread().join();
    }
}
