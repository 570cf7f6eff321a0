package dev.junction.providers.gemini;

import dev.junction.api.ClientView;
import dev.junction.catalog.Endpoint;
import dev.junction.catalog.Pricing;
import dev.junction.config.PricingConfig;
import dev.junction.config.DataPolicyConfig;
import dev.junction.config.ProviderConfig;
import dev.junction.config.ProviderKind;
import dev.junction.providers.ApiKind;
import dev.junction.providers.SseDecoder;
import dev.junction.providers.UpstreamException;
import dev.junction.providers.UpstreamFailure;
import dev.junction.providers.UpstreamHttp;
import dev.junction.testing.Golden;
import dev.junction.wire.ClientRequest;
import dev.junction.wire.Json;
import dev.junction.wire.RequestParser;
import dev.junction.wire.ResponseIdentity;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

import java.math.BigDecimal;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Golden cases of the Gemini translation, one directory each under {@code golden/gemini/}:
 * <ul>
 *   <li>{@code client_request.json}: what the client sends (streaming when it says {@code "stream": true}, a
 *       legacy completion when it has a {@code prompt});</li>
 *   <li>{@code endpoint.json} (optional): {@code upstream_model}, {@code provider_name} and {@code pricing}
 *       (USD per token, as in the configuration) of the serving endpoint; defaults below;</li>
 *   <li>{@code upstream_request.json}: the Gemini body Junction sends; absent when Junction refuses the
 *       request itself;</li>
 *   <li>{@code upstream_status.json} (optional): {@code {"status", "headers"}} of an upstream HTTP error;</li>
 *   <li>{@code upstream_response.json} or {@code .sse}: what Gemini answers;</li>
 *   <li>{@code client_response.json} or {@code .sse}: what the client receives — a body with usage and exact
 *       cost, SSE payloads, or {@code {"status","headers","body"}} for an error (see {@link ClientView}).</li>
 * </ul>
 * Run with {@code -Djunction.golden.update=true} to rewrite the expected files, then review the diff.
 */
class GeminiGoldenTest {
    private static final String PROVIDER = "Google AI Studio";
    private static final long CREATED = 1_750_000_000L;

