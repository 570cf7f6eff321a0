package dev.junction.e2e;

import dev.junction.keys.KeyKind;
import dev.junction.sim.SimOptions;
import dev.junction.sim.SimScript;
import dev.junction.testing.GatewayExtension;
import dev.junction.testing.MutableClock;
import dev.junction.wire.Json;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import tools.jackson.databind.JsonNode;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What a generation's record shows besides tokens and cost: the app that made it (its attribution headers), its
 * session, the router that chose its model and what prompt caching saved; and {@code /activity} split by app or by
 * session, as a dashboard reads them.
 */
class AttributionTest {
    private static final MutableClock CLOCK = new MutableClock(Instant.parse("2026-11-20T10:00:00Z"));

    @RegisterExtension
    static final GatewayExtension gateway = GatewayExtension
            .withSim(SimOptions.defaults().withScript("cached", SimScript.builder().cachedTokens(3).build()))
            .config("""
                    catalog: {bundled: false}
                    providers:
                      sim: {name: Sim, base-url: "${SIM_URL}"}
                    models:
                      acme/model:
                        endpoints:
                          - {provider: sim, upstream-model: cached,
                             pricing: {prompt: "0.000001", completion: "0.000002", input-cache-read: "0.0000001"}}
                    auto-router:
                      default-model: acme/model
                    """)
            .clock(CLOCK);

    private static String admin;

    @BeforeAll
    static void start() {
        admin = gateway.createKey("admin", KeyKind.PROVISIONING, Optional.empty());
    }

    private static JsonNode chat(String model, String extra, Map<String, String> headers) {
        HttpRequest.Builder request = gateway.request("/api/v1/chat/completions").header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"model\":\"" + model
                        + "\",\"messages\":[{\"role\":\"user\",\"content\":\"one two three four five\"}]" + extra + "}"));
        headers.forEach(request::header);
        HttpResponse<String> response = gateway.send(request.build());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return Json.parse(response.body());
    }

    private static JsonNode generation(JsonNode answer) {
        HttpResponse<String> response = gateway.get("/api/v1/generation?id=" + answer.get("id").asString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return Json.parse(response.body()).get("data");
    }

    private static JsonNode activity(String query) {
        HttpResponse<String> response = gateway.send(gateway.requestAs("/api/v1/activity" + query, admin).GET().build());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return Json.parse(response.body()).get("data");
    }

    @Test
    void theGenerationShowsItsAppSessionRouterAndCacheDiscountAndActivitySplitsByThem() {
        JsonNode reader = generation(chat("acme/model", ",\"session_id\":\"conv-1\"",
                Map.of("X-Title", "Reading App", "HTTP-Referer", "https://reader.example")));
        assertThat(reader.get("app_name").asString()).isEqualTo("Reading App");
        assertThat(reader.get("app_id").isIntegralNumber()).isTrue();
        assertThat(reader.get("http_referer").asString()).isEqualTo("https://reader.example");
        assertThat(reader.get("session_id").asString()).isEqualTo("conv-1");
        assertThat(reader.get("router").isNull()).isTrue();
        assertThat(reader.get("native_tokens_cached").asInt()).isEqualTo(3);
        // 3 cached tokens at 0.0000001 instead of 0.000001 each.
        assertThat(reader.get("cache_discount").decimalValue()).isEqualByComparingTo("0.0000027");

        JsonNode sameApp = generation(chat("acme/model", "", Map.of("X-OpenRouter-Title", "Reading App",
                "HTTP-Referer", "https://reader.example", "X-Session-Id", "conv-2")));
        assertThat(sameApp.get("app_id").asLong()).as("one app, one id").isEqualTo(reader.get("app_id").asLong());
        assertThat(sameApp.get("session_id").asString()).as("the session from its header").isEqualTo("conv-2");

        JsonNode auto = generation(chat("openrouter/auto", "", Map.of()));
        assertThat(auto.get("router").asString()).isEqualTo("openrouter/auto");
        assertThat(auto.get("app_id").isNull()).isTrue();
        assertThat(auto.get("app_name").isNull()).isTrue();
        assertThat(auto.get("session_id").isNull()).isTrue();

        gateway.junction().services().store().recorder().flush();
        CLOCK.advance(Duration.ofDays(1));
        Map<String, Integer> requestsByApp = new HashMap<>();
        for (JsonNode item : activity("?group_by=app")) {
            requestsByApp.put(item.get("app_name").asString("(none)"), item.get("requests").asInt());
            if (!item.get("app_name").isNull()) {
                assertThat(item.get("app_id").asLong()).isEqualTo(reader.get("app_id").asLong());
            }
        }
        assertThat(requestsByApp).containsExactlyInAnyOrderEntriesOf(Map.of("Reading App", 2, "(none)", 1));
        Map<String, Integer> requestsBySession = new HashMap<>();
        activity("?group_by=session").forEach(item ->
                requestsBySession.put(item.get("session_id").asString("(none)"), item.get("requests").asInt()));
        assertThat(requestsBySession).containsExactlyInAnyOrderEntriesOf(Map.of("conv-1", 1, "conv-2", 1, "(none)", 1));
        assertThat(activity("")).hasSize(1);
        assertThat(gateway.send(gateway.requestAs("/api/v1/activity?group_by=model", admin).GET().build()).statusCode())
                .isEqualTo(400);
    }
}
