package dev.junction.wire;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Optional;

/**
 * Carries a turn's {@code reasoning_details} (Anthropic's thinking signatures, Gemini's thought signatures)
 * through a client of another dialect and back. Neither the Responses API nor Anthropic's Messages API has
 * such a field, but each has an opaque string its clients send back as it came — the reasoning item's
 * {@code encrypted_content}, a thinking block's {@code signature} — so the details travel there, as base64 of
 * their JSON under a prefix that marks them as Junction's, and the next turn's assistant message gets them
 * back for the upstream that needs them.
 */
public final class ReasoningCarrier {
    private static final String PREFIX = "jnrd1.";

    private ReasoningCarrier() {}

    /**
     * The details worth carrying: all of them when any holds something opaque the upstream needs back (a
     * signature, encrypted data — and the text it signs), none when the reasoning is only text, which travels
     * as text anyway.
     */
    public static ArrayNode worthCarrying(Iterable<JsonNode> details) {
        ArrayNode all = Json.NODES.arrayNode();
        boolean opaque = false;
        for (JsonNode detail : details) {
            all.add(detail);
            opaque |= detail.path("signature").isString() || detail.path("data").isString();
        }
        return opaque ? all : Json.NODES.arrayNode();
    }

    public static String encode(ArrayNode details) {
        return PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(Json.bytes(details));
    }

    /** The details an {@code encrypted_content} carries; empty for anyone else's encrypted content. */
    public static Optional<ArrayNode> decode(String encrypted) {
        if (!encrypted.startsWith(PREFIX)) {
            return Optional.empty();
        }
        try {
            byte[] json = Base64.getUrlDecoder().decode(encrypted.substring(PREFIX.length()));
            JsonNode details = Json.parse(new String(json, StandardCharsets.UTF_8));
            return details instanceof ArrayNode array ? Optional.of(array) : Optional.empty();
        } catch (IllegalArgumentException | JacksonException e) {
            return Optional.empty();
        }
    }
}
