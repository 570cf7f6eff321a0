package dev.junction.e2e;

import dev.junction.keys.KeyKind;
import dev.junction.sim.SimRequestRecord;
import dev.junction.testing.GatewayExtension;
import dev.junction.testing.RawHttp;
import dev.junction.wire.Json;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import tools.jackson.databind.JsonNode;

import java.math.BigDecimal;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What a probing client sends — numbers no field can hold, malformed %-escapes in paths, query strings, forms and
 * data: URLs, reasoning budgets far beyond any model — is answered at once with a 400 in OpenRouter's envelope
 * naming what is wrong, or served with the value clamped where a translator converts it: never a 500, never a
 * connection left open.
 */
class MalformedInputTest {
    private static final Duration WAIT = Duration.ofSeconds(20);
    private static final String CHAT = "/api/v1/chat/completions";

    @RegisterExtension
    static final GatewayExtension gateway = GatewayExtension.withSim()
            .config("""
                    catalog: {bundled: false}
                    providers:
                      sim: {name: Sim, base-url: "${SIM_URL}"}
                      google: {name: Google AI Studio, kind: gemini, base-url: "${SIM_GEMINI_URL}"}
                      claude: {name: Anthropic, kind: anthropic, base-url: "${SIM_URL}"}
                    models:
                      test/ok:
                        endpoints: [{provider: sim, upstream-model: ok}]
                      google/gemini:
                        endpoints: [{provider: google, upstream-model: gemini-2.5-flash}]
                      anthropic/claude:
                        endpoints: [{provider: claude, upstream-model: claude-hello, max-completion-tokens: 64000}]
                    """);

    private static String admin;

    @BeforeAll
    static void start() {
        admin = gateway.createKey("admin", KeyKind.PROVISIONING, Optional.empty());
    }

    // ---- %-escapes in the request line: sent raw, as no java.net.URI would carry them

    @ParameterizedTest(name = "{0} {1}")
    @CsvSource(delimiter = '|', value = {
            "GET    | /api/v1/keys/%zz                 | path segment '%zz': malformed %-escape '%zz'",
            "DELETE | /api/v1/keys/ab%2                | path segment 'ab%2': malformed %-escape '%2'",
            "GET    | /api/v1/models/%zz/x/endpoints   | path segment '%zz': malformed %-escape '%zz'",
            "GET    | /api/v1/model/acme/%G1           | path segment '%G1': malformed %-escape '%G1'",
            "GET    | /api/v1/generation?id=%zz        | query parameter 'id': malformed %-escape '%zz'",
            "GET    | /api/v1/models?q=ok&sort=%        | query parameter 'sort': malformed %-escape '%'",
            "GET    | /auth?callback_url=%zz           | query parameter 'callback_url': malformed %-escape '%zz'",
            "GET    | /health?x=%e2%zz                 | query parameter 'x': malformed %-escape '%zz'"})
    void aMalformedEscapeInTheUrlIsA400AnsweredAtOnce(String method, String target, String message) {
        RawHttp.Response response = RawHttp.send(gateway.junction().port(), method, target,
                Map.of("Authorization", "Bearer " + admin), WAIT);

        assertEnvelope(response.status(), response.header("content-type"), response.body(), 400, message);
        assertThat(response.header("x-content-type-options")).hasValue("nosniff");
    }

    @Test
    void wellFormedEscapesStillWork() {
        RawHttp.Response models = RawHttp.send(gateway.junction().port(), "GET", "/api/v1/models?q=%6Fk&category=",
                Map.of(), WAIT);
        assertThat(models.status()).as(models.body()).isEqualTo(200);
        assertThat(Json.parse(models.body()).path("data").get(0).path("id").asString()).isEqualTo("test/ok");

        RawHttp.Response key = RawHttp.send(gateway.junction().port(), "GET", "/api/v1/keys/no%2Bsuch%20key",
                Map.of("Authorization", "Bearer " + admin), WAIT);
        assertEnvelope(key.status(), key.header("content-type"), key.body(), 404, "no+such key");
    }

