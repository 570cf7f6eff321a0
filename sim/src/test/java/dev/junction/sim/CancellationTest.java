package dev.junction.sim;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** A client that goes away must be seen at once, and must stop all work for it. */
class CancellationTest {
    /**
     * How soon the sim must notice a client leaving: well before its streams would end (seconds), so a
     * close it missed fails. Not a latency target — the gateway's is StreamingTest's, and the benchmarks'
     * to measure; 100 ms failed here only on a host whose CPU was being stolen.
     */
    private static final Duration PROMPT = Duration.ofMillis(500);

    private final SimHarness h = SimHarness.start();

    @AfterEach
    void stop() {
        h.close();
    }

    @Test
    void aClientClosingMidStreamIsRecordedAsCancelledAtOnce() throws Exception {
        long closedAt;
        try (var client = h.raw(65536)) {
            client.post("/v1/chat/completions", """
                    {"model":"m","stream":true,"messages":[],"sim":{"reply_tokens":1000,"chunk_interval_ms":20}}""");
            client.readUntil("data: ", 4); // the role chunk and three tokens
            closedAt = System.nanoTime();
        }

        SimRequestRecord r = h.awaitRecord(SimRequestRecord::closed);
        assertThat(r.cancelled()).isTrue();
        assertThat(r.completed()).isFalse();
        assertThat(r.failed()).isFalse();
        assertThat(r.closedSince(closedAt)).hasValueSatisfying(d -> assertThat(d).isLessThan(PROMPT));
        assertThat(r.closedAfterLastWrite()).hasValueSatisfying(d -> assertThat(d).isLessThan(Duration.ofMillis(20 + 100)));
        assertThat(r.chunksSent()).isLessThan(20);
        assertThat(r.lastWriteAtNanos()).as("nothing written after the close").isLessThanOrEqualTo(r.closedAtNanos());
    }

    @Test
    void aClientLeavingDuringTheTtftIsRecordedAndNothingIsSent() throws Exception {
        long closedAt;
        try (var client = h.raw(65536)) {
            client.post("/v1/chat/completions", """
                    {"model":"m","stream":true,"messages":[],"sim":{"ttft_ms":10000}}""");
            h.awaitRecord(r -> r.model().equals("m"));
            closedAt = System.nanoTime();
        }

        SimRequestRecord r = h.awaitRecord(SimRequestRecord::closed);
        assertThat(r.cancelled()).isTrue();
        assertThat(r.status()).isZero();
        assertThat(r.bytesSent()).isZero();
        assertThat(r.closedSince(closedAt)).hasValueSatisfying(d -> assertThat(d).isLessThan(PROMPT));
    }

    @Test
    void aHangingRequestIsCancelledWhenTheClientTimesOut() throws Exception {
        CompletableFuture<HttpResponse<String>> pending = h.http.sendAsync(
                h.request("/v1/chat/completions")
                        .timeout(Duration.ofMillis(150))
                        .POST(java.net.http.HttpRequest.BodyPublishers.ofString(
                                "{\"model\":\"m\",\"messages\":[],\"sim\":{\"hang\":true}}"))
                        .build(),
                HttpResponse.BodyHandlers.ofString());

        assertThat(pending).failsWithin(Duration.ofSeconds(5)).withThrowableThat()
                .havingRootCause().isInstanceOf(java.net.http.HttpTimeoutException.class);
        SimRequestRecord r = h.awaitRecord(SimRequestRecord::closed);
        assertThat(r.cancelled()).isTrue();
        assertThat(r.status()).isZero();
        assertThat(r.bytesSent()).isZero();
    }

    @Test
    void closingTheServerEndsHangingExchanges() throws Exception {
        try (var client = h.raw(65536)) {
            client.post("/v1/chat/completions", "{\"model\":\"m\",\"messages\":[],\"sim\":{\"hang\":true}}");
            h.awaitRecord(r -> r.model().equals("m"));

            h.sim.close().await(5, java.util.concurrent.TimeUnit.SECONDS);

            assertThat(client.drainUntilClosed()).isZero();
            assertThat(h.awaitRecord(SimRequestRecord::closed).cancelled()).isTrue();
        }
    }
}
