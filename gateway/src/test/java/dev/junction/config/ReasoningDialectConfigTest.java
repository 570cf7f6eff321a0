package dev.junction.config;

import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** A provider's reasoning dialect: defaulted from where it is and how its models are found, or set and checked. */
class ReasoningDialectConfigTest {
    private static JunctionConfig parse(String yaml) {
        return new ConfigLoader(Map.of()).parse(yaml, "test");
    }

    @Test
    void theDefaultComesFromTheBaseUrlOrTheDiscovery() {
        JunctionConfig config = parse("""
                catalog: {bundled: false}
                providers:
                  openai:     {base-url: "https://api.openai.com/v1"}
                  openrouter: {base-url: "https://openrouter.ai/api/v1"}
                  deepseek:   {base-url: "https://api.deepseek.com/v1"}
                  groq:       {base-url: "https://api.groq.com/openai/v1"}
                  vllm:       {base-url: "http://10.0.0.5:8000/v1", discovery: openai}
                  ollama:     {base-url: "http://127.0.0.1:11434/v1", discovery: ollama}
                  other:      {base-url: "http://127.0.0.1:9000/v1"}
                  tags:       {base-url: "http://127.0.0.1:9001/v1", reasoning-dialect: think-tags}
                """);
        Map<String, ReasoningDialect> expected = Map.of("openai", ReasoningDialect.OPENAI,
                "openrouter", ReasoningDialect.OPENROUTER, "deepseek", ReasoningDialect.DEEPSEEK,
                "groq", ReasoningDialect.REASONING_EFFORT, "vllm", ReasoningDialect.VLLM,
                "ollama", ReasoningDialect.REASONING_EFFORT, "other", ReasoningDialect.OPENROUTER,
                "tags", ReasoningDialect.THINK_TAGS);
        expected.forEach((id, dialect) -> assertThat(config.providers().get(id).reasoningDialect()).as(id).isEqualTo(dialect));
        assertThat(config.providers().get("vllm").supportedParameters()).as("a self-hosted dialect takes reasoning")
                .contains("reasoning", "include_reasoning", "reasoning_effort");
        assertThat(config.providers().get("openai").supportedParameters()).as("OpenAI's reasoning is per model")
                .doesNotContain("reasoning");
    }

    @Test
    void anUnknownDialectOrOneOnAnotherProtocolIsAnError() {
        assertThatThrownBy(() -> parse("""
                providers:
                  x: {base-url: "http://127.0.0.1:1/v1", reasoning-dialect: qwen}
                  y: {base-url: "https://api.anthropic.com/v1", kind: anthropic, reasoning-dialect: vllm}
                """)).isInstanceOf(ConfigException.class)
                .hasMessageContaining("unknown reasoning dialect 'qwen' (known: openai, reasoning-effort, openrouter, deepseek, vllm, think-tags)")
                .hasMessageContaining("only OpenAI-compatible providers (kind: openai) have a reasoning dialect");
    }
}
