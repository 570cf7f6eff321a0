package dev.junction.config;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/** The wire protocol an upstream speaks. */
public enum ProviderKind {
    /** OpenAI chat/completions and every compatible server: OpenRouter, Groq, Together, vLLM, Ollama, … */
    OPENAI,
    /** Google's Gemini API: generateContent / streamGenerateContent. */
    GEMINI,
    /** Anthropic's Messages API ({@code x-api-key}, {@code anthropic-version}). */
    ANTHROPIC,
    /** The Cohere/Jina-style {@code POST /rerank} that vLLM, llama.cpp server, Jina and Cohere serve. */
    RERANK;

    /**
     * The most embedding inputs one upstream request may carry: OpenAI's 2048, Gemini's 100 a
     * {@code batchEmbedContents}; kinds without embeddings take one.
     */
    public int defaultEmbeddingBatchSize() {
        return switch (this) {
            case OPENAI -> 2048;
            case GEMINI -> 100;
            case ANTHROPIC, RERANK -> 1;
        };
    }

    /**
     * Request parameters a provider of this kind accepts when its configuration does not say. An OpenAI-compatible
     * upstream whose dialect can always be asked to reason also takes the reasoning parameters.
     */
    public java.util.Set<String> defaultSupportedParameters(ReasoningDialect dialect) {
        if (this == OPENAI && dialect.reasonsByDefault()) {
            java.util.Set<String> withReasoning = new java.util.LinkedHashSet<>(defaultSupportedParameters());
            withReasoning.addAll(ReasoningDialect.reasoningParameters());
            return java.util.Set.copyOf(withReasoning);
        }
        return defaultSupportedParameters();
    }

    /** Request parameters a provider of this kind accepts when its configuration does not say. */
    public java.util.Set<String> defaultSupportedParameters() {
        return switch (this) {
            case OPENAI -> java.util.Set.of("temperature", "top_p", "frequency_penalty", "presence_penalty", "max_tokens",
                    "max_completion_tokens", "stop", "seed", "logit_bias", "logprobs", "top_logprobs", "response_format",
                    "structured_outputs", "tools", "tool_choice", "parallel_tool_calls");
            case GEMINI -> java.util.Set.of("temperature", "top_p", "top_k", "frequency_penalty", "presence_penalty",
                    "max_tokens", "max_completion_tokens", "stop", "seed", "response_format", "structured_outputs", "tools",
                    "tool_choice", "reasoning", "include_reasoning");
            case ANTHROPIC -> java.util.Set.of("temperature", "top_p", "top_k", "max_tokens", "max_completion_tokens",
                    "stop", "response_format", "structured_outputs", "tools", "tool_choice", "reasoning", "include_reasoning");
            case RERANK -> java.util.Set.of("top_n", "return_documents");
        };
    }

    public String configName() {
        return name().toLowerCase(Locale.ROOT);
    }

    static String known() {
        return String.join(", ", Arrays.stream(values()).map(ProviderKind::configName).toList());
    }

    static Optional<ProviderKind> parse(String text) {
        return Arrays.stream(values()).filter(k -> k.configName().equals(text)).findFirst();
    }
}
