package dev.junction.e2e;

import dev.junction.sim.SimOptions;
import dev.junction.testing.GatewayExtension;
import dev.junction.testing.SseReader;
import dev.junction.wire.Json;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import tools.jackson.databind.JsonNode;

import java.io.InputStream;
import java.net.http.HttpResponse;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Request fields that were once ignored in silence: each is now applied — {@code debug.echo_upstream_body}, the
 * {@code max_price} caps, {@code enforce_distillable_text}, {@code modalities} — or, where this gateway cannot honour
 * it ({@code max_price.audio}, {@code trace}), named in an {@code X-Junction-Warning} header.
 */
class RequestFieldsTest {
    private static final String PROVIDER_KEY = "sk-sim-secret-0123456789";

    @RegisterExtension
    static final GatewayExtension gateway = GatewayExtension.withSim(SimOptions.defaults().withRequiredApiKey(PROVIDER_KEY))
            .config("""
                    catalog: {bundled: false}
                    providers:
                      sim:  {name: Sim, base-url: "${SIM_URL}", api-key-env: REQUEST_FIELDS_SIM_KEY}
                      sim2: {name: Sim Two, base-url: "${SIM_URL}", api-key-env: REQUEST_FIELDS_SIM_KEY}
                    models:
                      acme/open:
                        distillable-text: true
                        endpoints: [{provider: sim, upstream-model: open-weights}]
                      acme/closed:
                        endpoints: [{provider: sim, upstream-model: closed}]
                      acme/priced:
                        endpoints:
                          - {provider: sim, upstream-model: per-request, pricing: {prompt: "0.000001", request: "0.01"}}
                          - {provider: sim2, upstream-model: per-image, pricing: {prompt: "0.000002", image: "0.005"}}
                      acme/painter:
                        output-modalities: [text, image]
                        endpoints: [{provider: sim, upstream-model: painter}]
                    """)
            .env("REQUEST_FIELDS_SIM_KEY", PROVIDER_KEY);

    private static final String ASK = "\"messages\":[{\"role\":\"user\",\"content\":\"hello there\"}]";

    private static HttpResponse<String> post(String model, String extra) {
        return gateway.post("/api/v1/chat/completions", "{\"model\":\"" + model + "\"," + ASK + extra + "}");
    }

    private static List<String> streamed(String json) {
        HttpResponse<InputStream> response = gateway.postStreaming("/api/v1/chat/completions", json);
        assertThat(response.statusCode()).isEqualTo(200);
        try (SseReader reader = new SseReader(response.body())) {
            return reader.readAll();
        }
    }

    @Test
    void echoUpstreamBodyOpensTheStreamWithTheRedactedUpstreamRequest() {
        List<String> events = streamed("{\"model\":\"acme/open\"," + ASK + ",\"stream\":true,\"temperature\":0.5,"
                + "\"user\":\"" + PROVIDER_KEY + "\",\"metadata\":{\"api_key\":\"abc\"},\"debug\":{\"echo_upstream_body\":true}}");
        JsonNode first = Json.parse(events.getFirst());
        assertThat(first.get("object").asString()).isEqualTo("chat.completion.chunk");
        assertThat(first.get("id").asString()).startsWith("gen-");
        assertThat(first.get("choices")).isEmpty();
        JsonNode echoed = first.at("/debug/echo_upstream_body");
        assertThat(echoed.get("model").asString()).as("the upstream's own model name").isEqualTo("open-weights");
        assertThat(echoed.get("temperature").asDouble()).isEqualTo(0.5);
        assertThat(echoed.get("stream").asBoolean()).isTrue();
        assertThat(echoed.has("debug")).as("debug steers the gateway and is not sent upstream").isFalse();
        assertThat(echoed.get("user").asString()).isEqualTo("[REDACTED]");
        assertThat(echoed.at("/metadata/api_key").asString()).isEqualTo("[REDACTED]");
        assertThat(String.join("\n", events)).doesNotContain(PROVIDER_KEY);
        assertThat(Json.text(echoed)).isEqualTo(Json.text(withoutSim(gateway.sim().stats().last().orElseThrow().body(),
                echoed)));

        JsonNode usage = Json.parse(events.get(events.size() - 2)).get("usage");
        List<String> plain = streamed("{\"model\":\"acme/open\"," + ASK + ",\"stream\":true,\"temperature\":0.5}");
        assertThat(usage).as("billed as without the debug chunk").isEqualTo(Json.parse(plain.get(plain.size() - 2)).get("usage"));
        assertThat(plain.getFirst()).doesNotContain("\"debug\"");
    }

