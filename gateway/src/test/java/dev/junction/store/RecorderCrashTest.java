package dev.junction.store;

import dev.junction.accounting.GenerationRecord;
import dev.junction.store.jdbc.JdbcStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The crash test of issue 5: a separate JVM records generations under load and reports each id once
 * {@code record()} has returned; it is killed with SIGKILL mid-load; every reported id must then be in
 * the database exactly once, and the aggregates must be the sums of the records. On SQLite and on
 * PostgreSQL, where the killed process also leaves its connections behind for the server to drop.
 */
@ParameterizedClass(name = "{0}")
@EnumSource(Backend.class)
class RecorderCrashTest {
    private static final int THREADS = 3;
    private static final int KILL_AFTER = 4_000;

    @Parameter
    Backend backend;
    @TempDir
    Path dir;
    private TestDatabase db;

    @AfterEach
    void dropDatabase() throws Exception {
        StoreTesting.closeAll(db);
    }

    @Test
    void aKilledProcessLosesNoRecordedGeneration() throws Exception {
        Path stderr = dir.resolve("child.stderr");
        Path dataDir = dir.resolve("data");
        db = backend.create(dataDir);
        Process child = new ProcessBuilder(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "--enable-native-access=ALL-UNNAMED", "-Xmx256m",
                "-cp", System.getProperty("java.class.path"),
                CrashChild.class.getName(), dataDir.toString(), String.valueOf(THREADS),
                db.config(dataDir).databaseUrl().orElse("-"))
                .redirectError(stderr.toFile())
                .start();
        List<String> reported;
        try {
            reported = readUntilKilled(child, stderr);
        } finally {
            child.destroyForcibly();
            child.waitFor(10, TimeUnit.SECONDS);
        }
        assertThat(reported).hasSizeGreaterThanOrEqualTo(KILL_AFTER);

        try (JdbcStore store = db.open(dataDir, () -> Instant.parse("2026-11-21T00:00:00Z"))) {
            Set<String> stored = new HashSet<>();
            db.rows("SELECT id FROM generations", 1).forEach(r -> stored.add(r.getFirst()));
            assertThat(stored).containsAll(reported);
            for (String id : reported.subList(reported.size() - 50, reported.size())) {
                String[] parts = id.split("-");
                GenerationRecord expected = CrashChild.generation(Integer.parseInt(parts[1]), Integer.parseInt(parts[2]));
                assertThat(store.generations().find(id)).contains(expected);
            }
            assertThat(db.longValue("SELECT SUM(requests) FROM key_usage_daily"))
                    .as("each stored generation counted exactly once").isEqualTo(stored.size());
            long expectedUsage = stored.stream().mapToLong(id -> {
                String[] parts = id.split("-");
                return CrashChild.cost(Integer.parseInt(parts[1]), Integer.parseInt(parts[2]));
            }).sum();
            assertThat(db.longValue("SELECT SUM(usage_picos) FROM key_usage_daily"))
                    .isEqualTo(expectedUsage);
            StoreTesting.assertAggregatesMatchGenerations(db);
        }
    }

    /**
     * Reads reported ids until {@link #KILL_AFTER} have come, kills the child with SIGKILL at once, then
     * reads what it had written before dying. A line cut by the kill (no newline) was never a report.
     */
    private static List<String> readUntilKilled(Process child, Path stderr) throws IOException, InterruptedException {
        InputStream in = child.getInputStream();
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        List<String> ids = new ArrayList<>();
        boolean ready = false;
        boolean killed = false;
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        int b;
        while ((b = in.read()) != -1) {
            if (b != '\n') {
                line.write(b);
                continue;
            }
            String text = line.toString(StandardCharsets.UTF_8);
            line.reset();
            if (!ready) {
                ready = CrashChild.READY.equals(text);
                continue;
            }
            ids.add(text);
            if (!killed && ids.size() >= KILL_AFTER) {
                // SIGKILL: no shutdown hooks, no flush, no close. Through the handle, because
                // Process.destroyForcibly() also closes our end of the pipe, losing what the child
                // had already written.
                child.toHandle().destroyForcibly();
                killed = true;
            }
            if (System.nanoTime() > deadline && !killed) {
                break;
            }
        }
        child.waitFor(10, TimeUnit.SECONDS);
        assertThat(ready).as("child started; its stderr:%n%s", Files.exists(stderr) ? Files.readString(stderr) : "")
                .isTrue();
        assertThat(killed).as("child reported %s ids before the deadline", ids.size()).isTrue();
        assertThat(child.exitValue()).as("killed by SIGKILL").isEqualTo(137);
        return ids;
    }
}
