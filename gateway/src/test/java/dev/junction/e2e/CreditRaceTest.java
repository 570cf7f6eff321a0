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
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Hundreds of concurrent requests race one key's small limit: the sum of what was settled never passes
 * the limit, every refusal is a 402 (never a 500), and the books agree with the responses.
 */
class CreditRaceTest {
    @RegisterExtension
    static final GatewayExtension gateway = GatewayExtension
            // Each request takes a little while, so hundreds are in flight at once.
            .withSim(SimOptions.defaults().withDefaultScript(SimScript.empty().withTtftMs(30)))
            .config("""
                    catalog: {bundled: false}
                    providers:
                      sim: {name: Sim, base-url: "${SIM_URL}"}
                    models:
                      acme/model:
                        endpoints: [{provider: sim, upstream-model: m, pricing: {prompt: "0.00001", completion: "0.00002"}}]
                    """);

    @Test
    void concurrentRequestsNeverSpendPastTheKeysLimit() {
        BigDecimal limit = new BigDecimal("0.01");
        String key = gateway.createKey("racer", KeyKind.STANDARD, Optional.of(Money.ofUsd(limit)));
        // worst case per request: (13 chars + 64 framing) × $10/M + 8 × $20/M = $0.00093; actual ≈ $0.00009
        String body = """
                {"model":"acme/model","max_tokens":8,"messages":[{"role":"user","content":"a b c d e f g"}]}""";
        List<CompletableFuture<HttpResponse<String>>> inFlight = new ArrayList<>();
        try (HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build()) {
            for (int i = 0; i < 300; i++) {
                inFlight.add(client.sendAsync(gateway.requestAs("/api/v1/chat/completions", key)
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString()));
            }
            BigDecimal settled = BigDecimal.ZERO;
            int served = 0;
            int refused = 0;
            for (CompletableFuture<HttpResponse<String>> f : inFlight) {
                HttpResponse<String> response = f.join();
                JsonNode json = Json.parse(response.body());
                if (response.statusCode() == 200) {
                    served++;
                    settled = settled.add(json.get("usage").get("cost").decimalValue());
                } else {
                    assertThat(response.statusCode()).as(response.body()).isEqualTo(402);
                    assertThat(json.get("error").get("code").asInt()).isEqualTo(402);
                    assertThat(json.get("error").get("message").asString()).contains("Key limit exceeded");
                    refused++;
                }
            }
            assertThat(served).as("some requests fit").isPositive();
            assertThat(refused).as("the limit was reached").isPositive();
            assertThat(settled).isLessThanOrEqualTo(limit);

            JsonNode keyInfo = Json.parse(gateway.send(gateway.requestAs("/api/v1/key", key).GET().build()).body()).get("data");
            assertThat(keyInfo.get("usage").decimalValue()).isEqualByComparingTo(settled);
            assertThat(keyInfo.get("limit_remaining").decimalValue()).isEqualByComparingTo(limit.subtract(settled));
            gateway.junction().services().store().recorder().flush();
            String hash = dev.junction.config.KeyHash.sha256Hex(key);
            assertThat(gateway.junction().services().store().usage()
                    .keyUsage(hash, java.time.LocalDate.now(java.time.ZoneOffset.UTC)).total().toUsd())
                    .isEqualByComparingTo(settled);
        }
    }
}
