package dev.junction.wire;

import tools.jackson.databind.JsonNode;

/** The request's {@code plugins}: which are asked for ({@code {id, enabled}}, {@code enabled} true unless said). */
public final class PluginList {
    private PluginList() {}

    /** Whether the body's {@code plugins} list the plugin {@code id} and do not switch it off. */
    public static boolean enabled(JsonNode body, String id) {
        for (JsonNode plugin : body.path("plugins")) {
            if (id.equals(plugin.path("id").asString("")) && plugin.path("enabled").asBoolean(true)) {
                return true;
            }
        }
        return false;
    }
}
