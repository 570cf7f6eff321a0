package dev.junction.config;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

import java.util.Map;

/**
 * Layers one configuration tree over another: mappings merge key by key, anything else (scalars,
 * lists such as a model's endpoints) is replaced whole, and an explicit {@code null} removes the key —
 * so an operator can override one price, replace a model's endpoints, or drop a bundled model.
 */
final class YamlTrees {
    private YamlTrees() {}

    static ObjectNode merge(ObjectNode base, ObjectNode override) {
        ObjectNode result = base.deepCopy();
        for (Map.Entry<String, JsonNode> e : override.properties()) {
            JsonNode value = e.getValue();
            JsonNode existing = result.get(e.getKey());
            if (value.isNull()) {
                result.remove(e.getKey());
            } else if (value instanceof ObjectNode o && existing instanceof ObjectNode b) {
                result.set(e.getKey(), merge(b, o));
            } else {
                result.set(e.getKey(), value);
            }
        }
        return result;
    }
}
