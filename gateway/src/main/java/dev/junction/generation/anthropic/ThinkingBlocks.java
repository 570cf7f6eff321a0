package dev.junction.generation.anthropic;

import dev.junction.wire.Json;
import dev.junction.wire.ReasoningCarrier;
import dev.junction.wire.anthropic.ReasoningDetails;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * An answer's reasoning as Messages API blocks, the way a Messages client keeps and sends them back:
 * <ul>
 *   <li>Claude's own thinking ({@code reasoning_details} in {@value ReasoningDetails#FORMAT}) as the
 *       {@code thinking} blocks with their signatures, and {@code redacted_thinking} blocks, as Claude wrote them;</li>
 *   <li>another model's reasoning text as a {@code thinking} block without a signature;</li>
 *   <li>another provider's details (Gemini's thought signatures, encrypted reasoning) in the signature of one last
 *       thinking block with no text ({@link ReasoningCarrier}), so that the next turn gives them back.</li>
 * </ul>
 */
final class ThinkingBlocks {
    private ThinkingBlocks() {}

    /** The thinking blocks of a whole answer's message, in order. */
    static List<ObjectNode> of(JsonNode message) {
        Map<Integer, ObjectNode> claude = new LinkedHashMap<>();
        ArrayNode others = Json.NODES.arrayNode();
        boolean claudeText = false;
        int unnumbered = -1;
        for (JsonNode detail : message.path("reasoning_details")) {
            if (!isClaudes(detail)) {
                others.add(detail);
                continue;
            }
            int index = detail.path("index").isInt() ? detail.get("index").asInt() : unnumbered--;
            switch (detail.path("type").asString("")) {
                case ReasoningDetails.TEXT -> {
                    ObjectNode block = claude.computeIfAbsent(index, i -> thinking("", ""));
                    block.put("thinking", block.get("thinking").asString() + detail.path("text").asString(""));
                    if (detail.path("signature").isString()) {
                        block.put("signature", detail.get("signature").asString());
                    }
                    claudeText = true;
                }
                case ReasoningDetails.ENCRYPTED -> claude.putIfAbsent(index, redacted(detail.path("data").asString("")));
                default -> others.add(detail);
            }
        }
        List<ObjectNode> blocks = new ArrayList<>(claude.values());
        String reasoning = message.path("reasoning").asString("");
        if (!claudeText && !reasoning.isEmpty()) {
            blocks.add(thinking(reasoning, ""));
        }
        ArrayNode carried = ReasoningCarrier.worthCarrying(others);
        if (!carried.isEmpty()) {
            blocks.add(thinking("", ReasoningCarrier.encode(carried)));
        }
        return blocks;
    }

    static boolean isClaudes(JsonNode detail) {
        return ReasoningDetails.FORMAT.equals(detail.path("format").asString(""));
    }

    static ObjectNode thinking(String text, String signature) {
        return Json.object().put("type", "thinking").put("thinking", text).put("signature", signature);
    }

    static ObjectNode redacted(String data) {
        return Json.object().put("type", "redacted_thinking").put("data", data);
    }
}
