package dev.junction.e2e;

import dev.junction.sim.SimOptions;
import dev.junction.sim.SimScript;
import dev.junction.testing.GatewayExtension;
import dev.junction.wire.Json;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.JsonNode;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every kind of bad input and upstream failure gets a clear error in OpenRouter's envelope
 * {@code {"error":{"code":<status>,"message":…,"metadata":{…}}}} with the right HTTP status.
 */
class BadInputTest {
    @RegisterExtension
    static final GatewayExtension gateway = GatewayExtension
            .withSim(SimOptions.defaults()
                    .withScript("hangs", SimScript.empty().withHang(true))
                    .withScript("fails-500", SimScript.empty().withStatus(500).toBuilder().errorMessage("the GPU melted").build())
                    .withScript("rate-limited", SimScript.empty().withStatus(429).toBuilder().retryAfter("7").build())
                    .withScript("rejects", SimScript.empty().withStatus(400).toBuilder().errorMessage("bad tool schema").build()))
            .config("""
                    upstream:
                      first-byte-timeout: 300ms
                    providers:
                      sim:
                        name: Sim
                        base-url: ${SIM_URL}
                      keyless:
                        name: Keyless
                        base-url: https://api.example.invalid/v1
                        api-key-env: JUNCTION_TEST_NEVER_SET_KEY
                    models:
                      test/ok:
                        endpoints: [{provider: sim, upstream-model: ok}]
                      test/hangs:
                        endpoints: [{provider: sim, upstream-model: hangs}]
                      test/fails:
                        endpoints: [{provider: sim, upstream-model: fails-500}]
                      test/rate-limited:
                        endpoints: [{provider: sim, upstream-model: rate-limited}]
                      test/rejects:
                        endpoints: [{provider: sim, upstream-model: rejects}]
                      test/no-credentials:
                        endpoints: [{provider: keyless, upstream-model: x}]
                    """)
            .env("JUNCTION_SERVER_MAX_BODY_SIZE", "64KiB");

    record Case(String name, String path, String body, int status, String message) {
        @Override
        public String toString() {
            return name;
        }
    }

    private static final String CHAT = "/api/v1/chat/completions";

