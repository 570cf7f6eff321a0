package dev.junction.catalog.discovery;

import dev.junction.config.ConfigLoader;
import dev.junction.config.JunctionConfig;
import dev.junction.config.ProviderConfig;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.util.Map;

/** Configurations for discovery tests, written as the operator would, without the bundled catalog. */
final class TestConfigs {
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private TestConfigs() {}

    static JunctionConfig parse(String yaml) {
        return parse(yaml, Map.of());
    }

    static JunctionConfig parse(String yaml, Map<String, String> env) {
        // A test that sets its own catalog section says bundled: false itself (YAML keeps the last duplicate).
        String text = yaml.contains("catalog:") ? yaml : "catalog: {bundled: false}\n" + yaml;
        return new ConfigLoader(env).parse(text, "test.yaml");
    }

    /** A provider {@code id} with this discovery setting, on a loopback URL nothing listens on. */
    static ProviderConfig provider(String id, String discovery) {
        return parse("""
                providers:
                  %s:
                    name: %s
                    base-url: http://127.0.0.1:9/v1
                    discovery: %s
                """.formatted(id, id.toUpperCase(java.util.Locale.ROOT), discovery)).providers().get(id);
    }

    static JsonNode json(String text) {
        return JSON.readTree(text);
    }
}
