package dev.junction.providers.gemini;

import dev.junction.wire.Json;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

import java.util.Optional;

/**
 * Turns the parts of one Gemini candidate into the fields of an OpenAI assistant message or stream delta:
 * text parts into {@code content}, thought parts into {@code reasoning} (and {@code reasoning_details}),
 * {@code functionCall} parts into {@code tool_calls} with arguments as a JSON string, generated images into
 * {@code images} (data URLs), and every {@code thoughtSignature} into {@code reasoning_details} as
 * {@link GeminiSignatures} describes. Stateful across the events of one stream, so that tool calls keep
 * counting up their {@code index}, and reasoning details their own {@code index} (consecutive unsigned
 * thought parts share one, which clients concatenate; every signature gets its own).
 * <p>A function call whose arguments Gemini streams comes as several parts: one with the name and
 * {@code willContinue: true}, then parts holding only {@code partialArgs}, the last without
 * {@code willContinue} (often an empty {@code functionCall: {}}). They make one tool call: its id and name go
 * out with the first part, its arguments, collected by {@link GeminiPartialArgs}, in one delta with the last.
 */
final class GeminiCandidate {
    private final String responseId;
    private final int candidate;
    private int calls;
    private int nextDetail;
    private int openThought = -1;
    private boolean finished;
    /** The candidate's text so far, which grounding offsets count into. */
    private final StringBuilder content = new StringBuilder();
    /** The call whose arguments are still arriving, if any. */
    private OpenCall open;

    private static final class OpenCall {
        final int index;
        final String id;
        final GeminiPartialArgs arguments = new GeminiPartialArgs();
        /** The call as sent in the delta that opened it, while that delta is still being built. */
        ObjectNode sentIn;

        OpenCall(int index, String id) {
            this.index = index;
            this.id = id;
        }
    }

    GeminiCandidate(String responseId, int candidate) {
        this.responseId = responseId;
        this.candidate = candidate;
    }

    /** Whether this candidate has made function calls so far (its STOP then means tool_calls). */
    boolean madeCalls() {
        return calls > 0;
    }

    boolean finished() {
        return finished;
    }

    void finish() {
        finished = true;
    }

    /**
     * The message or delta fields for {@code parts}; only fields with something in them are set.
     *
     * @param stream tool calls carry their {@code index} (a delta), else not (a whole message)
     */
    ObjectNode translate(JsonNode parts, boolean stream) {
        if (open != null) {
            open.sentIn = null; // a new event: the opening delta has gone
        }
        StringBuilder text = new StringBuilder();
        StringBuilder reasoning = new StringBuilder();
        ArrayNode details = Json.NODES.arrayNode();
        ArrayNode toolCalls = Json.NODES.arrayNode();
        ArrayNode images = Json.NODES.arrayNode();
        boolean sawText = false;
        for (JsonNode part : parts) {
            Optional<String> signature = Optional.ofNullable(part.get("thoughtSignature"))
                    .filter(JsonNode::isString).map(JsonNode::asString).filter(s -> !s.isEmpty());
            if (part.path("thought").asBoolean(false)) {
                String thought = part.path("text").asString("");
                reasoning.append(thought);
                thought(details, thought, signature);
                continue;
            }
            openThought = -1;
            if (part.has("functionCall")) {
                Optional<String> id = call(part.get("functionCall"), toolCalls, stream);
                signature.ifPresent(s -> details.add(GeminiSignatures.signature(s, id, nextDetail++)));
            } else {
                if (part.path("text").isString()) {
                    text.append(part.get("text").asString());
                    sawText = true;
                } else if (part.path("inlineData").isObject()) {
                    JsonNode data = part.get("inlineData");
                    images.addObject().put("type", "image_url").putObject("image_url").put("url",
                            "data:" + data.path("mimeType").asString("") + ";base64," + data.path("data").asString(""));
                }
                // Other parts (executableCode, codeExecutionResult) have no OpenAI form; a signature on them still
                // has to come back, and is restored like a text part's.
                signature.ifPresent(s -> details.add(GeminiSignatures.signature(s, Optional.empty(), nextDetail++)));
            }
        }
        if (!stream && open != null) {
            close(toolCalls, false); // a whole answer that ends mid-call: the arguments as they stand
        }
        content.append(text);
        ObjectNode out = Json.object();
        if (sawText && !text.isEmpty()) {
            out.put("content", text.toString());
        }
        if (!reasoning.isEmpty()) {
            out.put("reasoning", reasoning.toString());
        }
        if (!details.isEmpty()) {
            out.set("reasoning_details", details);
        }
        if (!toolCalls.isEmpty()) {
            out.set("tool_calls", toolCalls);
        }
        if (!images.isEmpty()) {
            out.set("images", images);
        }
        return out;
    }

