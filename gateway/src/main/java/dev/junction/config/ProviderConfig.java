package dev.junction.config;

import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * An upstream provider. Credentials are never in the file: {@code api-key-env} names the environment
 * variable that holds the key, and {@link #apiKey()} is what that variable held at start-up.
 *
 * @param id                  the key under {@code providers:}, used in endpoint definitions and routing
 * @param name                display name, returned to clients as {@code provider}
 * @param kind                wire protocol of the upstream
 * @param baseUrl             URL up to and including the version segment, e.g. {@code https://api.openai.com/v1}
 * @param apiKeyEnv           the environment variable holding the key; empty when the upstream needs none
 * @param apiKey              the key resolved from the environment; empty if the variable is unset
 * @param headers             extra headers sent on every upstream request (e.g. organisation ids)
 * @param dropFields          request fields removed before the request goes upstream (for strict upstreams)
 * @param discovery           how to list the provider's models at run time, if at all
 * @param dataPolicy          what the provider does with prompts (default for its endpoints)
 * @param supportedParameters request parameters its endpoints accept unless an endpoint says otherwise
 * @param reasoningDialect    how an OpenAI-compatible upstream is asked to reason and returns its reasoning
 * @param embeddingBatchSize  the most embedding inputs one upstream request carries; more are split into batches
 */
public record ProviderConfig(
        String id,
        String name,
        ProviderKind kind,
        URI baseUrl,
        Optional<String> apiKeyEnv,
        Optional<String> apiKey,
        Map<String, String> headers,
        List<String> dropFields,
        Discovery discovery,
        DataPolicyConfig dataPolicy,
        Set<String> supportedParameters,
        ReasoningDialect reasoningDialect,
        int embeddingBatchSize) {

    /** How a provider's model list is discovered. */
    public enum Discovery {
        /** Only the models the catalog and config define. */
        NONE,
        /** {@code GET /models} of an OpenAI-compatible server (vLLM, llama.cpp server, …). */
        OPENAI,
        /** LM Studio: {@code /v1/models}, enriched with context lengths from {@code /api/v0/models}. */
        LMSTUDIO,
        /** Ollama: {@code /api/tags}, enriched with context lengths from {@code /api/show}. */
        OLLAMA,
        /** OpenRouter's live {@code /models} catalogue, with its prices and limits. */
        OPENROUTER
    }

    /** The same provider called with another key: an account's own (BYOK). */
    public ProviderConfig withApiKey(String key) {
        return new ProviderConfig(id, name, kind, baseUrl, apiKeyEnv, Optional.of(key), headers, dropFields, discovery,
                dataPolicy, supportedParameters, reasoningDialect, embeddingBatchSize);
    }

    /** An endpoint is routable only when its provider has the credentials it needs. */
    public boolean hasCredentials() {
        return apiKeyEnv.isEmpty() || apiKey.isPresent();
    }
}
