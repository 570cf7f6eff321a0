package dev.junction.e2e;

import dev.junction.keys.KeyKind;
import dev.junction.testing.GatewayExtension;
import dev.junction.testing.MutableClock;
import dev.junction.wire.Json;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import tools.jackson.databind.JsonNode;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/** The account's balance is enforced, and /activity reports complete UTC days, on a clock the test moves. */
class ActivityAndBalanceTest {
    private static final MutableClock CLOCK = new MutableClock(Instant.parse("2026-11-20T10:00:00Z"));

    @RegisterExtension
    static final GatewayExtension gateway = GatewayExtension.withSim()
            .config("""
                    catalog: {bundled: false}
                    limits: {key-default: none}  # this test is about credits; RateLimitTest covers the credit-scaled rate
                    providers:
                      sim: {name: Sim, base-url: "${SIM_URL}"}
                    models:
                      acme/model:
                        endpoints: [{provider: sim, upstream-model: m, pricing: {prompt: "0.000001", completion: "0.000002"}}]
                    """)
            .env("JUNCTION_ACCOUNTING_ENFORCE_BALANCE", "true")
            .clock(CLOCK);

    private static String admin;

    @BeforeAll
    static void start() {
        admin = gateway.createKey("admin", KeyKind.PROVISIONING, Optional.empty());
    }

    private static HttpResponse<String> chat() {
        return gateway.post("/api/v1/chat/completions", """
                {"model":"acme/model","max_tokens":10,"messages":[{"role":"user","content":"one two three"}]}""");
    }

    @Test
    void withoutCreditsRequestsAre402AndWithCreditsTheyPassAndShowInActivity() {
        HttpResponse<String> broke = chat();
        assertThat(broke.statusCode()).as(broke.body()).isEqualTo(402);
        assertThat(Json.parse(broke.body()).get("error").get("message").asString()).contains("Insufficient credits");

        assertThat(gateway.send(gateway.requestAs("/api/v1/credits", admin).header("Content-Type", "application/json")
                .POST(java.net.http.HttpRequest.BodyPublishers.ofString("{\"amount\":1}")).build()).statusCode()).isEqualTo(200);
        for (int i = 0; i < 3; i++) {
            assertThat(chat().statusCode()).isEqualTo(200);
        }
        gateway.junction().services().store().recorder().flush();

        JsonNode today = activity("");
        assertThat(today.get("data")).isEmpty(); // only complete days are reported
        CLOCK.advance(Duration.ofDays(1));
        JsonNode items = activity("").get("data");
        assertThat(items).hasSize(1);
        JsonNode item = items.get(0);
        for (String field : List.of("date", "model", "model_permaslug", "endpoint_id", "provider_name", "usage",
                "byok_usage_inference", "requests", "prompt_tokens", "completion_tokens", "reasoning_tokens")) {
            assertThat(item.has(field)).as(field).isTrue();
        }
        assertThat(item.get("date").asString()).isEqualTo("2026-11-20");
        assertThat(item.get("model").asString()).isEqualTo("acme/model");
        assertThat(item.get("provider_name").asString()).isEqualTo("Sim");
        assertThat(item.get("requests").asInt()).isEqualTo(3);
        assertThat(item.get("prompt_tokens").asInt()).isEqualTo(9);
        assertThat(item.get("usage").decimalValue()).isEqualByComparingTo("0.000027");
        assertThat(activity("?date=2026-11-20").get("data")).hasSize(1);
        assertThat(gateway.send(gateway.requestAs("/api/v1/activity?date=2026-11-21", admin).GET().build()).statusCode()).isEqualTo(400);
        assertThat(gateway.send(gateway.requestAs("/api/v1/activity?date=yesterday", admin).GET().build()).statusCode()).isEqualTo(400);
        assertThat(gateway.get("/api/v1/activity").statusCode()).isEqualTo(403);
    }

    private static JsonNode activity(String query) {
        HttpResponse<String> response = gateway.send(gateway.requestAs("/api/v1/activity" + query, admin).GET().build());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return Json.parse(response.body());
    }
}