    /** What the sim received, with the redacted fields as the echo shows them: everything else is the same. */
    private static JsonNode withoutSim(JsonNode received, JsonNode echoed) {
        var copy = (tools.jackson.databind.node.ObjectNode) received.deepCopy();
        copy.set("user", echoed.get("user"));
        copy.set("metadata", echoed.get("metadata"));
        return copy;
    }

    @Test
    void echoUpstreamBodyOnAWholeAnswerIsAWarning() {
        HttpResponse<String> response = post("acme/open", ",\"debug\":{\"echo_upstream_body\":true}");
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().allValues("X-Junction-Warning"))
                .containsExactly("debug.echo_upstream_body applies to streamed requests only");
    }

    @Test
    void maxPriceCapsRequestAndImagePricesAndSaysAudioCannotBeCapped() {
        assertThat(Json.parse(post("acme/priced", ",\"provider\":{\"max_price\":{\"request\":\"0.001\"}}").body())
                .get("provider").asString()).isEqualTo("Sim Two");
        assertThat(Json.parse(post("acme/priced", ",\"provider\":{\"max_price\":{\"image\":0.001}}").body())
                .get("provider").asString()).isEqualTo("Sim");
        HttpResponse<String> neither = post("acme/priced", ",\"provider\":{\"max_price\":{\"request\":0.001,\"image\":0.001}}");
        assertThat(neither.statusCode()).isEqualTo(404);
        assertThat(Json.parse(neither.body()).at("/error/message").asString()).contains("max_price");

        HttpResponse<String> audio = post("acme/open", ",\"provider\":{\"max_price\":{\"audio\":\"0.01\"}},\"trace\":{\"trace_id\":\"t1\"}");
        assertThat(audio.statusCode()).isEqualTo(200);
        assertThat(audio.headers().allValues("X-Junction-Warning")).containsExactly(
                "provider.max_price.audio is not applied: no endpoint on this gateway has an audio price",
                "trace is not exported: this gateway sends no traces to observability destinations");
        assertThat(post("acme/open", "").headers().allValues("X-Junction-Warning")).isEmpty();
    }

    @Test
    void enforceDistillableTextRoutesOnlyToModelsWhoseAuthorAllowsIt() {
        HttpResponse<String> closed = post("acme/closed", ",\"provider\":{\"enforce_distillable_text\":true}");
        assertThat(closed.statusCode()).isEqualTo(404);
        assertThat(Json.parse(closed.body()).at("/error/message").asString()).contains("enforce_distillable_text");

        HttpResponse<String> fallback = post("acme/closed", ",\"models\":[\"acme/open\"],\"provider\":{\"enforce_distillable_text\":true}");
        assertThat(fallback.statusCode()).isEqualTo(200);
        assertThat(Json.parse(fallback.body()).get("model").asString()).isEqualTo("acme/open");
        assertThat(post("acme/closed", "").statusCode()).as("without the flag, any model").isEqualTo(200);
    }

    @Test
    void modalitiesRouteOnlyToModelsThatOutputThem() {
        HttpResponse<String> textOnly = post("acme/open", ",\"modalities\":[\"text\",\"image\"]");
        assertThat(textOnly.statusCode()).isEqualTo(404);
        assertThat(Json.parse(textOnly.body()).at("/error/message").asString()).contains("does not output image");
        assertThat(post("acme/painter", ",\"modalities\":[\"text\",\"image\"]").statusCode()).isEqualTo(200);
        assertThat(post("acme/open", ",\"modalities\":[\"text\"]").statusCode()).isEqualTo(200);
    }
}