    static Stream<Case> badRequests() {
        return Stream.of(
                new Case("malformed JSON", CHAT, "{\"model\":", 400, "not valid JSON"),
                new Case("body is not an object", CHAT, "[1,2]", 400, "must be a JSON object"),
                new Case("missing messages", CHAT, "{\"model\":\"test/ok\"}", 400, "messages: required"),
                new Case("messages not an array", CHAT, "{\"model\":\"test/ok\",\"messages\":\"hi\"}", 400, "messages: expected an array"),
                new Case("empty messages", CHAT, "{\"model\":\"test/ok\",\"messages\":[]}", 400, "messages: must contain at least one message"),
                new Case("message without role", CHAT, "{\"model\":\"test/ok\",\"messages\":[{\"content\":\"x\"}]}", 400, "messages[0].role: required"),
                new Case("unknown role", CHAT, "{\"model\":\"test/ok\",\"messages\":[{\"role\":\"bot\",\"content\":\"x\"}]}", 400, "messages[0].role: expected one of"),
                new Case("user message without content", CHAT, "{\"model\":\"test/ok\",\"messages\":[{\"role\":\"user\"}]}", 400, "messages[0].content: required"),
                new Case("content part without type", CHAT, "{\"model\":\"test/ok\",\"messages\":[{\"role\":\"user\",\"content\":[{\"text\":\"x\"}]}]}", 400, "messages[0].content[0].type: required"),
                new Case("temperature of the wrong type", CHAT, msg("\"temperature\":\"hot\""), 400, "temperature: expected a number, got a string"),
                new Case("temperature out of range", CHAT, msg("\"temperature\":5"), 400, "temperature: must be between 0 and 2, got 5"),
                new Case("max_tokens zero", CHAT, msg("\"max_tokens\":0"), 400, "max_tokens: must be at least 1"),
                new Case("max_tokens fractional", CHAT, msg("\"max_tokens\":1.5"), 400, "max_tokens: expected a whole number"),
                new Case("stream not a boolean", CHAT, msg("\"stream\":\"yes\""), 400, "stream: expected true or false"),
                new Case("models not strings", CHAT, msg("\"models\":[1]"), 400, "models: expected an array of strings"),
                new Case("tools not objects", CHAT, msg("\"tools\":[\"x\"]"), 400, "tools: expected an array of objects"),
                new Case("function tool without a function", CHAT, msg("\"tools\":[{\"type\":\"function\",\"function\":{}}]"), 400,
                        "tools: item 0: function.name: expected the function's name, got nothing"),
                new Case("function tool named by an array", "/api/v1/completions",
                        "{\"model\":\"test/ok\",\"prompt\":\"x\",\"tools\":[{\"type\":\"function\",\"function\":{\"name\":[]}}]}", 400,
                        "tools: item 0: function.name: expected the function's name, got an array"),
                new Case("function tool with a blank name", CHAT, msg("\"tools\":[{\"function\":{\"name\":\" \"}}]"), 400,
                        "tools: item 0: function.name: expected the function's name, got a blank string"),
                new Case("function tool whose parameters are not a schema", CHAT,
                        msg("\"tools\":[{\"type\":\"function\",\"function\":{\"name\":\"f\",\"parameters\":\"x\"}}]"), 400,
                        "tools: item 0: function.parameters: expected a JSON Schema object, got a string"),
                new Case("missing model", CHAT, "{\"messages\":[{\"role\":\"user\",\"content\":\"x\"}]}", 400, "model: required"),
                new Case("unknown model", CHAT, "{\"model\":\"nobody/nothing\",\"messages\":[{\"role\":\"user\",\"content\":\"x\"}]}", 400, "nobody/nothing is not a valid model ID"),
                new Case("unknown fallback model", CHAT, msg("\"models\":[\"nobody/else\"]"), 400, "nobody/else is not a valid model ID"),
                new Case("completions without prompt", "/api/v1/completions", "{\"model\":\"test/ok\"}", 400, "prompt: required"),
                new Case("completions prompt of the wrong type", "/api/v1/completions", "{\"model\":\"test/ok\",\"prompt\":{}}", 400, "prompt: expected a string"),
                new Case("body over the size limit", CHAT, msg("\"pad\":\"" + "x".repeat(70 * 1024) + "\""), 413, "larger than the limit of 65536 bytes"),
                new Case("upstream timeout", CHAT, chat("test/hangs"), 408, "did not answer in time"),
                new Case("upstream server error", CHAT, chat("test/fails"), 502, "the GPU melted"),
                new Case("upstream rate limit", CHAT, chat("test/rate-limited"), 429, "returned HTTP 429"),
                new Case("upstream rejects the request", CHAT, chat("test/rejects"), 400, "bad tool schema"),
                new Case("no provider with credentials", CHAT, chat("test/no-credentials"), 503, "No provider is available for test/no-credentials"),
                new Case("unknown path", "/api/v1/nothing-here", "{}", 404, "No route for POST /api/v1/nothing-here"),
                // Numbers JSON allows but no field can hold: a 400 naming the field, never a 500.
                new Case("max_tokens beyond the double range", CHAT, msg("\"max_tokens\":1e999"), 400,
                        "max_tokens: must be a whole number between 1 and 2147483647"),
                new Case("max_tokens beyond int", CHAT, msg("\"max_tokens\":1099511627776"), 400,
                        "max_tokens: must be at most 2147483647, got 1099511627776"),
                new Case("max_completion_tokens beyond the double range", CHAT, msg("\"max_completion_tokens\":-1e999"), 400,
                        "max_completion_tokens: must be a whole number between 1 and 2147483647"),
                new Case("completions max_tokens beyond the double range", "/api/v1/completions",
                        "{\"model\":\"test/ok\",\"prompt\":\"x\",\"max_tokens\":1e999}", 400,
                        "max_tokens: must be a whole number between 1 and 2147483647"),
                new Case("seed of 24 digits", CHAT, msg("\"seed\":123456789012345678901234"), 400,
                        "seed: must be a whole number between -9223372036854775808 and 9223372036854775807"),
                new Case("top_k of 24 digits", CHAT, msg("\"top_k\":123456789012345678901234"), 400,
                        "top_k: must be a whole number between 0 and 2147483647"),
                new Case("n of 24 digits", CHAT, msg("\"n\":123456789012345678901234"), 400,
                        "n: must be a whole number between 1 and 128"),
                new Case("top_logprobs beyond the double range", CHAT, msg("\"top_logprobs\":1e999"), 400,
                        "top_logprobs: must be a whole number between 0 and 20"),
                new Case("temperature beyond the double range", CHAT, msg("\"temperature\":1e999"), 400,
                        "temperature: must be between 0 and 2"),
                new Case("presence_penalty of 400 digits", CHAT, msg("\"presence_penalty\":1" + "0".repeat(400)), 400,
                        "presence_penalty: must be between -2 and 2"),
                new Case("max_price beyond the double range", CHAT, msg("\"provider\":{\"max_price\":{\"prompt\":1e400}}"), 400,
                        "provider.max_price.prompt: must be at most 1000000 USD"),
                new Case("max_price as a huge decimal string", CHAT, msg("\"provider\":{\"max_price\":{\"completion\":\"1e400\"}}"),
                        400, "provider.max_price.completion: must be at most 1000000 USD"),
                new Case("reasoning budget beyond the double range", CHAT, msg("\"reasoning\":{\"max_tokens\":1e999}"), 400,
                        "reasoning.max_tokens: must be a whole number between 0 and 9223372036854775807"),
                new Case("reasoning budget fractional", CHAT, msg("\"reasoning\":{\"max_tokens\":1.5}"), 400,
                        "reasoning.max_tokens: expected a whole number"),
                new Case("reasoning effort not a string", CHAT, msg("\"reasoning\":{\"effort\":3}"), 400,
                        "reasoning.effort: expected a string, got a number"));
    }