    @Test
    void aMalformedEscapeInTheConsentFormIsA400NamingTheField() {
        HttpResponse<String> response = gateway.send(HttpRequest.newBuilder(java.net.URI.create(gateway.url("/auth/approve")))
                .timeout(WAIT)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("callback_url=https%3A%2F%2Fapp.example%2Fcb%zz&key=" + admin))
                .build());

        assertEnvelope(response, 400, "form field 'callback_url': malformed %-escape '%zz'");
    }

    // ---- data: URLs inside messages, for the providers that decode them

    @ParameterizedTest(name = "{0} part for {1}")
    @CsvSource(delimiter = '|', value = {
            "image_url | google/gemini    | {\"url\":\"data:text/plain,%zz\"}      | messages[0].content[1].image_url.url: the data: URL has a malformed %-escape '%zz'",
            "file      | google/gemini    | {\"file_data\":\"data:text/plain,a%2\"} | messages[0].content[1].file.file_data: the data: URL has a malformed %-escape '%2'",
            "file      | anthropic/claude | {\"file_data\":\"data:text/plain,%zz\"} | messages[0].content[1].file.file_data: the data: URL has a malformed %-escape '%zz'",
            "image_url | anthropic/claude | {\"url\":\"data:text/plain,%zz\"}      | messages[0].content[1]: only base64 data: URLs can be sent to Anthropic"})
    void aMalformedDataUrlIsA400NamingTheMessagePart(String type, String model, String part, String message) {
        HttpResponse<String> response = gateway.post(CHAT, """
                {"model":"%s","messages":[{"role":"user","content":[{"type":"text","text":"read this"},{"type":"%s","%s":%s}]}]}"""
                .formatted(model, type, type, part));

        assertEnvelope(response, 400, message);
    }

    // ---- reasoning budgets that pass validation but exceed what a provider's field holds

    @Test
    void aHugeReasoningBudgetReachesGeminiAsTheLargestItsFieldHolds() {
        HttpResponse<String> response = gateway.post(CHAT, """
                {"model":"google/gemini","reasoning":{"max_tokens":1099511627776},"messages":[{"role":"user","content":"budget-gemini"}]}""");

        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        JsonNode sent = upstreamBody(r -> r.path().contains("gemini-2.5-flash") && r.body().toString().contains("budget-gemini"));
        assertThat(sent.path("generationConfig").path("thinkingConfig").path("thinkingBudget").asLong())
                .isEqualTo(Integer.MAX_VALUE);
    }

    @Test
    void aHugeReasoningBudgetReachesAnthropicWithinTheEndpointsOutputLimit() {
        HttpResponse<String> response = gateway.post(CHAT, """
                {"model":"anthropic/claude","reasoning":{"max_tokens":1099511627776},"messages":[{"role":"user","content":"budget-claude"}]}""");

        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        JsonNode sent = upstreamBody(r -> r.path().endsWith("/messages") && r.body().toString().contains("budget-claude"));
        assertThat(sent.path("thinking").path("budget_tokens").asLong()).isEqualTo(63_999);
        assertThat(sent.path("max_tokens").asLong()).isEqualTo(64_000);
    }

    // ---- money and counts in the key, credit and OAuth bodies

    @ParameterizedTest(name = "{0} {1} {2}")
    @CsvSource(delimiter = '|', value = {
            "POST | /api/v1/keys            | {\"name\":\"n\",\"limit\":1e400}                               | limit: must be at most 1000000 USD",
            "POST | /api/v1/keys            | {\"name\":\"n\",\"limit\":12345678901234567890123}              | limit: must be at most 1000000 USD",
            "POST | /api/v1/keys            | {\"name\":\"n\",\"limit\":1e-400}                              | limit: at most 12 decimal places",
            "POST | /api/v1/keys            | {\"name\":\"n\",\"limit\":0.1000000000000000001}               | limit: at most 12 decimal places",
            "POST | /api/v1/keys            | {\"name\":\"n\",\"rate_limit\":{\"requests\":1099511627776,\"interval\":\"1m\"}} | rate_limit.requests: must be at most 2147483647",
            "POST | /api/v1/keys            | {\"name\":\"n\",\"rate_limit\":{\"requests\":5,\"interval\":\"99999999999999999999d\"}} | rate_limit.interval: expected like 10s, 1m, 1h or 1d (at most 365d)",
            "POST | /api/v1/credits         | {\"amount\":1e400}                                            | amount: must be at most 1000000 USD",
            "POST | /api/v1/credits         | {\"amount\":-1e400}                                           | amount: must be positive",
            "POST | /api/v1/credits         | {\"amount\":1e-999999999}                                    | amount: at most 12 decimal places",
            "POST | /api/v1/auth/keys/code  | {\"callback_url\":\"https://app.example/cb\",\"code_challenge\":\"c\",\"limit\":1e400} | limit: must be at most 1000000 USD"})
    void anAmountOrCountNoFieldCanHoldIsA400NamingTheField(String method, String path, String body, String message) {
        assertEnvelope(as(admin, method, path, body), 400, message);
    }

    @Test
    void aKeysLimitIsPatchedOnlyToAnExactAmount() {
        String hash = Json.parse(as(admin, "POST", "/api/v1/keys", "{\"name\":\"patched\",\"limit\":2}").body())
                .path("data").path("hash").asString();

        assertEnvelope(as(admin, "PATCH", "/api/v1/keys/" + hash, "{\"limit\":1e999}"), 400, "limit: must be at most 1000000 USD");
        JsonNode key = Json.parse(as(admin, "GET", "/api/v1/keys/" + hash, null).body()).path("data");
        assertThat(key.path("limit").decimalValue()).isEqualByComparingTo("2");
    }

    /** Credits are summed in exact pico-dollars: an account may hold at most 5,000,000 USD, far from overflow. */
    @Test
    void creditsStopAtTheAccountsBound() {
        BigDecimal cap = new BigDecimal("5000000");
        BigDecimal total = credits();
        while (cap.subtract(total).signum() > 0) {
            BigDecimal grant = cap.subtract(total).min(new BigDecimal("1000000"));
            HttpResponse<String> granted = as(admin, "POST", "/api/v1/credits", "{\"amount\":" + grant.toPlainString() + "}");
            assertThat(granted.statusCode()).as(granted.body()).isEqualTo(200);
            total = credits();
        }

        assertEnvelope(as(admin, "POST", "/api/v1/credits", "{\"amount\":0.000000000001}"), 400,
                "amount: the account's credits would exceed 5000000 USD");
        assertThat(credits()).isEqualByComparingTo(cap);
    }

    private static BigDecimal credits() {
        HttpResponse<String> response = as(admin, "GET", "/api/v1/credits", null);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return Json.parseExact(response.body().getBytes()).path("data").path("total_credits").decimalValue();
    }

    private static HttpResponse<String> as(String key, String method, String path, String body) {
        HttpRequest.Builder b = gateway.requestAs(path, key).timeout(WAIT).header("Content-Type", "application/json");
        return gateway.send(b.method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofString(body)).build());
    }

    private static JsonNode upstreamBody(Predicate<SimRequestRecord> which) {
        return gateway.sim().stats().requests().stream().filter(which).reduce((first, second) -> second)
                .map(SimRequestRecord::body)
                .orElseThrow(() -> new AssertionError("the upstream never received the request: "
                        + gateway.sim().stats().requests()));
    }

    private static void assertEnvelope(HttpResponse<String> response, int status, String message) {
        assertEnvelope(response.statusCode(), response.headers().firstValue("content-type"), response.body(), status, message);
    }

    private static void assertEnvelope(int actualStatus, Optional<String> contentType, String body, int status, String message) {
        assertThat(actualStatus).as(body).isEqualTo(status);
        assertThat(contentType).hasValue("application/json");
        JsonNode error = Json.parse(body).get("error");
        assertThat(error).as(body).isNotNull();
        assertThat(error.get("code").asInt()).isEqualTo(status);
        assertThat(error.get("message").asString()).contains(message);
        assertThat(error.get("metadata") == null || error.get("metadata").isObject()).as(body).isTrue();
    }
}
