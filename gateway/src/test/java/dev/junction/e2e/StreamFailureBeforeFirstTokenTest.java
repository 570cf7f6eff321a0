package dev.junction.e2e;

import dev.junction.money.Money;
import dev.junction.keys.KeyKind;
import dev.junction.sim.SimOptions;
import dev.junction.sim.SimScript;
import dev.junction.testing.GatewayExtension;
import dev.junction.wire.Json;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import tools.jackson.databind.JsonNode;

import java.math.BigDecimal;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A stream whose every attempt fails after keep-alives went out is already a 200: the failure arrives as the
 * in-stream error chunk — and, nothing having been produced, nothing is billed, whatever the timing.
 */
class StreamFailureBeforeFirstTokenTest {
    @RegisterExtension
    static final GatewayExtension gateway = GatewayExtension
            .withSim(SimOptions.defaults().withScript("slow-failure", SimScript.empty().withTtftMs(400).withStatus(503)))
            .config("""
                    providers:
                      sim:
                        name: Sim
                        base-url: ${SIM_URL}
                    models:
                      test/slow-failure:
                        endpoints:
                          - {provider: sim, upstream-model: slow-failure, pricing: {prompt: "0.000001", completion: "0.000002"}}
                    """)
            .env("JUNCTION_SERVER_KEEP_ALIVE_INTERVAL", "50ms");

    @Test
    void theErrorGoesOutInStreamAndNothingIsBilled() {
        String key = gateway.createKey("streamer", KeyKind.STANDARD, Optional.of(Money.ofUsd("1")));

        HttpResponse<String> response = gateway.send(gateway.requestAs("/api/v1/chat/completions", key)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("""
                        {"model":"test/slow-failure","stream":true,"messages":[{"role":"user","content":"hello"}]}"""))
                .build());

        assertThat(response.statusCode()).isEqualTo(200);
        List<String> lines = response.body().lines().toList();
        assertThat(lines).contains(": OPENROUTER PROCESSING");
        List<String> data = lines.stream().filter(l -> l.startsWith("data: ")).map(l -> l.substring(6)).toList();
        assertThat(data).last().isEqualTo("[DONE]");
        JsonNode error = Json.parse(data.get(data.size() - 2));
        assertThat(error.get("error").get("code").asInt()).isEqualTo(502);
        assertThat(error.get("choices").get(0).get("finish_reason").asString()).isEqualTo("error");
        assertThat(error.get("usage").get("cost").decimalValue()).isEqualByComparingTo(BigDecimal.ZERO);

        JsonNode keyInfo = Json.parse(gateway.send(gateway.requestAs("/api/v1/key", key).GET().build()).body()).get("data");
        assertThat(keyInfo.get("usage").decimalValue()).isEqualByComparingTo(BigDecimal.ZERO);
        assertThat(keyInfo.get("limit_remaining").decimalValue()).isEqualByComparingTo(BigDecimal.ONE);
    }
}
