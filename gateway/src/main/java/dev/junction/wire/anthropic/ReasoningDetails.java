package dev.junction.wire.anthropic;

import dev.junction.wire.Json;
import tools.jackson.databind.node.ObjectNode;

/**
 * OpenRouter's {@code reasoning_details} entries for Claude's thinking blocks. A {@code thinking} block becomes
 * {@code reasoning.text} with its signature, a {@code redacted_thinking} block {@code reasoning.encrypted} with
 * its opaque data; both carry the format {@value #FORMAT} so that the next turn can recognise them as Claude's and
 * send them back as the blocks they came from (Anthropic rejects a tool-use turn whose thinking was dropped or
 * altered). {@code index} numbers the reasoning blocks of one message from 0. Shared by both sides: the Anthropic
 * provider's translators and the Messages API's client dialect.
 */
public final class ReasoningDetails {
    public static final String FORMAT = "anthropic-claude-v1";
    public static final String TEXT = "reasoning.text";
    public static final String ENCRYPTED = "reasoning.encrypted";

    private ReasoningDetails() {}

    public static ObjectNode text(int index, String text, String signature) {
        ObjectNode detail = Json.object();
        detail.put("type", TEXT);
        detail.put("text", text);
        if (!signature.isEmpty()) {
            detail.put("signature", signature);
        }
        detail.put("format", FORMAT);
        detail.put("index", index);
        return detail;
    }

    /** A streamed piece of thinking text, without the signature that arrives at the block's end. */
    public static ObjectNode textDelta(int index, String text) {
        ObjectNode detail = Json.object();
        detail.put("type", TEXT);
        detail.put("text", text);
        detail.put("format", FORMAT);
        detail.put("index", index);
        return detail;
    }

    public static ObjectNode signature(int index, String signature) {
        ObjectNode detail = Json.object();
        detail.put("type", TEXT);
        detail.put("signature", signature);
        detail.put("format", FORMAT);
        detail.put("index", index);
        return detail;
    }

    public static ObjectNode encrypted(int index, String data) {
        ObjectNode detail = Json.object();
        detail.put("type", ENCRYPTED);
        detail.put("data", data);
        detail.put("format", FORMAT);
        detail.put("index", index);
        return detail;
    }
}
