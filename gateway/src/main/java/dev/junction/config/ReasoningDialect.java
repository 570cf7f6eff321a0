package dev.junction.config;

import java.net.URI;
import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * How an OpenAI-compatible upstream is asked to reason and how it answers with its reasoning: every such server
 * speaks the same chat protocol but switches thinking on, sizes it and returns it differently. OpenRouter's
 * {@code reasoning} object is mapped onto the dialect's own fields on the way up; whatever reasoning field comes
 * back ({@code reasoning}, {@code reasoning_content}, {@code <think>} tags for {@link #THINK_TAGS}) becomes
 * OpenRouter's {@code reasoning} and {@code reasoning_details} on the way down.
 */
public enum ReasoningDialect {
    /** OpenAI's API: {@code reasoning_effort}, and {@code max_completion_tokens} instead of {@code max_tokens}. */
    OPENAI("openai"),
    /** Hosted OpenAI-compatible APIs that take OpenAI's {@code reasoning_effort} (Groq, xAI, Together, …). */
    REASONING_EFFORT("reasoning-effort"),
    /** OpenRouter as an upstream, and servers Junction does not recognise: the fields go as the client sent them. */
    OPENROUTER("openrouter"),
    /** DeepSeek's API: {@code thinking: {type: enabled|disabled}} and {@code reasoning_effort}; {@code reasoning_content} back. */
    DEEPSEEK("deepseek"),
    /**
     * Self-hosted servers rendering a chat template (vLLM, SGLang, llama.cpp server): the template's thinking switch in
     * {@code chat_template_kwargs} ({@code enable_thinking} for Qwen3, {@code thinking} for DeepSeek V3.1) and
     * {@code reasoning_effort}; a reasoning parser returns {@code reasoning_content} (or {@code reasoning}).
     */
    VLLM("vllm"),
    /** As {@link #VLLM} on the way up, but the model's reasoning arrives inside the content between {@code <think>} tags. */
    THINK_TAGS("think-tags");

    private static final Set<String> REASONING_PARAMETERS = Set.of("reasoning", "include_reasoning", "reasoning_effort");

    private final String configName;

    ReasoningDialect(String configName) {
        this.configName = configName;
    }

    public String configName() {
        return configName;
    }

    /**
     * The dialect of a provider whose configuration does not say: known hosts by their base URL, self-hosted
     * servers by how their models are discovered, anything else unchanged (as {@link #OPENROUTER}).
     */
    public static ReasoningDialect defaultFor(URI baseUrl, ProviderConfig.Discovery discovery) {
        String host = Optional.ofNullable(baseUrl.getHost()).orElse("").toLowerCase(Locale.ROOT);
        if (host.equals("api.openai.com") || host.endsWith(".openai.azure.com")) {
            return OPENAI;
        }
        if (host.equals("openrouter.ai") || host.endsWith(".openrouter.ai")) {
            return OPENROUTER;
        }
        if (host.equals("api.deepseek.com")) {
            return DEEPSEEK;
        }
        if (Set.of("api.groq.com", "api.x.ai", "api.together.xyz", "api.fireworks.ai", "api.deepinfra.com",
                "api.mistral.ai").contains(host)) {
            return REASONING_EFFORT;
        }
        return switch (discovery) {
            case OPENAI -> VLLM;
            case OLLAMA, LMSTUDIO -> REASONING_EFFORT;
            case NONE, OPENROUTER -> OPENROUTER;
        };
    }

    /**
     * Whether every endpoint of a provider speaking this dialect can be asked to reason, so that {@code reasoning}
     * belongs to its default supported parameters. For OpenAI and the hosted APIs that depends on the model, and
     * the catalog says so per endpoint.
     */
    public boolean reasonsByDefault() {
        return this != OPENAI && this != REASONING_EFFORT;
    }

    /** The request parameters that ask for reasoning in any of its spellings. */
    public static Set<String> reasoningParameters() {
        return REASONING_PARAMETERS;
    }

    static String known() {
        return String.join(", ", Arrays.stream(values()).map(ReasoningDialect::configName).toList());
    }

    static Optional<ReasoningDialect> parse(String text) {
        return Arrays.stream(values()).filter(d -> d.configName.equals(text)).findFirst();
    }
}
