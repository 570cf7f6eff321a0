package dev.junction.config;

import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The example configuration shipped at the repository root stays valid. */
class ExampleConfigTest {
    @Test
    void exampleConfigurationLoads() {
        Path example = Path.of("..", "junction.example.yaml");
        JunctionConfig config = new ConfigLoader(Map.of("JUNCTION_API_KEY", "sk-jn-v1-example")).load(example);
        assertThat(config.providers()).containsKeys("openai", "openrouter", "lmstudio");
        assertThat(config.models()).containsKeys("openai/gpt-4o-mini", "qwen/qwen3-8b");
        assertThat(config.providers().get("lmstudio").hasCredentials()).isTrue();
        assertThat(config.providers().get("openai").hasCredentials()).isFalse();
        assertThat(config.defaultModel()).contains("openai/gpt-4o-mini");
    }

    @Test
    void exampleConfigurationLoadsWithNothingInTheEnvironment() {
        // Copied as it is, the example must not stop every command on a variable nobody told the reader to set.
        JunctionConfig config = new ConfigLoader(Map.of()).load(Path.of("..", "junction.example.yaml"));
        assertThat(config.keys()).isEmpty();
        assertThat(config.logging().accessLog()).isTrue();
    }
}
