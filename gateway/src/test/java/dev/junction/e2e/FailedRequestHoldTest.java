package dev.junction.e2e;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.junction.money.Money;
import dev.junction.keys.KeyKind;
import dev.junction.testing.GatewayExtension;
import dev.junction.wire.Json;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.slf4j.LoggerFactory;

import java.math.BigDecimal;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A request that fails inside the gateway — here, a message part that a protocol translator cannot
 * decode — gives back every cent it held, whether it streamed or not, and leaves nothing running
 * behind it (issue 10, items 3 and 4).
 */
class FailedRequestHoldTest {
    /** Worst case of one request below ≈ $0.05 (50,000 tokens at $1/M): one hold fits in the limit, two do not. */
    private static final BigDecimal LIMIT = new BigDecimal("0.08");
    private static final String BAD_FILE_PART = """
            {"model":"%s","stream":%s,"max_tokens":50000,"messages":[{"role":"user","content":[
            {"type":"text","text":"read this"},
            {"type":"file","file":{"filename":"a.txt","file_data":"data:text/plain,%%zz"}}]}]}""";

    @RegisterExtension
    static final GatewayExtension gateway = GatewayExtension.withSim()
            .config("""
                    providers:
                      google:
                        name: Google AI Studio
                        kind: gemini
                        base-url: ${SIM_GEMINI_URL}
                      claude:
                        name: Anthropic
                        kind: anthropic
                        base-url: ${SIM_URL}
                    models:
                      google/plain:
                        endpoints: [{provider: google, upstream-model: gemini-2.5-flash, pricing: {prompt: "0.000001", completion: "0.000001"}}]
                      anthropic/plain:
                        endpoints: [{provider: claude, upstream-model: claude-hello, pricing: {prompt: "0.000001", completion: "0.000001"}}]
                    """)
            .env("JUNCTION_SERVER_KEEP_ALIVE_INTERVAL", "20ms");

    private static final ListAppender<ILoggingEvent> LOGGED = new ListAppender<>();

    @BeforeAll
    static void start() {
        LOGGED.start();
        ((Logger) LoggerFactory.getLogger(Logger.ROOT_LOGGER_NAME)).addAppender(LOGGED);
    }

    @AfterAll
    static void stop() {
        ((Logger) LoggerFactory.getLogger(Logger.ROOT_LOGGER_NAME)).detachAppender(LOGGED);
    }

    @Test
    void failedRequestsReleaseTheirHoldsAndLeaveNoTimerBehind() throws Exception {
        String key = gateway.createKey("careful", KeyKind.STANDARD, Optional.of(Money.ofUsd(LIMIT)));
        for (String model : new String[] {"google/plain", "anthropic/plain"}) {
            for (boolean stream : new boolean[] {false, true}) {
                for (int i = 0; i < 5; i++) {
                    HttpResponse<String> refused = gateway.send(gateway.requestAs("/api/v1/chat/completions", key)
                            .header("Content-Type", "application/json")
                            .POST(java.net.http.HttpRequest.BodyPublishers.ofString(
                                    BAD_FILE_PART.formatted(model, stream))).build());
                    assertThat(refused.statusCode()).as(refused.body()).isGreaterThanOrEqualTo(400);
                    assertThat(Json.parse(refused.body()).path("error").path("code").asInt()).isEqualTo(refused.statusCode());
                }
            }
        }
        // Nothing was produced, so nothing is spent...
        assertThat(limitRemaining(key)).isEqualByComparingTo(LIMIT);
        // ...and nothing is still held: a request whose worst case needs most of the limit is admitted and served.
        for (String model : new String[] {"google/plain", "anthropic/plain"}) {
            HttpResponse<String> served = gateway.send(gateway.requestAs("/api/v1/chat/completions", key)
                    .header("Content-Type", "application/json")
                    .POST(java.net.http.HttpRequest.BodyPublishers.ofString("""
                            {"model":"%s","max_tokens":50000,"messages":[{"role":"user","content":"hello"}]}"""
                            .formatted(model))).build());
            assertThat(served.statusCode()).as(served.body()).isEqualTo(200);
        }

        // A keep-alive timer left behind by a failed stream would write to its ended response every 20 ms and
        // log each refusal; give it many intervals to show itself.
        long until = System.nanoTime() + 1_000_000_000L;
        while (System.nanoTime() < until) {
            assertThat(gateway.get("/health").statusCode()).isEqualTo(200);
        }
        List<ILoggingEvent> logged;
        synchronized (LOGGED) {
            logged = List.copyOf(LOGGED.list);
        }
        assertThat(logged).filteredOn(e -> e.getLevel().isGreaterOrEqual(Level.ERROR))
                .extracting(e -> e.getThrowableProxy() == null ? e.getFormattedMessage() : e.getThrowableProxy().getMessage())
                .noneMatch(message -> message != null && message.contains("already been written"));
    }

    private static BigDecimal limitRemaining(String key) {
        HttpResponse<String> info = gateway.send(gateway.requestAs("/api/v1/key", key).GET().build());
        assertThat(info.statusCode()).isEqualTo(200);
        return Json.parse(info.body()).get("data").get("limit_remaining").decimalValue();
    }
}
