package dev.junction.e2e.fuzz;

import dev.junction.sim.SimOptions;
import dev.junction.sim.SimScript;
import dev.junction.sim.SimServer;

import java.util.List;
import java.util.Map;

/**
 * What the fuzzed gateway runs against: OpenAI-compatible, Gemini and Anthropic endpoints on the simulator that
 * answer, fall back, fail with 5xx, hang, stall, break mid-stream, rate-limit, lack credentials or lie about
 * usage; and the gateway settings that keep every one of them short (first-byte, idle and body-read timeouts
 * well under the client's bound) with the account's balance enforced.
 */
public final class FuzzUpstreams {
    private static final String GEMINI_LIE = """
            {"candidates":[{"content":{"parts":[{"text":"hi"}],"role":"model"},"finishReason":"STOP"}],\
            "usageMetadata":{"promptTokenCount":1e999,"candidatesTokenCount":99999999999999999999}}""";

    private FuzzUpstreams() {}

    /** The simulator's scripts, by upstream model name. */
    public static SimOptions scripts() {
        return SimOptions.defaults()
                .withScript("fails-500", SimScript.empty().withStatus(500).toBuilder().errorMessage("the GPU melted").build())
                .withScript("hangs", SimScript.empty().withHang(true))
                .withScript("cut", SimScript.empty().withReplyTokens(40).withFailAfterChunks(5, SimScript.FailMode.DISCONNECT))
                .withScript("error-event", SimScript.empty().withReplyTokens(40).withFailAfterChunks(3, SimScript.FailMode.ERROR_EVENT))
                .withScript("long", SimScript.empty().withReplyTokens(300).withChunkIntervalMs(3))
                .withScript("stalls", SimScript.empty().withReplyTokens(5).withChunkIntervalMs(5000))
                .withScript("limited", SimScript.builder().status(429).retryAfter("3").build())
                .withScript("gemini-cut", SimScript.empty().withReplyTokens(50).withFailAfterChunks(5, SimScript.FailMode.DISCONNECT))
                .withScript("gemini-long", SimScript.empty().withReplyTokens(300).withChunkIntervalMs(3))
                .withScript("gemini-overloaded", SimScript.empty().withStatus(503))
                .withScript("claude-overloaded", SimScript.empty().withStatus(529))
                .withScript("claude-breaks", SimScript.empty().withReplyTokens(40).withFailAfterChunks(3, SimScript.FailMode.ERROR_EVENT))
                .withScript("claude-long", SimScript.empty().withReplyTokens(300).withChunkIntervalMs(3))
                // Upstreams that lie about usage: counts no model produces, which must be neither thrown on nor billed.
                .withScript("liar", raw("""
                        {"id":"x","object":"chat.completion","created":1,"model":"m","choices":[{"index":0,"message":\
                        {"role":"assistant","content":"hi"},"finish_reason":"stop"}],\
                        "usage":{"prompt_tokens":9223372036854775807,"completion_tokens":1e999}}"""))
                .withScript("liar-stream", raw("data: {\"id\":\"x\",\"choices\":[{\"index\":0,\"delta\":{\"content\":\"hi\"}}]}\n\n",
                        "data: {\"id\":\"x\",\"choices\":[],\"usage\":{\"prompt_tokens\":-5,\"completion_tokens\":9223372036854775807}}\n\n",
                        "data: [DONE]\n\n"))
                .withScript("gemini-liar", raw(GEMINI_LIE))
                .withScript("gemini-liar-stream", raw("data: " + GEMINI_LIE + "\r\n\r\n"))
                .withScript("claude-liar", raw("""
                        {"id":"msg_1","type":"message","role":"assistant","model":"c","content":[{"type":"text","text":"hi"}],\
                        "stop_reason":"end_turn","usage":{"input_tokens":99999999999999999999,"output_tokens":-3}}"""));
    }

