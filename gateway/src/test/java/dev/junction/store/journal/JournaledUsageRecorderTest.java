package dev.junction.store.journal;

import dev.junction.accounting.GenerationRecord;
import dev.junction.store.Backend;
import dev.junction.store.StoreException;
import dev.junction.store.StoreTesting;
import dev.junction.store.TestDatabase;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@ParameterizedClass(name = "{0}")
@EnumSource(Backend.class)
class JournaledUsageRecorderTest {
    private static final Instant T0 = Instant.parse("2026-11-20T12:00:00Z");
    private static final long SMALL_SEGMENT = 64 * 1024;

    @Parameter
    Backend backend;
    @TempDir
    Path dir;
    private TestDatabase db;

    @BeforeEach
    void createDatabase() {
        db = backend.create(dir);
    }

    @AfterEach
    void dropDatabase() throws Exception {
        StoreTesting.closeAll(db);
    }

    /** Record i of a test: spread over 3 keys and 2 days, costing i + 1 pico-dollars. */
    private static GenerationRecord gen(int i) {
        return StoreTesting.minimal("gen-" + i, "key-" + (i % 3), T0.plusSeconds(3600L * (i % 2) * 13), i + 1);
    }

    private long count() throws SQLException {
        return db.longValue("SELECT COUNT(*) FROM generations");
    }

    private long usageSum() throws SQLException {
        return db.longValue("SELECT COALESCE(SUM(usage_picos), 0) FROM key_usage_daily");
    }

    private static long expectedSum(int n) {
        return (long) n * (n + 1) / 2;
    }

