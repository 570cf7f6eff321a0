package dev.junction.wire;

import tools.jackson.databind.JsonNode;

import java.util.Optional;

/** The request's {@code plugins}: finding one by id, and its {@code enabled} switch checked the same way for all. */
final class Plugins {
    private Plugins() {}

    /** A plugin as the request gave it: its options, where it is (for a 400's field path) and whether it is on. */
    record Found(JsonNode plugin, String at, boolean enabled) {}

    /** The first plugin with this id; a 400 when its {@code enabled} is not a boolean. */
    static Optional<Found> find(JsonNode plugins, String id) {
        if (plugins == null || !plugins.isArray()) {
            return Optional.empty();
        }
        for (int i = 0; i < plugins.size(); i++) {
            JsonNode plugin = plugins.get(i);
            if (!id.equals(plugin.path("id").asString(""))) {
                continue;
            }
            String at = "plugins[" + i + "].";
            JsonNode enabled = plugin.get("enabled");
            if (enabled != null && !enabled.isNull() && !enabled.isBoolean()) {
                throw new InvalidRequestException(at + "enabled: expected true or false, got " + FieldCheck.describe(enabled));
            }
            return Optional.of(new Found(plugin, at, enabled == null || enabled.asBoolean(true)));
        }
        return Optional.empty();
    }
}
