package dev.junction.config;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;
import tools.jackson.dataformat.yaml.YAMLMapper;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Reads the YAML configuration, resolves {@code ${VAR}} / {@code ${VAR:-default}} references from the
 * environment, applies {@code JUNCTION_*} environment overrides, and binds the result into validated
 * records. Every problem is reported at once with the key it concerns.
 */
public final class ConfigLoader {
    /** Scalar keys that an environment variable may override, e.g. {@code JUNCTION_SERVER_PORT=9000}. */
    static final List<String> OVERRIDABLE = List.of(
            "server.host", "server.port", "server.event-loops", "server.max-body-size",
            "server.idle-timeout", "server.body-read-timeout",
            "server.keep-alive-interval", "upstream.connect-timeout", "upstream.first-byte-timeout",
            "upstream.idle-timeout", "upstream.max-connections-per-host", "default-model", "storage.data-dir",
            "storage.database-url", "accounting.enforce-balance", "limits.key-default", "cluster.redis-url",
            "cluster.on-outage", "cluster.redis-timeout", "cluster.instance-ttl", "cluster.key-prefix",
            "auth.require-pkce", "server.drain-timeout", "logging.access-log", "logging.access-log-format",
            "logging.format", "metrics.enabled", "metrics.port", "metrics.host", "metrics.bearer-token",
            "metrics.max-label-values", "tracing.enabled", "tracing.capture-content", "tracing.sample-ratio");

    private static final YAMLMapper YAML = YAMLMapper.builder().build();

    private final Map<String, String> env;

    public ConfigLoader(Map<String, String> env) {
        this.env = Map.copyOf(env);
    }

    public JunctionConfig load(Path file) {
        String text;
        try {
            text = Files.readString(file);
        } catch (java.nio.file.NoSuchFileException e) {
            throw new ConfigException("config file " + file + " does not exist");
        } catch (IOException e) {
            throw new ConfigException("cannot read config file " + file + ": " + e.getMessage());
        }
        return parse(text, file.toString());
    }

    /** Parses YAML text; {@code source} names it in error messages. An empty text gives all defaults. */
    public JunctionConfig parse(String yaml, String source) {
        JsonNode root;
        try {
            root = yaml.isBlank() ? JsonNodeFactory.instance.objectNode() : YAML.readTree(yaml);
        } catch (JacksonException e) {
            throw new ConfigException(source + " is not valid YAML: " + e.getOriginalMessage());
        }
        if (root == null || root.isMissingNode() || root.isNull()) {
            root = JsonNodeFactory.instance.objectNode();
        }
        if (!root.isObject()) {
            throw new ConfigException(source + ": expected a mapping at the top level");
        }
        List<String> problems = new ArrayList<>();
        ObjectNode resolved = (ObjectNode) new EnvironmentReferences(env, problems).resolve(root, "");
        if (resolved.path("catalog").path("bundled").asBoolean(true)) {
            resolved = YamlTrees.merge(BundledCatalog.tree(), resolved);
        }
        applyOverrides(resolved);
        JunctionConfig config = new ConfigBinder(env).bind(new ConfigNode(resolved, "", problems));
        if (!problems.isEmpty()) {
            throw new ConfigException(problems);
        }
        return config;
    }

    private void applyOverrides(ObjectNode root) {
        for (String key : OVERRIDABLE) {
            String value = env.get(envName(key));
            if (value == null) {
                continue;
            }
            String[] parts = key.split("\\.");
            ObjectNode target = root;
            for (int i = 0; i < parts.length - 1; i++) {
                JsonNode child = target.get(parts[i]);
                target = child instanceof ObjectNode childObject ? childObject : target.putObject(parts[i]);
            }
            target.put(parts[parts.length - 1], value);
        }
    }

    /** {@code server.max-body-size} → {@code JUNCTION_SERVER_MAX_BODY_SIZE}. */
    public static String envName(String key) {
        return "JUNCTION_" + key.replace('.', '_').replace('-', '_').toUpperCase(Locale.ROOT);
    }
}