    @Test
    void recordsFromManyThreadsAreAllCommittedExactlyOnce() throws Exception {
        int threads = 8;
        int perThread = 2_000;
        try (Harness h = Harness.open(db, dir, SMALL_SEGMENT, true)) {
            CountDownLatch start = new CountDownLatch(1);
            ExecutorService pool = Executors.newFixedThreadPool(threads);
            List<Future<?>> done = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int base = t * perThread;
                done.add(pool.submit(() -> {
                    start.await();
                    for (int i = 0; i < perThread; i++) {
                        h.record(gen(base + i));
                    }
                    return null;
                }));
            }
            start.countDown();
            for (Future<?> f : done) {
                f.get();
            }
            pool.shutdown();
            h.recorder.flush();

            int n = threads * perThread;
            assertThat(count()).isEqualTo(n);
            assertThat(usageSum()).isEqualTo(expectedSum(n));
            assertThat(db.longValue("SELECT SUM(requests) FROM key_usage_daily")).isEqualTo(n);
            StoreTesting.assertAggregatesMatchGenerations(db);
            // 16,000 records of ~150 bytes do not fit in one 64 KiB segment: full segments were retired.
            assertThat(db.longValue("SELECT COUNT(*) FROM journal_checkpoints WHERE retired_at IS NULL"))
                    .isLessThanOrEqualTo(threads * 2L);
        }
        assertThat(Harness.segments(dir)).as("a clean close leaves no journal behind").isEmpty();
        assertThat(db.longValue("SELECT COUNT(*) FROM journal_checkpoints")).isZero();
    }

    @Test
    void recordsArrivingWithinTheCommitWindowShareATransactionAndAFlushDoesNotWaitOutTheWindow() throws Exception {
        int n = 100;
        try (Harness h = Harness.open(db, dir, SMALL_SEGMENT, true, Duration.ofHours(1))) {
            long started = System.nanoTime();
            for (int i = 0; i < n; i++) {
                h.record(gen(i));
            }
            h.recorder.flush();

            assertThat(Duration.ofNanos(System.nanoTime() - started)).as("the flush committed at once")
                    .isLessThan(Duration.ofMinutes(1));
            assertThat(count()).isEqualTo(n);
            assertThat(usageSum()).isEqualTo(expectedSum(n));
            // The first record after a quiet spell goes at once; the rest wait for the window, or the flush.
            assertThat(h.sink.commits.get()).isBetween(1, 2);
        }
    }

    @Test
    void whatWasNeverCommittedIsReplayedAtTheNextOpen() throws Exception {
        Harness h = Harness.open(db, dir, SMALL_SEGMENT, false);
        for (int i = 0; i < 1_500; i++) {
            h.record(gen(i));
        }
        h.crash();
        assertThat(count()).isZero();
        List<Path> leftBehind = Harness.segments(dir);
        assertThat(leftBehind).isNotEmpty();

        try (Harness reopened = Harness.open(db, dir, SMALL_SEGMENT, true)) {
            assertThat(count()).as("replayed before open returns").isEqualTo(1_500);
            assertThat(usageSum()).isEqualTo(expectedSum(1_500));
            StoreTesting.assertAggregatesMatchGenerations(db);
            assertThat(Harness.segments(dir)).as("replayed segments are deleted").doesNotContainAnyElementsOf(leftBehind);
        }
    }

    @Test
    void aCrashAfterAPartialCommitCountsEveryRecordOnce() throws Exception {
        Harness h = Harness.open(db, dir, SMALL_SEGMENT, true);
        for (int i = 0; i < 300; i++) {
            h.record(gen(i));
        }
        h.recorder.flush();
        h.sink.shut();
        for (int i = 300; i < 500; i++) {
            h.record(gen(i));
        }
        h.crash();
        assertThat(count()).isEqualTo(300);

        try (Harness reopened = Harness.open(db, dir, SMALL_SEGMENT, true)) {
            assertThat(count()).isEqualTo(500);
            assertThat(usageSum()).isEqualTo(expectedSum(500));
            StoreTesting.assertAggregatesMatchGenerations(db);
        }
    }

    @Test
    void replayingRecordsAlreadyCommittedChangesNothingEvenWithoutCheckpoints() throws Exception {
        Harness h = Harness.open(db, dir, SMALL_SEGMENT, true);
        for (int i = 0; i < 200; i++) {
            h.record(gen(i));
        }
        h.recorder.flush();
        h.crash();
        // Lose every checkpoint: the next open must read the segments from their start.
        try (var c = db.connect(); var st = c.createStatement()) {
            assertThat(st.executeUpdate("DELETE FROM journal_checkpoints")).isPositive();
        }

        for (int round = 0; round < 2; round++) {
            Harness again = Harness.open(db, dir, SMALL_SEGMENT, true);
            assertThat(count()).isEqualTo(200);
            assertThat(usageSum()).isEqualTo(expectedSum(200));
            StoreTesting.assertAggregatesMatchGenerations(db);
            again.crash();
        }
    }

    @Test
    void aRecordCutShortAtTheEndOfASegmentIsIgnored() throws Exception {
        List<RecoveredSegment.Entry> entries = crashWithRecordsInOneSegment(40);
        long lastStart = entries.get(entries.size() - 2).end();
        Path segment = segmentWithRecords();
        try (FileChannel ch = FileChannel.open(segment, StandardOpenOption.WRITE)) {
            ch.truncate(lastStart + 11); // inside the last frame's payload
        }

        try (Harness reopened = Harness.open(db, dir, SMALL_SEGMENT, true)) {
            assertThat(count()).isEqualTo(39);
            assertThat(db.longValue("SELECT COUNT(*) FROM generations WHERE id = 'gen-39'")).isZero();
            assertThat(usageSum()).isEqualTo(expectedSum(39));
            StoreTesting.assertAggregatesMatchGenerations(db);
        }
    }

    @Test
    void aRecordWithADamagedPayloadEndsTheReplayOfItsSegment() throws Exception {
        List<RecoveredSegment.Entry> entries = crashWithRecordsInOneSegment(40);
        long lastStart = entries.get(entries.size() - 2).end();
        try (FileChannel ch = FileChannel.open(segmentWithRecords(), StandardOpenOption.WRITE)) {
            ch.write(ByteBuffer.wrap(new byte[] {(byte) 0xFF, 0x13}), lastStart + 20);
        }

        try (Harness reopened = Harness.open(db, dir, SMALL_SEGMENT, true)) {
            assertThat(count()).isEqualTo(39);
            StoreTesting.assertAggregatesMatchGenerations(db);
        }
    }

    /** Records n generations from this one thread (one lane, one segment), none committed, then crashes. */
    private List<RecoveredSegment.Entry> crashWithRecordsInOneSegment(int n) throws Exception {
        Harness h = Harness.open(db, dir, SMALL_SEGMENT, false);
        for (int i = 0; i < n; i++) {
            h.record(gen(i));
        }
        h.crash();
        RecoveredSegment segment = RecoveredSegment.tryTakeOver(segmentWithRecords()).orElseThrow();
        try {
            List<RecoveredSegment.Entry> entries = segment.scan(SegmentFormat.HEADER_SIZE).entries();
            assertThat(entries).extracting(e -> e.generation().id()).hasSize(n).endsWith("gen-" + (n - 1));
            return entries;
        } finally {
            segment.abandon();
        }
    }

    /** The one segment file that holds records (the others are unused spares). */
    private Path segmentWithRecords() throws IOException {
        List<Path> withRecords = new ArrayList<>();
        for (Path p : Harness.segments(dir)) {
            RecoveredSegment s = RecoveredSegment.tryTakeOver(p).orElseThrow();
            try {
                if (!s.scan(SegmentFormat.HEADER_SIZE).entries().isEmpty()) {
                    withRecords.add(p);
                }
            } finally {
                s.abandon();
            }
        }
        assertThat(withRecords).hasSize(1);
        return withRecords.getFirst();
    }

    @Test
    void segmentsOfALiveRecorderAreLeftToIt() throws Exception {
        Harness a = Harness.open(db, dir, SMALL_SEGMENT, false);
        for (int i = 0; i < 20; i++) {
            a.record(gen(i));
        }
        try (Harness b = Harness.open(db, dir, SMALL_SEGMENT, true)) {
            assertThat(count()).as("b must not replay a's segments while a runs").isZero();
            a.sink.open();
            a.recorder.flush();
            assertThat(count()).isEqualTo(20);
            b.record(gen(20));
            b.recorder.flush();
        }
        a.close();
        assertThat(count()).isEqualTo(21);
        assertThat(usageSum()).isEqualTo(expectedSum(21));
        StoreTesting.assertAggregatesMatchGenerations(db);
        assertThat(Harness.segments(dir)).isEmpty();
    }

    @Test
    void aRecordLargerThanASegmentGetsASegmentOfItsOwn() throws Exception {
        GenerationRecord huge = withTitle(StoreTesting.full("gen-big", "k", T0), "x".repeat(200_000));
        try (Harness h = Harness.open(db, dir, SMALL_SEGMENT, true)) {
            h.record(gen(1));
            h.record(huge);
            h.record(gen(2));
            h.recorder.flush();
            assertThat(count()).isEqualTo(3);
        }
        Harness h = Harness.open(db, dir, SMALL_SEGMENT, false);
        h.record(withTitle(StoreTesting.full("gen-big-2", "k", T0), "y".repeat(200_000)));
        h.crash();
        try (Harness reopened = Harness.open(db, dir, SMALL_SEGMENT, true)) {
            assertThat(db.longValue("SELECT length(app_title) FROM generations WHERE id = 'gen-big-2'"))
                    .isEqualTo(200_000);
            StoreTesting.assertAggregatesMatchGenerations(db);
        }
    }

    @Test
    void recordingAfterCloseFailsAndCloseIsIdempotent() throws Exception {
        Harness h = Harness.open(db, dir, SMALL_SEGMENT, true);
        h.record(gen(0));
        h.close();
        assertThat(count()).isEqualTo(1);
        assertThatThrownBy(() -> h.record(gen(1))).isInstanceOf(StoreException.class);
        h.recorder.close();
        h.recorder.flush();
    }

    private static GenerationRecord withTitle(GenerationRecord g, String title) {
        return new GenerationRecord(g.id(), g.keyHash(), g.accountId(), g.model(), g.providerName(), g.endpointId(),
                g.upstreamId(), g.createdAt(), g.streamed(), g.cancelled(), g.finishReason(), g.nativeFinishReason(),
                g.usage(), g.cost(), g.latencyMillis(), g.generationMillis(), g.externalUser(), g.httpReferer(),
                Optional.of(title), g.userAgent(), g.attempts(), g.mediaInPrompt());
    }
}
