package dev.junction.testing;

import java.util.Map;

/**
 * The gateway the client dialects' golden suites run through (the Responses API's, the Messages API's): one replaying
 * upstream of each protocol — OpenAI-compatible, Anthropic, Gemini — and a model on each, so that a case picks its
 * upstream by its model.
 */
public final class DialectGoldens {
    private static final String EVERY_PROTOCOL = """
            providers:
              openai-replay:
                name: OpenAI
                base-url: ${UPSTREAM}
              anthropic-replay:
                name: Anthropic
                kind: anthropic
                base-url: ${UPSTREAM}
                api-key-env: GOLDEN_ANTHROPIC_KEY
              gemini-replay:
                name: Google AI Studio
                kind: gemini
                base-url: ${UPSTREAM_ROOT}/v1beta
                api-key-env: GOLDEN_GEMINI_KEY
            models:
              openai/gpt-4o-mini:
                endpoints:
                  - {provider: openai-replay, upstream-model: gpt-4o-mini, pricing: {prompt: "0.00000015", completion: "0.0000006"}}
              anthropic/claude-sonnet-4.5:
                endpoints:
                  - provider: anthropic-replay
                    upstream-model: claude-sonnet-4-5-20250929
                    max-completion-tokens: 64000
                    pricing: {prompt: "0.000003", completion: "0.000015", input-cache-read: "0.0000003", input-cache-write: "0.00000375"}
              google/gemini-3-pro-preview:
                endpoints:
                  - provider: gemini-replay
                    upstream-model: gemini-3-pro-preview
                    context-length: 1048576
                    pricing: {prompt: "0.000002", completion: "0.000012", input-cache-read: "0.0000002"}
            """;

    private DialectGoldens() {}

    /** @param moreModels further entries of {@code models:}, indented by two spaces, on the same upstreams */
    public static GoldenGateway start(String moreModels) {
        return new GoldenGateway(EVERY_PROTOCOL + moreModels,
                Map.of("GOLDEN_ANTHROPIC_KEY", "sk-ant-golden", "GOLDEN_GEMINI_KEY", "golden-key"));
    }
}
