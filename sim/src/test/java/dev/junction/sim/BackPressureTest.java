package dev.junction.sim;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** A client that stops reading must stop the generator: the sim honours its write queue. */
class BackPressureTest {
    private static final int TOKENS = 40_000;
    private static final int PAD = 1_000;

    private final SimHarness h = SimHarness.start();

    @AfterEach
    void stop() {
        h.close();
    }

    @Test
    void aClientThatStopsReadingBoundsWhatTheSimSends() throws Exception {
        try (var client = h.raw(4096)) {
            client.post("/v1/chat/completions", """
                    {"model":"m","stream":true,"messages":[],"sim":{"reply_tokens":%d,"pad_bytes":%d}}"""
                    .formatted(TOKENS, PAD));

            SimRequestRecord stalled = awaitStalled();
            long wouldSend = (long) TOKENS * PAD;
            assertThat(stalled.completed()).isFalse();
            assertThat(stalled.cancelled()).isFalse();
            // What the kernel's socket buffers and the 64 KiB write queue hold, far below the whole stream.
            assertThat(stalled.bytesSent()).isLessThan(wouldSend / 4);
            assertThat(stalled.chunksSent()).isLessThan(TOKENS / 4);

            // Reading again resumes the stream through to its end.
            long read = client.drainUntil("data: [DONE]");
            assertThat(read).isGreaterThan(wouldSend);
        }
        SimRequestRecord done = h.awaitRecord(SimRequestRecord::completed);
        assertThat(done.chunksSent()).isEqualTo(TOKENS + 3);
    }

    /** Polls until bytesSent stops growing for a while: the sim is waiting for the write queue to drain. */
    private SimRequestRecord awaitStalled() throws InterruptedException {
        // Generous: on a host whose CPU is being stolen the socket buffers take seconds to fill.
        long deadline = System.nanoTime() + 30_000_000_000L;
        long last = -1;
        int stableReads = 0;
        while (System.nanoTime() < deadline) {
            long sent = h.sim.stats().last().map(SimRequestRecord::bytesSent).orElse(0L);
            if (sent > 0 && sent == last) {
                if (++stableReads == 10) {
                    return h.sim.stats().last().orElseThrow();
                }
            } else {
                stableReads = 0;
                last = sent;
            }
            Thread.sleep(20);
        }
        throw new AssertionError("bytesSent never stopped growing: " + h.sim.stats().last());
    }
}
