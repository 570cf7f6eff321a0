package dev.junction.e2e;

import dev.junction.money.Money;
import dev.junction.keys.KeyKind;
import dev.junction.sim.SimOptions;
import dev.junction.sim.SimScript;
import dev.junction.sim.SimServer;
import dev.junction.testing.RawExchange;
import dev.junction.testing.Sims;
import dev.junction.testing.TestGateway;
import dev.junction.wire.Json;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import tools.jackson.databind.JsonNode;

import java.math.BigDecimal;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * An upstream's usage is billed, not trusted: token counts no model produces — beyond the double range, twenty
 * digits, {@code Long.MAX_VALUE}, negative — are ignored (Junction's own estimate bills what went out). They used
 * to throw: a 500 for a non-streamed answer, and for a stream a cost overflow that left the stream open forever
 * and its credit hold never released (issue 10).
 */
class UpstreamUsageTest {
    private static final String HUGE = "9223372036854775807";
    private static final BigDecimal LIMIT = new BigDecimal("0.08");

    private static Sims sims;
    private static TestGateway gateway;

    @BeforeAll
    static void start() {
        sims = new Sims();
        SimOptions options = SimOptions.defaults();
        for (String count : List.of(HUGE, "1e999", "99999999999999999999", "-5")) {
            String name = count.replace("-", "minus");
            options = options
                    .withScript("oa-" + name, SimScript.builder().raw(List.of("""
                            {"id":"x","object":"chat.completion","created":1,"model":"m","choices":[{"index":0,"message":\
                            {"role":"assistant","content":"hi"},"finish_reason":"stop"}],\
                            "usage":{"prompt_tokens":%s,"completion_tokens":%s}}""".formatted(count, count))).build())
                    .withScript("oa-stream-" + name, SimScript.builder().raw(List.of(
                            "data: {\"id\":\"x\",\"choices\":[{\"index\":0,\"delta\":{\"content\":\"hi\"}}]}\n\n",
                            "data: {\"id\":\"x\",\"choices\":[],\"usage\":{\"prompt_tokens\":%s,\"completion_tokens\":%s}}\n\n"
                                    .formatted(count, count),
                            "data: [DONE]\n\n")).build())
                    .withScript("gemini-" + name, SimScript.builder().raw(List.of(gemini(count))).build())
                    .withScript("gemini-stream-" + name, SimScript.builder().raw(List.of("data: " + gemini(count) + "\r\n\r\n"))
                            .build())
                    .withScript("claude-" + name, SimScript.builder().raw(List.of("""
                            {"id":"msg_1","type":"message","role":"assistant","model":"c","content":[{"type":"text",\
                            "text":"hi"}],"stop_reason":"end_turn","usage":{"input_tokens":%s,"output_tokens":%s}}"""
                            .formatted(count, count))).build());
        }
        SimServer sim = sims.start(options);
        StringBuilder models = new StringBuilder();
        for (String name : List.of(HUGE, "1e999", "99999999999999999999", "minus5")) {
            for (String[] model : new String[][] {{"oa-", "sim"}, {"oa-stream-", "sim"}, {"gemini-", "google"},
                    {"gemini-stream-", "google"}, {"claude-", "claude"}}) {
                models.append("  liar/").append(model[0]).append(name).append(":\n    endpoints: [{provider: ").append(model[1])
                        .append(", upstream-model: ").append(model[0]).append(name)
                        .append(", pricing: {prompt: \"0.000001\", completion: \"0.000001\"}}]\n");
            }
        }
        gateway = TestGateway.start("""
                catalog: {bundled: false}
                providers:
                  sim: {name: Sim, base-url: "${SIM_URL}"}
                  google: {name: Google AI Studio, kind: gemini, base-url: "${GEMINI_URL}"}
                  claude: {name: Anthropic, kind: anthropic, base-url: "${SIM_URL}"}
                models:
                """ + models, Map.of("SIM_URL", sim.baseUrl(), "GEMINI_URL", "http://127.0.0.1:" + sim.port() + "/v1beta"));
    }

    private static String gemini(String count) {
        return """
                {"candidates":[{"content":{"parts":[{"text":"hi"}],"role":"model"},"finishReason":"STOP"}],\
                "usageMetadata":{"promptTokenCount":%s,"candidatesTokenCount":%s}}""".formatted(count, count);
    }

    @AfterAll
    static void stop() {
        gateway.close();
        sims.close();
    }

    @ParameterizedTest(name = "{0}{1} streamed: {2}")
    @CsvSource({
            "oa-, 9223372036854775807, false", "oa-, 1e999, false", "oa-, 99999999999999999999, false", "oa-, minus5, false",
            "oa-stream-, 9223372036854775807, true", "oa-stream-, 1e999, true", "oa-stream-, minus5, true",
            "gemini-, 9223372036854775807, false", "gemini-stream-, 9223372036854775807, true", "gemini-stream-, minus5, true",
            "claude-, 9223372036854775807, false", "claude-, 1e999, false", "claude-, 99999999999999999999, false"})
    void implausibleUpstreamCountsAreServedAndBilledForWhatWentOut(String protocol, String count, boolean stream) {
        String key = gateway.createKey("careful", KeyKind.STANDARD, Optional.of(Money.ofUsd(LIMIT)));
        String body = """
                {"model":"liar/%s%s","stream":%s,"max_tokens":50000,"messages":[{"role":"user","content":"hi"}]}"""
                .formatted(protocol, count, stream);
        String request = "POST /api/v1/chat/completions HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer " + key
                + "\r\nContent-Type: application/json\r\nConnection: close\r\nContent-Length: " + body.length() + "\r\n\r\n" + body;

        RawExchange.Result result = RawExchange.exchange(gateway.junction().port(), request.getBytes(StandardCharsets.UTF_8),
                false, 0, false, Duration.ofSeconds(20));

        assertThat(result.outcome()).as(result.detail()).isEqualTo(RawExchange.Outcome.ANSWERED);
        assertThat(result.status()).as(result.bodyText()).isEqualTo(200);
        JsonNode usage = stream ? Json.parse(result.events().get(result.events().size() - 2)).get("usage")
                : Json.parse(result.body()).get("usage");
        assertThat(usage.get("prompt_tokens").asLong()).isBetween(0L, 100L);
        assertThat(usage.get("completion_tokens").asLong()).isBetween(0L, 100L);
        BigDecimal cost = usage.get("cost").decimalValue();
        assertThat(cost).isBetween(BigDecimal.ZERO, new BigDecimal("0.001"));
        if (stream) {
            assertThat(result.events()).last().isEqualTo("[DONE]");
        }

        // Charged what the answer said, and nothing still held: a request needing most of the limit is admitted.
        assertThat(limitRemaining(key)).isEqualByComparingTo(LIMIT.subtract(cost));
        HttpResponse<String> next = gateway.send(gateway.requestAs("/api/v1/chat/completions", key)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("""
                        {"model":"liar/oa-minus5","max_tokens":50000,"messages":[{"role":"user","content":"hi"}]}""")).build());
        assertThat(next.statusCode()).as(next.body()).isEqualTo(200);
    }

    private static BigDecimal limitRemaining(String key) {
        HttpResponse<String> info = gateway.send(gateway.requestAs("/api/v1/key", key).GET().build());
        return Json.parseExact(info.body().getBytes()).get("data").get("limit_remaining").decimalValue();
    }
}