    private static String msg(String extra) {
        return "{\"model\":\"test/ok\",\"messages\":[{\"role\":\"user\",\"content\":\"x\"}]," + extra + "}";
    }

    private static String chat(String model) {
        return "{\"model\":\"" + model + "\",\"messages\":[{\"role\":\"user\",\"content\":\"x\"}]}";
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badRequests")
    void answersWithTheEnvelopeAndStatus(Case c) {
        HttpResponse<String> response = gateway.post(c.path(), c.body());
        assertEnvelope(response, c.status(), c.message());
    }

    /** A latency preference no endpoint can miss (or meet) is a preference, not a failure. */
    @Test
    void aLatencyPreferenceOf400DigitsIsServed() {
        HttpResponse<String> response = gateway.post(CHAT,
                msg("\"provider\":{\"preferred_max_latency\":{\"p50\":-1" + "0".repeat(400) + "}}"));
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    }

    @Test
    void upstreamErrorsCarryTheProviderAndItsOwnError() {
        JsonNode error = assertEnvelope(gateway.post(CHAT, chat("test/fails")), 502, "the GPU melted");
        assertThat(error.get("metadata").get("provider_name").asString()).isEqualTo("Sim");
        assertThat(error.get("metadata").get("raw").get("error").get("message").asString()).isEqualTo("the GPU melted");
    }

    @Test
    void upstreamRateLimitPassesRetryAfter() {
        HttpResponse<String> response = gateway.post(CHAT, chat("test/rate-limited"));
        assertEnvelope(response, 429, "429");
        assertThat(response.headers().firstValue("retry-after")).hasValue("7");
    }

    @Test
    void missingKeyIs401() {
        HttpResponse<String> response = gateway.send(HttpRequest.newBuilder(java.net.URI.create(gateway.url(CHAT)))
                .POST(HttpRequest.BodyPublishers.ofString(chat("test/ok"))).build());
        assertEnvelope(response, 401, "No auth credentials found");
    }

    @Test
    void unknownKeyIs401() {
        HttpResponse<String> response = gateway.send(HttpRequest.newBuilder(java.net.URI.create(gateway.url(CHAT)))
                .header("Authorization", "Bearer sk-jn-v1-" + "0".repeat(64))
                .POST(HttpRequest.BodyPublishers.ofString(chat("test/ok"))).build());
        assertEnvelope(response, 401, "Invalid API key");
    }

    @Test
    void malformedAuthorizationIs401() {
        HttpResponse<String> response = gateway.send(HttpRequest.newBuilder(java.net.URI.create(gateway.url(CHAT)))
                .header("Authorization", "Basic dXNlcjpwYXNz")
                .POST(HttpRequest.BodyPublishers.ofString(chat("test/ok"))).build());
        assertEnvelope(response, 401, "expected 'Bearer <key>'");
    }

    @Test
    void wrongMethodIs405() {
        HttpResponse<String> response = gateway.get(CHAT);
        assertEnvelope(response, 405, "GET is not allowed");
        assertThat(response.headers().firstValue("allow")).hasValue("POST");
    }

    /** Browsers must never sniff an answer into something else: a JSON error quoting input could become HTML. */
    @Test
    void everyAnswerForbidsContentSniffing() throws Exception {
        assertNoSniff(gateway.post(CHAT, chat("test/ok")), 200);
        assertNoSniff(gateway.get("/api/v1/models"), 200);
        assertNoSniff(gateway.get("/health"), 200);
        assertNoSniff(gateway.post("/api/v1/nothing-here", "{}"), 404);
        assertNoSniff(gateway.post(CHAT, "{\"model\":"), 400);
        assertNoSniff(gateway.get(CHAT), 405);
        assertNoSniff(gateway.post(CHAT, chat("test/fails")), 502);
        assertNoSniff(gateway.send(HttpRequest.newBuilder(java.net.URI.create(gateway.url(CHAT)))
                .timeout(java.time.Duration.ofSeconds(30))
                .method("OPTIONS", HttpRequest.BodyPublishers.noBody())
                .header("Origin", "https://app.example")
                .header("Access-Control-Request-Method", "POST").build()), 204);
        HttpResponse<java.io.InputStream> stream = gateway.postStreaming(CHAT,
                "{\"model\":\"test/ok\",\"stream\":true,\"messages\":[{\"role\":\"user\",\"content\":\"x\"}]}");
        try (java.io.InputStream body = stream.body()) {
            assertThat(new String(body.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8)).contains("data: [DONE]");
        }
        assertNoSniff(stream, 200);
    }

    private static void assertNoSniff(HttpResponse<?> response, int status) {
        assertThat(response.statusCode()).as("%s %s", response.request().method(), response.uri()).isEqualTo(status);
        assertThat(response.headers().firstValue("x-content-type-options")).as("%s %s", response.request().method(),
                response.uri()).hasValue("nosniff");
    }

    @Test
    void gatewayStillServesAfterBadInput() {
        gateway.post(CHAT, "{\"model\":");
        assertThat(gateway.post(CHAT, chat("test/ok")).statusCode()).isEqualTo(200);
    }

    private static JsonNode assertEnvelope(HttpResponse<String> response, int status, String message) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        assertThat(response.headers().firstValue("content-type")).hasValue("application/json");
        JsonNode error = Json.parse(response.body()).get("error");
        assertThat(error).as(response.body()).isNotNull();
        assertThat(error.get("code").isIntegralNumber()).isTrue();
        assertThat(error.get("code").asInt()).isEqualTo(status);
        assertThat(error.get("message").asString()).contains(message);
        return error;
    }
}
