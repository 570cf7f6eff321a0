package dev.junction.generation;

import dev.junction.wire.Json;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * {@code debug.echo_upstream_body}, as OpenRouter documents it: a streamed answer opens with a chunk whose
 * {@code choices} are empty and whose {@code debug.echo_upstream_body} holds the body sent to the serving upstream,
 * in that upstream's own protocol. Secrets are redacted: the provider's key wherever it appears in a value, and the
 * value of any field named like a credential ({@code api_key}, {@code authorization}, {@code password}, …).
 */
final class UpstreamBodyEcho {
    static final String REDACTED = "[REDACTED]";
    private static final Set<String> CREDENTIAL_NAMES = Set.of("api_key", "apikey", "api-key", "x-api-key",
            "x-goog-api-key", "authorization", "access_token", "refresh_token", "client_secret", "secret", "password",
            "bearer");

    private UpstreamBodyEcho() {}

    /** The chunk, before identity is stamped on it by the dialect's renderer. */
    static ObjectNode chunk(ObjectNode upstreamBody, Optional<String> apiKey) {
        ObjectNode chunk = Json.object();
        chunk.putArray("choices");
        chunk.putObject("debug").set("echo_upstream_body", redacted(upstreamBody, apiKey));
        return chunk;
    }

    static JsonNode redacted(JsonNode node, Optional<String> apiKey) {
        if (node instanceof ObjectNode object) {
            ObjectNode out = Json.object();
            for (Map.Entry<String, JsonNode> field : object.properties()) {
                boolean credential = CREDENTIAL_NAMES.contains(field.getKey().toLowerCase(Locale.ROOT));
                out.set(field.getKey(), credential && !field.getValue().isNull() ? Json.NODES.stringNode(REDACTED)
                        : redacted(field.getValue(), apiKey));
            }
            return out;
        }
        if (node instanceof ArrayNode array) {
            ArrayNode out = Json.NODES.arrayNode();
            array.forEach(item -> out.add(redacted(item, apiKey)));
            return out;
        }
        if (node.isString() && apiKey.filter(k -> !k.isEmpty() && node.asString().contains(k)).isPresent()) {
            return Json.NODES.stringNode(node.asString().replace(apiKey.get(), REDACTED));
        }
        return node;
    }
}