    static Stream<Path> cases() {
        return Golden.cases("gemini");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void translates(Path dir) {
        ObjectNode clientBody = (ObjectNode) Golden.json(dir, "client_request.json");
        ApiKind api = clientBody.has("prompt") ? ApiKind.COMPLETION : ApiKind.CHAT;
        ClientRequest request = new RequestParser(Optional.empty())
                .parse(Golden.text(dir, "client_request.json").getBytes(StandardCharsets.UTF_8), api);
        JsonNode endpointJson = Golden.exists(dir, "endpoint.json") ? Golden.json(dir, "endpoint.json") : Json.object();
        Endpoint endpoint = endpoint(endpointJson);
        ClientView view = new ClientView(new ResponseIdentity("gen-golden", endpoint.providerName(),
                request.models().getFirst(), CREATED), api,
                endpoint.pricing(), request.inputImages());

        ObjectNode upstreamBody;
        try {
            upstreamBody = OpenAiToGeminiRequest.build(request.body(), endpoint, api);
        } catch (GeminiRequestException e) {
            assertThat(Golden.exists(dir, "upstream_request.json")).as("Junction refused the request: " + e.getMessage())
                    .isFalse();
            Golden.assertJson(dir, "client_response.json", asParsed(ClientView.error(GeminiProvider.rejected(PROVIDER, e))));
            return;
        }
        Golden.assertJson(dir, "upstream_request.json", asParsed(upstreamBody));

        if (Golden.exists(dir, "upstream_status.json")) {
            Golden.assertJson(dir, "client_response.json", asParsed(ClientView.error(httpFailure(dir))));
        } else if (request.stream()) {
            stream(dir, api, view);
        } else {
            whole(dir, api, view);
        }
    }

    private static void whole(Path dir, ApiKind api, ClientView view) {
        JsonNode response = Golden.json(dir, "upstream_response.json");
        JsonNode client;
        try {
            client = view.completion(GeminiToOpenAiResponse.translate(response, api, PROVIDER));
        } catch (UpstreamException e) {
            client = ClientView.error(e.failure());
        }
        Golden.assertJson(dir, "client_response.json", asParsed(client));
    }

    private static void stream(Path dir, ApiKind api, ClientView view) {
        ClientView.Recorder recorder = new ClientView.Recorder();
        GeminiToOpenAiStream translator = new GeminiToOpenAiStream(api, PROVIDER, recorder);
        SseDecoder decoder = new SseDecoder((SseDecoder.Handler) (event, data) -> translator.event(data));
        decoder.feed(Golden.text(dir, "upstream_response.sse").getBytes(StandardCharsets.UTF_8));
        decoder.finish();
        translator.end();
        if (recorder.committed()) {
            Golden.assertSse(dir, "client_response.sse", view.stream(recorder).stream().map(GeminiGoldenTest::asParsed)
                    .toList());
        } else {
            // A failure before the first chunk is no stream: the client gets an HTTP error.
            Golden.assertJson(dir, "client_response.json", asParsed(ClientView.error(recorder.failure().orElseThrow())));
        }
    }

    /**
     * The tree as the other side parses it: numbers are built as {@code BigDecimal}s and {@code long}s, which
     * never equal the doubles and ints the expected file is read into, though they print the same.
     */
    private static JsonNode asParsed(JsonNode node) {
        // Update mode writes the tree as built, so that the files show costs as the client gets them (0.0000217).
        return node.isString() || Golden.UPDATE ? node : Json.parse(Json.text(node));
    }

    /** The failure the shared HTTP layer builds for a non-2xx answer, refined as the provider does. */
    private static UpstreamFailure httpFailure(Path dir) {
        JsonNode status = Golden.json(dir, "upstream_status.json");
        String body = Golden.text(dir, "upstream_response.json");
        int code = status.path("status").asInt();
        Optional<String> retryAfter = Optional.ofNullable(status.path("headers").get("retry-after")).map(JsonNode::asString);
        UpstreamFailure generic = new UpstreamFailure(UpstreamFailure.Kind.HTTP_STATUS, PROVIDER, code,
                PROVIDER + " returned HTTP " + code + ": " + UpstreamHttp.errorMessage(body).orElse("error"),
                Optional.of(body), retryAfter);
        return GeminiErrors.refine(generic);
    }

    private static Endpoint endpoint(JsonNode json) {
        ProviderConfig provider = new ProviderConfig("google", json.path("provider_name").asString(PROVIDER),
                ProviderKind.GEMINI, URI.create("https://generativelanguage.googleapis.com/v1beta"),
                Optional.of("GEMINI_API_KEY"), Optional.of("test-key"), Map.of(), List.of(), ProviderConfig.Discovery.NONE,
                DataPolicyConfig.UNKNOWN, ProviderKind.GEMINI.defaultSupportedParameters());
        JsonNode prices = json.path("pricing");
        // Gemini 2.5 Flash's list prices, cache reads at a quarter of the input price.
        PricingConfig pricing = new PricingConfig(
                price(prices, "prompt", "0.0000003"), price(prices, "completion", "0.0000025"),
                BigDecimal.ZERO, price(prices, "image", "0"), BigDecimal.ZERO, Optional.empty(),
                Optional.of(price(prices, "input_cache_read", "0.000000075")), Optional.empty());
        return new Endpoint("google/gemini", provider, json.path("upstream_model").asString("gemini-2.5-flash"),
                "google", Pricing.from(pricing), 1_048_576, OptionalInt.empty(), OptionalInt.empty(), Optional.empty(),
                provider.supportedParameters(), provider.dataPolicy(), java.util.Set.of(), true, false);
    }

    private static BigDecimal price(JsonNode prices, String name, String fallback) {
        return new BigDecimal(prices.path(name).asString(fallback));
    }
}
