package dev.junction.providers.openai;

import dev.junction.catalog.Endpoint;
import dev.junction.wire.ApiKind;
import tools.jackson.core.JsonGenerator;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

import java.util.Map;
import java.util.Set;

/**
 * Builds the body sent to an OpenAI-compatible upstream from the client's body. Every field is passed
 * through — upstreams such as OpenRouter, vLLM or Ollama understand fields Junction does not act on —
 * except the ones the gateway itself consumes, the reasoning fields, which go in the upstream's own dialect
 * ({@link OpenAiReasoningFields}), and the ones the operator told it to drop (also among the dialect's).
 * The client's tree is never mutated: a fallback attempt builds its own body from it.
 */
final class OpenAiUpstreamBody {
    /** Fields that steer Junction itself; an upstream would see them as foreign. */
    static final Set<String> GATEWAY_FIELDS = Set.of("models", "route", "provider", "usage", "debug");

    private OpenAiUpstreamBody() {}

    static ObjectNode build(ObjectNode client, Endpoint endpoint, ApiKind api, boolean stream) {
        var dropped = endpoint.provider().dropFields();
        var rewrite = OpenAiReasoningFields.of(client, endpoint, api);
        ObjectNode out = client.objectNode();
        out.put("model", endpoint.upstreamModel());
        for (Map.Entry<String, JsonNode> field : client.properties()) {
            if (passes(field.getKey(), dropped, rewrite)) {
                out.set(field.getKey(), field.getValue());
            }
        }
        for (Map.Entry<String, JsonNode> field : rewrite.added().properties()) {
            if (!dropped.contains(field.getKey())) {
                out.set(field.getKey(), field.getValue());
            }
        }
        if (stream) {
            out.put("stream", true);
            out.set("stream_options", streamOptions(client.get("stream_options"), out));
        }
        return out;
    }

    /**
     * Writes the JSON of {@link #build} without building the tree: the upstream body of every request is
     * generated straight into the buffer that is sent.
     */
    static void write(JsonGenerator out, ObjectNode client, Endpoint endpoint, ApiKind api, boolean stream) {
        var dropped = endpoint.provider().dropFields();
        var rewrite = OpenAiReasoningFields.of(client, endpoint, api);
        out.writeStartObject();
        out.writeStringProperty("model", endpoint.upstreamModel());
        for (Map.Entry<String, JsonNode> field : client.properties()) {
            if (passes(field.getKey(), dropped, rewrite)) {
                out.writeName(field.getKey());
                out.writeTree(field.getValue());
            }
        }
        for (Map.Entry<String, JsonNode> field : rewrite.added().properties()) {
            if (!dropped.contains(field.getKey())) {
                out.writeName(field.getKey());
                out.writeTree(field.getValue());
            }
        }
        if (stream) {
            out.writeBooleanProperty("stream", true);
            out.writeName("stream_options");
            out.writeTree(streamOptions(client.get("stream_options"), client));
        }
        out.writeEndObject();
    }

    private static boolean passes(String name, java.util.List<String> dropped, OpenAiReasoningFields.Rewrite rewrite) {
        return !name.equals("model") && !GATEWAY_FIELDS.contains(name) && !dropped.contains(name)
                && !name.equals("stream") && !name.equals("stream_options") && rewrite.keeps(name);
    }

    /** The client's stream options plus {@code include_usage}: usage is what the gateway bills from. */
    private static ObjectNode streamOptions(JsonNode clientOptions, ObjectNode factory) {
        ObjectNode options = factory.objectNode();
        if (clientOptions != null && clientOptions.isObject()) {
            options.setAll((ObjectNode) clientOptions);
        }
        options.put("include_usage", true);
        return options;
    }
}
