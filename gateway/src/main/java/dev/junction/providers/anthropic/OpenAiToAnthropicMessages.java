package dev.junction.providers.anthropic;

import dev.junction.wire.Json;
import dev.junction.wire.anthropic.ReasoningDetails;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * OpenAI {@code messages} as Anthropic's {@code system} and {@code messages}.
 *
 * <ul>
 *   <li>{@code system} and {@code developer} messages are lifted into the top-level {@code system}: a string
 *       when it is a single plain text, otherwise text blocks keeping their {@code cache_control}.</li>
 *   <li>{@code tool} messages become {@code tool_result} blocks in a user turn (with {@code is_error}, which a
 *       Messages API client's tool message carries); consecutive turns of the same role are merged (Anthropic wants
 *       the results of parallel calls together, and first in their turn).</li>
 *   <li>assistant {@code tool_calls} become {@code tool_use} blocks (keeping a call's {@code cache_control}), its
 *       {@code reasoning_details} the {@code thinking}/{@code redacted_thinking} blocks they came from, ahead of the
 *       rest of the turn.</li>
 *   <li>A final assistant message is a prefill; Anthropic rejects one that ends in whitespace, so it is trimmed.</li>
 * </ul>
 */
final class OpenAiToAnthropicMessages {

    /** @param system empty when the conversation has no system text */
    record Translated(Optional<JsonNode> system, ArrayNode messages) {}

    private record Turn(String role, List<ObjectNode> blocks) {}

    private OpenAiToAnthropicMessages() {}

    static Translated translate(JsonNode messages) {
        List<ObjectNode> system = new ArrayList<>();
        List<Turn> turns = new ArrayList<>();
        for (int i = 0; i < messages.size(); i++) {
            JsonNode message = messages.get(i);
            String path = "messages[" + i + "]";
            switch (message.path("role").asString("")) {
                case "system", "developer" -> system.addAll(OpenAiToAnthropicContent.blocks(message.get("content"), path + ".content"));
                case "user" -> add(turns, "user", OpenAiToAnthropicContent.blocks(message.get("content"), path + ".content"));
                case "assistant" -> add(turns, "assistant", assistant(message, path));
                case "tool" -> add(turns, "user", List.of(toolResult(message, path)));
                default -> throw new UnsupportedInputException(path + ".role: '" + message.path("role").asString("")
                        + "' has no Anthropic equivalent");
            }
        }
        trimPrefill(turns);
        ArrayNode out = Json.NODES.arrayNode();
        for (Turn turn : turns) {
            if (turn.blocks().isEmpty()) {
                continue;
            }
            ObjectNode message = out.addObject();
            message.put("role", turn.role());
            message.set("content", content(turn.role().equals("user") ? toolResultsFirst(turn.blocks()) : turn.blocks()));
        }
        return new Translated(system.isEmpty() ? Optional.empty() : Optional.of(content(system)), out);
    }

    private static void add(List<Turn> turns, String role, List<ObjectNode> blocks) {
        if (!turns.isEmpty() && turns.getLast().role().equals(role)) {
            turns.getLast().blocks().addAll(blocks);
        } else {
            turns.add(new Turn(role, new ArrayList<>(blocks)));
        }
    }

    /** A single plain text block travels as a string, as a client writing Anthropic's API by hand would send it. */
    private static JsonNode content(List<ObjectNode> blocks) {
        if (blocks.size() == 1 && blocks.getFirst().size() == 2 && blocks.getFirst().path("type").asString("").equals("text")) {
            return blocks.getFirst().get("text");
        }
        ArrayNode array = Json.NODES.arrayNode();
        blocks.forEach(array::add);
        return array;
    }

    /** Anthropic requires the tool_result blocks of a user turn to come before any other content. */
    private static List<ObjectNode> toolResultsFirst(List<ObjectNode> blocks) {
        List<ObjectNode> ordered = new ArrayList<>(blocks);
        ordered.sort(Comparator.comparingInt(b -> b.path("type").asString("").equals("tool_result") ? 0 : 1));
        return ordered;
    }

    private static List<ObjectNode> assistant(JsonNode message, String path) {
        List<ObjectNode> blocks = new ArrayList<>(thinking(message.get("reasoning_details")));
        blocks.addAll(OpenAiToAnthropicContent.blocks(message.get("content"), path + ".content"));
        JsonNode toolCalls = message.get("tool_calls");
        if (toolCalls != null && toolCalls.isArray()) {
            for (JsonNode call : toolCalls) {
                ObjectNode use = Json.object();
                use.put("type", "tool_use");
                use.put("id", ToolIds.anthropic(call.path("id").asString("")));
                use.put("name", call.path("function").path("name").asString(""));
                use.set("input", arguments(call.path("function").path("arguments")));
                OpenAiToAnthropicContent.copyCacheControl(call, use);
                blocks.add(use);
            }
        }
        return blocks;
    }

    /**
     * The thinking blocks behind {@code reasoning_details}. Entries of another provider's format are skipped (their
     * signatures mean nothing to Anthropic), as is text without a signature (Anthropic would reject it). A client
     * that kept the streamed deltas unmerged sends several entries with one index: they are joined again.
     */
    private static List<ObjectNode> thinking(JsonNode details) {
        List<ObjectNode> blocks = new ArrayList<>();
        if (details == null || !details.isArray()) {
            return blocks;
        }
        Map<Integer, ObjectNode> byIndex = new LinkedHashMap<>();
        int position = 0;
        for (JsonNode detail : details) {
            String format = detail.path("format").asString(ReasoningDetails.FORMAT);
            if (!format.equals(ReasoningDetails.FORMAT)) {
                continue;
            }
            int index = detail.path("index").asInt(1_000_000 + position++);
            switch (detail.path("type").asString("")) {
                case ReasoningDetails.TEXT -> {
                    ObjectNode block = byIndex.computeIfAbsent(index, k -> thinkingBlock());
                    block.put("thinking", block.path("thinking").asString("") + detail.path("text").asString(""));
                    String signature = detail.path("signature").asString("");
                    if (!signature.isEmpty()) {
                        block.put("signature", signature);
                    }
                }
                case ReasoningDetails.ENCRYPTED -> {
                    ObjectNode block = Json.object();
                    block.put("type", "redacted_thinking");
                    block.put("data", detail.path("data").asString(""));
                    byIndex.putIfAbsent(index, block);
                }
                default -> { } // summaries and server-tool records have no Anthropic block
            }
        }
        byIndex.entrySet().stream()
                .sorted(Map.Entry.comparingByKey())
                .map(Map.Entry::getValue)
                .filter(b -> !b.path("type").asString("").equals("thinking") || !b.path("signature").asString("").isEmpty())
                .forEach(blocks::add);
        return blocks;
    }

    private static ObjectNode thinkingBlock() {
        ObjectNode block = Json.object();
        block.put("type", "thinking");
        block.put("thinking", "");
        block.put("signature", "");
        return block;
    }

    /**
     * A tool call's arguments as the object Anthropic's {@code input} must be. Arguments that are blank or not a JSON
     * object (a reply cut off by max_tokens, sent back as it was) become {@code {}} rather than failing the turn.
     */
    private static JsonNode arguments(JsonNode arguments) {
        if (arguments.isObject()) {
            return arguments.deepCopy();
        }
        String text = arguments.asString("");
        if (!text.isBlank()) {
            try {
                JsonNode parsed = Json.parse(text);
                if (parsed.isObject()) {
                    return parsed;
                }
            } catch (JacksonException e) {
                // fall through to the empty input
            }
        }
        return Json.object();
    }

    private static ObjectNode toolResult(JsonNode message, String path) {
        ObjectNode block = Json.object();
        block.put("type", "tool_result");
        block.put("tool_use_id", ToolIds.anthropic(message.path("tool_call_id").asString("")));
        JsonNode content = message.get("content");
        if (content != null && content.isString()) {
            if (!content.asString().isEmpty()) {
                block.put("content", content.asString());
            }
        } else {
            List<ObjectNode> blocks = OpenAiToAnthropicContent.blocks(content, path + ".content");
            if (!blocks.isEmpty()) {
                block.set("content", content(blocks));
            }
        }
        if (message.path("is_error").asBoolean(false)) {
            block.put("is_error", true);
        }
        return block;
    }

    private static void trimPrefill(List<Turn> turns) {
        if (turns.isEmpty() || !turns.getLast().role().equals("assistant")) {
            return;
        }
        List<ObjectNode> blocks = turns.getLast().blocks();
        if (!blocks.isEmpty() && blocks.getLast().path("type").asString("").equals("text")) {
            String trimmed = blocks.getLast().path("text").asString("").stripTrailing();
            if (trimmed.isEmpty()) {
                blocks.removeLast();
            } else {
                blocks.getLast().put("text", trimmed);
            }
        }
    }
}