    /** The citations of the candidate's grounding metadata, over its text so far (the metadata comes last). */
    Optional<ArrayNode> grounding(JsonNode candidate) {
        return GeminiGrounding.annotations(candidate, content.toString());
    }

    private void thought(ArrayNode details, String text, Optional<String> signature) {
        if (openThought < 0) {
            openThought = nextDetail++;
        }
        // Within one event, consecutive thought parts extend one detail; across events, the shared index tells
        // the client to concatenate.
        JsonNode last = details.isEmpty() ? null : details.get(details.size() - 1);
        if (last instanceof ObjectNode detail && "reasoning.text".equals(detail.path("type").asString(""))
                && detail.path("index").asInt(-1) == openThought && !detail.has("signature")) {
            detail.put("text", detail.path("text").asString("") + text);
            signature.ifPresent(s -> detail.put("signature", s));
        } else {
            details.add(GeminiSignatures.thought(text, signature, openThought));
        }
        if (signature.isPresent()) {
            openThought = -1; // a signature closes the thought it signs
        }
    }

    /**
     * The tool-call id of the call this part opens, continues or closes; none for an empty part that belongs
     * to no call (which is nothing, not a call without a name).
     */
    private Optional<String> call(JsonNode functionCall, ArrayNode toolCalls, boolean stream) {
        boolean continues = functionCall.path("willContinue").asBoolean(false);
        if (open != null) {
            open.arguments.merge(functionCall.get("args"));
            open.arguments.apply(functionCall.path("partialArgs"));
            String id = open.id;
            if (!continues) {
                close(toolCalls, stream);
            }
            return Optional.of(id);
        }
        String name = functionCall.path("name").asString("");
        if (name.isEmpty()) {
            return Optional.empty();
        }
        Optional<String> upstreamId = Optional.ofNullable(functionCall.get("id")).filter(JsonNode::isString)
                .map(JsonNode::asString);
        String id = GeminiToolCallIds.of(upstreamId, responseId, candidate, calls, name);
        ObjectNode call = toolCalls.addObject();
        if (stream) {
            call.put("index", calls);
        }
        call.put("id", id);
        call.put("type", "function");
        ObjectNode function = call.putObject("function").put("name", name);
        if (continues || functionCall.has("partialArgs")) {
            open = new OpenCall(calls, id);
            open.sentIn = call;
            open.arguments.merge(functionCall.get("args"));
            open.arguments.apply(functionCall.path("partialArgs"));
            function.put("arguments", "");
            if (!continues) {
                close(toolCalls, stream);
            }
        } else {
            JsonNode args = functionCall.get("args");
            function.put("arguments", args == null || args.isNull() ? "{}" : Json.text(args));
        }
        calls++;
        return Optional.of(id);
    }

    /**
     * Ends the open call: its arguments go into the delta that opened it if that is still being built, else
     * into a delta of their own for the same index.
     */
    private void close(ArrayNode toolCalls, boolean stream) {
        String arguments = open.arguments.json();
        if (open.sentIn != null) {
            ((ObjectNode) open.sentIn.get("function")).put("arguments", arguments);
        } else {
            ObjectNode call = toolCalls.addObject();
            if (stream) {
                call.put("index", open.index);
            }
            call.putObject("function").put("arguments", arguments);
        }
        open = null;
    }

    /** The stream ended this candidate: a call still open is closed with its arguments as they stand. */
    Optional<ObjectNode> closeOpenCall() {
        if (open == null) {
            return Optional.empty();
        }
        ArrayNode toolCalls = Json.NODES.arrayNode();
        open.sentIn = null;
        close(toolCalls, true);
        return Optional.of((ObjectNode) toolCalls.get(0));
    }
}