    /** The gateway's providers and models over the simulator ({@code ${SIM_URL}}, {@code ${GEMINI_URL}}). */
    public static String catalog() {
        return """
                catalog: {bundled: false}
                limits: {key-default: none}
                providers:
                  sim: {name: Sim, base-url: "${SIM_URL}"}
                  backup: {name: Backup, base-url: "${SIM_URL}"}
                  google: {name: Google AI Studio, kind: gemini, base-url: "${GEMINI_URL}"}
                  claude: {name: Anthropic, kind: anthropic, base-url: "${SIM_URL}"}
                  sim-embed: {name: Sim, base-url: "${SIM_URL}", embedding-batch-size: 64}
                  reranker: {name: Reranker, kind: rerank, base-url: "${SIM_URL}"}
                  keyless: {name: Keyless, base-url: "https://api.example.invalid/v1", api-key-env: JUNCTION_TEST_NEVER_SET_KEY}
                  byok-only: {name: BYOK only, base-url: "${SIM_URL}"}
                models:
                  fuzz/ok:
                    endpoints: [{provider: sim, upstream-model: ok, max-completion-tokens: 4096, pricing: {prompt: "0.000001", completion: "0.000002"}}]
                  fuzz/pricey:
                    endpoints: [{provider: sim, upstream-model: ok, pricing: {prompt: "0.00001", completion: "0.0001", request: "0.001"}}]
                  fuzz/fallback:
                    endpoints:
                      - {provider: sim, upstream-model: fails-500, pricing: {prompt: "0.000002", completion: "0.000004"}}
                      - {provider: backup, upstream-model: ok, pricing: {prompt: "0.000001", completion: "0.000002"}}
                  fuzz/fails:
                    endpoints: [{provider: sim, upstream-model: fails-500, pricing: {prompt: "0.000001", completion: "0.000002"}}]
                  fuzz/hangs:
                    endpoints: [{provider: sim, upstream-model: hangs, pricing: {prompt: "0.000001", completion: "0.000002"}}]
                  fuzz/cut:
                    endpoints: [{provider: sim, upstream-model: cut, pricing: {prompt: "0.000001", completion: "0.000002"}}]
                  fuzz/error-event:
                    endpoints: [{provider: sim, upstream-model: error-event, pricing: {prompt: "0.000001", completion: "0.000002"}}]
                  fuzz/long:
                    endpoints: [{provider: sim, upstream-model: long, pricing: {prompt: "0.000001", completion: "0.000002"}}]
                  fuzz/stalls:
                    endpoints: [{provider: sim, upstream-model: stalls, pricing: {prompt: "0.000001", completion: "0.000002"}}]
                  fuzz/limited:
                    endpoints: [{provider: sim, upstream-model: limited, pricing: {prompt: "0.000001", completion: "0.000002"}}]
                  fuzz/keyless:
                    endpoints: [{provider: keyless, upstream-model: x, pricing: {prompt: "0.000001", completion: "0.000002"}}]
                  fuzz/probe-fine:
                    endpoints: [{provider: sim, upstream-model: ok, pricing: {prompt: "0", completion: "0.000001"}}]
                  fuzz/probe-coarse:
                    endpoints: [{provider: sim, upstream-model: ok, pricing: {prompt: "0", completion: "0.0001"}}]
                  fuzz/embed:
                    output-modalities: [embeddings]
                    endpoints: [{provider: sim-embed, upstream-model: ok, pricing: {prompt: "0.0000001"}}]
                  fuzz/embed-fallback:
                    output-modalities: [embeddings]
                    endpoints:
                      - {provider: sim-embed, upstream-model: fails-500, pricing: {prompt: "0.0000002"}}
                      - {provider: backup, upstream-model: ok, pricing: {prompt: "0.0000001"}}
                  google/embed:
                    output-modalities: [embeddings]
                    endpoints: [{provider: google, upstream-model: gemini-embedding, pricing: {prompt: "0.00000015"}}]
                  fuzz/rerank:
                    output-modalities: [rerank]
                    endpoints: [{provider: reranker, upstream-model: ok, pricing: {prompt: "0.00000005", request: "0.001"}}]
                  google/flash:
                    endpoints: [{provider: google, upstream-model: gemini-2.5-flash, pricing: {prompt: "0.0000003", completion: "0.0000025"}}]
                  google/long:
                    endpoints: [{provider: google, upstream-model: gemini-long, pricing: {prompt: "0.0000003", completion: "0.0000025"}}]
                  google/cut:
                    endpoints: [{provider: google, upstream-model: gemini-cut, pricing: {prompt: "0.0000003", completion: "0.0000025"}}]
                  google/overloaded:
                    endpoints: [{provider: google, upstream-model: gemini-overloaded, pricing: {prompt: "0.0000003", completion: "0.0000025"}}]
                  anthropic/claude:
                    endpoints: [{provider: claude, upstream-model: claude-hello, max-completion-tokens: 64000, pricing: {prompt: "0.000003", completion: "0.000015"}}]
                  anthropic/long:
                    endpoints: [{provider: claude, upstream-model: claude-long, pricing: {prompt: "0.000003", completion: "0.000015"}}]
                  anthropic/overloaded:
                    endpoints: [{provider: claude, upstream-model: claude-overloaded, pricing: {prompt: "0.000003", completion: "0.000015"}}]
                  anthropic/breaks:
                    endpoints: [{provider: claude, upstream-model: claude-breaks, pricing: {prompt: "0.000003", completion: "0.000015"}}]
                  fuzz/liar:
                    endpoints: [{provider: sim, upstream-model: liar, pricing: {prompt: "0.000001", completion: "0.000002"}}]
                  fuzz/liar-stream:
                    endpoints: [{provider: sim, upstream-model: liar-stream, pricing: {prompt: "0.000001", completion: "0.000002"}}]
                  google/liar:
                    endpoints: [{provider: google, upstream-model: gemini-liar, pricing: {prompt: "0.0000003", completion: "0.0000025"}}]
                  google/liar-stream:
                    endpoints: [{provider: google, upstream-model: gemini-liar-stream, pricing: {prompt: "0.0000003", completion: "0.0000025"}}]
                  anthropic/liar:
                    endpoints: [{provider: claude, upstream-model: claude-liar, pricing: {prompt: "0.000003", completion: "0.000015"}}]
                """;
    }

    /** The variables {@link #catalog()} refers to, and the gateway settings of the run. */
    public static Map<String, String> environment(SimServer sim) {
        return Map.of("SIM_URL", sim.baseUrl(), "GEMINI_URL", "http://127.0.0.1:" + sim.port() + "/v1beta",
                "JUNCTION_ACCOUNTING_ENFORCE_BALANCE", "true",
                "JUNCTION_UPSTREAM_FIRST_BYTE_TIMEOUT", "800ms",
                "JUNCTION_UPSTREAM_IDLE_TIMEOUT", "1s",
                "JUNCTION_SERVER_KEEP_ALIVE_INTERVAL", "100ms",
                "JUNCTION_SERVER_BODY_READ_TIMEOUT", "2s",
                "JUNCTION_SERVER_MAX_BODY_SIZE", "256KiB",
                "JUNCTION_BYOK_ENCRYPTION_KEY", "AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8=");
    }

    private static SimScript raw(String... frames) {
        return SimScript.builder().raw(List.of(frames)).build();
    }
}
