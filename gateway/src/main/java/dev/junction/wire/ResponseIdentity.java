package dev.junction.wire;

import tools.jackson.core.JsonGenerator;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

import java.util.Map;

/**
 * The identity every response and chunk carries in the OpenRouter dialect: Junction's generation id,
 * the provider's display name, the model slug that served, the object type and creation time. These
 * lead the object, in OpenRouter's order; the upstream's other fields follow untouched, except a null
 * {@code system_fingerprint}, which OpenRouter's stream schema rejects (it must be a string or absent).
 */
public record ResponseIdentity(String id, String provider, String model, long created) {

    public ObjectNode stamp(ObjectNode upstream, String object) {
        ObjectNode out = upstream.objectNode();
        out.put("id", id);
        out.put("provider", provider);
        out.put("model", model);
        out.put("object", object);
        out.put("created", created);
        for (Map.Entry<String, JsonNode> field : upstream.properties()) {
            switch (field.getKey()) {
                case "id", "provider", "model", "object", "created" -> { }
                case "system_fingerprint" -> {
                    if (!field.getValue().isNull()) {
                        out.set(field.getKey(), field.getValue());
                    }
                }
                default -> out.set(field.getKey(), field.getValue());
            }
        }
        return out;
    }

    /**
     * Writes what {@code stamp(upstream, object)} followed by {@code set(name, value)} for each field of
     * {@code trailing} would serialise to, without building the stamped tree: on the streaming and
     * response paths the copy cost more than the serialisation. A trailing field replaces the upstream
     * field of the same name in place (as {@code set} would), or comes after the upstream's fields.
     *
     * @param trailing fields to set after stamping, or null for none; never an identity field
     */
    public void write(JsonGenerator out, ObjectNode upstream, String object, ObjectNode trailing) {
        out.writeStartObject();
        out.writeStringProperty("id", id);
        out.writeStringProperty("provider", provider);
        out.writeStringProperty("model", model);
        out.writeStringProperty("object", object);
        out.writeNumberProperty("created", created);
        int replaced = 0;
        for (Map.Entry<String, JsonNode> field : upstream.properties()) {
            String name = field.getKey();
            JsonNode value = field.getValue();
            switch (name) {
                case "id", "provider", "model", "object", "created" -> { }
                default -> {
                    if (name.equals("system_fingerprint") && value.isNull()) {
                        continue;
                    }
                    JsonNode replacement = trailing == null ? null : trailing.get(name);
                    if (replacement != null) {
                        replaced++;
                        value = replacement;
                    }
                    out.writeName(name);
                    out.writeTree(value);
                }
            }
        }
        if (trailing != null) {
            for (Map.Entry<String, JsonNode> field : trailing.properties()) {
                if (replaced > 0 && writtenFromUpstream(upstream, field.getKey())) {
                    continue;
                }
                out.writeName(field.getKey());
                out.writeTree(field.getValue());
            }
        }
        out.writeEndObject();
    }

    /** Whether {@link #write} put this trailing field in the upstream's place rather than at the end. */
    private static boolean writtenFromUpstream(ObjectNode upstream, String name) {
        JsonNode value = upstream.get(name);
        return switch (name) {
            case "id", "provider", "model", "object", "created" -> false;
            case "system_fingerprint" -> value != null && !value.isNull();
            default -> value != null;
        };
    }
}
