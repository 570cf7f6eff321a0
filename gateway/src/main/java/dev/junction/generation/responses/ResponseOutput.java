package dev.junction.generation.responses;

import dev.junction.wire.Json;
import dev.junction.wire.UrlCitations;
import dev.junction.wire.ReasoningCarrier;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The output items of one response as they accumulate, in the order they were opened: a {@code reasoning}
 * item (its summary text, and the provider's signatures carried in {@code encrypted_content}), the
 * assistant {@code message} with its {@code output_text}, and a {@code function_call} per tool call. Item
 * ids derive from the generation's id, so a response's items are named the same streamed or not.
 */
final class ResponseOutput {
    enum Kind { REASONING, MESSAGE, CALL }

    /** One item: its kind and what it has accumulated. */
    static final class Item {
        final Kind kind;
        final String id;
        final StringBuilder text = new StringBuilder();
        /** A message's citations, in the Responses API's shape ({@link #annotation}). */
        final ArrayNode annotations = Json.NODES.arrayNode();
        String callId = "";
        String name = "";

        Item(Kind kind, String id) {
            this.kind = kind;
            this.id = id;
        }
    }

    private final String suffix;
    private final List<Item> items = new ArrayList<>();
    private final Map<Integer, Item> callsByIndex = new HashMap<>();
    private final ArrayNode details = Json.NODES.arrayNode();

    /** @param generationId the generation's id ({@code gen-…}), whose suffix names the response and its items */
    ResponseOutput(String generationId) {
        this.suffix = ResponseIds.suffix(generationId);
    }

    Optional<Item> reasoning() {
        return items.stream().filter(i -> i.kind == Kind.REASONING).findFirst();
    }

    Optional<Item> message() {
        return items.stream().filter(i -> i.kind == Kind.MESSAGE).findFirst();
    }

    Optional<Item> call(int index) {
        return Optional.ofNullable(callsByIndex.get(index));
    }

    /** Opens an item; returns it. Its output index is its position. */
    Item open(Kind kind) {
        String id = switch (kind) {
            case REASONING -> "rs_" + suffix;
            case MESSAGE -> "msg_" + suffix;
            case CALL -> "fc_" + suffix + "_" + callsByIndex.size();
        };
        Item item = new Item(kind, id);
        items.add(item);
        return item;
    }

    Item openCall(int index, String callId, String name) {
        Item item = open(Kind.CALL);
        item.callId = callId;
        item.name = name;
        callsByIndex.put(index, item);
        return item;
    }

    int indexOf(Item item) {
        return items.indexOf(item);
    }

    void details(JsonNode more) {
        if (more != null && more.isArray()) {
            more.forEach(details::add);
        }
    }

    /** Whether the provider's reasoning came with something opaque it needs back (a signature). */
    boolean hasDetails() {
        return !ReasoningCarrier.worthCarrying(details).isEmpty();
    }

    /** The whole output, every item {@code status}. */
    ArrayNode items(String status) {
        ArrayNode out = Json.NODES.arrayNode();
        for (Item item : items) {
            out.add(item(item, status));
        }
        return out;
    }

    ObjectNode item(Item item, String status) {
        ObjectNode out = Json.object();
        switch (item.kind) {
            case REASONING -> {
                out.put("type", "reasoning").put("id", item.id);
                ArrayNode summary = out.putArray("summary");
                if (!item.text.isEmpty()) {
                    summary.addObject().put("type", "summary_text").put("text", item.text.toString());
                }
                if (hasDetails()) {
                    out.put("encrypted_content", ReasoningCarrier.encode(ReasoningCarrier.worthCarrying(details)));
                    firstString("format").ifPresent(f -> out.put("format", f));
                    firstString("signature").ifPresent(s -> out.put("signature", s));
                }
                out.put("status", status);
            }
            case MESSAGE -> {
                out.put("type", "message").put("id", item.id).put("status", status).put("role", "assistant");
                ArrayNode content = out.putArray("content");
                if (!item.text.isEmpty() || !status.equals("in_progress")) {
                    content.add(outputText(item.text.toString(), item.annotations));
                }
            }
            case CALL -> out.put("type", "function_call").put("id", item.id).put("call_id", item.callId)
                    .put("name", item.name).put("arguments", item.text.toString()).put("status", status);
        }
        return out;
    }

    static ObjectNode outputText(String text, ArrayNode annotations) {
        ObjectNode part = Json.object().put("type", "output_text").put("text", text);
        part.set("annotations", annotations.deepCopy());
        return part;
    }

    /**
     * A chat {@code url_citation} annotation as the Responses API writes it, flat: {@code {"type":"url_citation",
     * "url","title","start_index","end_index"}} (with the cited {@code content} when there is one); other kinds none.
     */
    static Optional<ObjectNode> annotation(JsonNode chat) {
        if (!UrlCitations.isUrlCitation(chat)) {
            return Optional.empty();
        }
        JsonNode c = chat.get("url_citation");
        ObjectNode out = Json.object().put("type", "url_citation").put("url", c.path("url").asString())
                .put("title", c.path("title").asString("")).put("start_index", c.path("start_index").asLong(0))
                .put("end_index", c.path("end_index").asLong(0));
        if (c.path("content").isString()) {
            out.put("content", c.get("content").asString());
        }
        return Optional.of(out);
    }

    private Optional<String> firstString(String field) {
        for (JsonNode detail : details) {
            if (detail.path(field).isString()) {
                return Optional.of(detail.get(field).asString());
            }
        }
        return Optional.empty();
    }
}
