package dev.junction.generation.responses;

import dev.junction.generation.Settlement;
import dev.junction.generation.StreamRenderer;
import dev.junction.providers.UpstreamFailure;
import dev.junction.wire.Json;
import dev.junction.wire.ResponseIdentity;
import io.vertx.core.buffer.Buffer;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * One streamed answer as the Responses API's events, from the canonical chat chunks: {@code response.created}
 * and {@code response.in_progress} first; for each output item {@code response.output_item.added}, its
 * deltas ({@code response.reasoning_summary_text.delta}, {@code response.output_text.delta},
 * {@code response.function_call_arguments.delta}) and its closing events; then {@code response.completed}
 * (or {@code response.incomplete}) carrying the whole response with usage, or {@code response.failed} when
 * the upstream failed mid-stream. Every event has its {@code sequence_number}; one item is open at a time,
 * and the next one closes it.
 */
final class ResponsesStream implements StreamRenderer {
    private static final byte[] EVENT = "event: ".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] DATA = "\ndata: ".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] END = "\n\n".getBytes(StandardCharsets.US_ASCII);

    private final ResponseIdentity identity;
    private final ObjectNode request;
    private final ResponseOutput output;
    private int sequence;
    private boolean started;
    private ResponseOutput.Item open;
    private Optional<String> finishReason = Optional.empty();

    ResponsesStream(ResponseIdentity identity, ObjectNode request) {
        this.identity = identity;
        this.request = request;
        this.output = new ResponseOutput(identity.id());
    }

    @Override
    public Buffer chunk(ObjectNode chunk) {
        Buffer out = Buffer.buffer(256);
        start(out);
        JsonNode choice = chunk.path("choices").path(0);
        JsonNode delta = choice.path("delta");
        String reasoning = delta.path("reasoning").asString("");
        if (!reasoning.isEmpty()) {
            ResponseOutput.Item item = ensure(ResponseOutput.Kind.REASONING, out);
            item.text.append(reasoning);
            emit(out, event("response.reasoning_summary_text.delta", item).put("summary_index", 0).put("delta", reasoning));
        }
        output.details(delta.get("reasoning_details"));
        String text = delta.path("content").asString("") + delta.path("refusal").asString("");
        if (!text.isEmpty()) {
            ResponseOutput.Item item = ensure(ResponseOutput.Kind.MESSAGE, out);
            item.text.append(text);
            ObjectNode event = event("response.output_text.delta", item).put("content_index", 0).put("delta", text);
            event.putArray("logprobs");
            emit(out, event);
        }
        for (JsonNode annotation : delta.path("annotations")) {
            ResponseOutput.annotation(annotation).ifPresent(a -> {
                ResponseOutput.Item item = ensure(ResponseOutput.Kind.MESSAGE, out);
                ObjectNode added = event("response.output_text.annotation.added", item).put("content_index", 0)
                        .put("annotation_index", item.annotations.size());
                added.set("annotation", a);
                item.annotations.add(a);
                emit(out, added);
            });
        }
        JsonNode calls = delta.path("tool_calls");
        for (JsonNode call : calls) {
            toolCall(call, out);
        }
        if (choice.path("finish_reason").isString()) {
            finishReason = Optional.of(choice.get("finish_reason").asString());
        }
        return out;
    }

    @Override
    public Buffer end(Settlement settlement) {
        Buffer out = Buffer.buffer(1024);
        start(out);
        ResponseJson.Ending ending = ResponseJson.Ending.of(finishReason);
        String itemStatus = ending.status().equals("completed") ? "completed" : "incomplete";
        close(out, itemStatus);
        signaturesWithoutReasoning(out, itemStatus);
        String type = ending.status().equals("completed") ? "response.completed" : "response.incomplete";
        ObjectNode event = Json.object().put("type", type);
        event.set("response", ResponseJson.response(identity, request, ending, output.items(itemStatus),
                Optional.of(settlement), Optional.empty()));
        emit(out, event);
        return out;
    }

    /** The upstream failed after the first token: what was produced, then {@code response.failed}. */
    @Override
    public Buffer error(UpstreamFailure failure, Settlement settlement) {
        Buffer out = Buffer.buffer(1024);
        start(out);
        close(out, "incomplete");
        ObjectNode event = Json.object().put("type", "response.failed");
        event.set("response", ResponseJson.response(identity, request, ResponseJson.Ending.FAILED,
                output.items("incomplete"), Optional.of(settlement), Optional.of(failure)));
        emit(out, event);
        return out;
    }

    private void start(Buffer out) {
        if (started) {
            return;
        }
        started = true;
        for (String type : new String[] {"response.created", "response.in_progress"}) {
            ObjectNode event = Json.object().put("type", type);
            event.set("response", ResponseJson.response(identity, request, ResponseJson.Ending.IN_PROGRESS,
                    Json.NODES.arrayNode(), Optional.empty(), Optional.empty()));
            emit(out, event);
        }
    }

    /** The open item if it is of this kind (a reasoning item or the message), else the next one, opened. */
    private ResponseOutput.Item ensure(ResponseOutput.Kind kind, Buffer out) {
        if (open != null && open.kind == kind) {
            return open;
        }
        close(out, "completed");
        open = output.open(kind);
        ObjectNode added = Json.object().put("type", "response.output_item.added").put("output_index", output.indexOf(open));
        added.set("item", output.item(open, "in_progress"));
        emit(out, added);
        if (kind == ResponseOutput.Kind.REASONING) {
            ObjectNode part = event("response.reasoning_summary_part.added", open).put("summary_index", 0);
            part.putObject("part").put("type", "summary_text").put("text", "");
            emit(out, part);
        } else {
            ObjectNode part = event("response.content_part.added", open).put("content_index", 0);
            part.set("part", ResponseOutput.outputText("", Json.NODES.arrayNode()));
            emit(out, part);
        }
        return open;
    }

    /** A tool call's first delta names it and opens its item; the rest carry its arguments. */
    private void toolCall(JsonNode call, Buffer out) {
        int index = call.path("index").asInt(0);
        ResponseOutput.Item item = output.call(index).orElse(null);
        if (item == null) {
            close(out, "completed");
            item = output.openCall(index, call.path("id").asString(""), call.path("function").path("name").asString(""));
            open = item;
            ObjectNode added = Json.object().put("type", "response.output_item.added").put("output_index", output.indexOf(item));
            added.set("item", output.item(item, "in_progress"));
            emit(out, added);
        }
        String arguments = call.path("function").path("arguments").asString("");
        if (!arguments.isEmpty()) {
            item.text.append(arguments);
            emit(out, event("response.function_call_arguments.delta", item).put("delta", arguments));
        }
    }

    /** Closes the open item: its text's closing events, then {@code response.output_item.done}. */
    private void close(Buffer out, String status) {
        if (open == null) {
            return;
        }
        ResponseOutput.Item item = open;
        open = null;
        switch (item.kind) {
            case REASONING -> {
                emit(out, event("response.reasoning_summary_text.done", item).put("summary_index", 0)
                        .put("text", item.text.toString()));
                ObjectNode part = event("response.reasoning_summary_part.done", item).put("summary_index", 0);
                part.putObject("part").put("type", "summary_text").put("text", item.text.toString());
                emit(out, part);
            }
            case MESSAGE -> {
                ObjectNode done = event("response.output_text.done", item).put("content_index", 0)
                        .put("text", item.text.toString());
                done.putArray("logprobs");
                emit(out, done);
                ObjectNode part = event("response.content_part.done", item).put("content_index", 0);
                part.set("part", ResponseOutput.outputText(item.text.toString(), item.annotations));
                emit(out, part);
            }
            case CALL -> emit(out, event("response.function_call_arguments.done", item)
                    .put("name", item.name).put("arguments", item.text.toString()));
        }
        ObjectNode done = Json.object().put("type", "response.output_item.done").put("output_index", output.indexOf(item));
        done.set("item", output.item(item, status));
        emit(out, done);
    }

    /**
     * A provider's signatures that came without reasoning text (Gemini signs its function calls) still need
     * to reach the client, for the next turn: in a reasoning item of their own, after the rest.
     */
    private void signaturesWithoutReasoning(Buffer out, String status) {
        if (!output.hasDetails() || output.reasoning().isPresent()) {
            return;
        }
        ResponseOutput.Item item = output.open(ResponseOutput.Kind.REASONING);
        ObjectNode added = Json.object().put("type", "response.output_item.added").put("output_index", output.indexOf(item));
        added.set("item", output.item(item, "in_progress"));
        emit(out, added);
        ObjectNode done = Json.object().put("type", "response.output_item.done").put("output_index", output.indexOf(item));
        done.set("item", output.item(item, status));
        emit(out, done);
    }

    private ObjectNode event(String type, ResponseOutput.Item item) {
        return Json.object().put("type", type).put("item_id", item.id).put("output_index", output.indexOf(item));
    }

    /** {@code event: <type>} and the data line, numbered in order. */
    private void emit(Buffer out, ObjectNode event) {
        event.put("sequence_number", sequence++);
        out.appendBytes(EVENT).appendString(event.get("type").asString()).appendBytes(DATA)
                .appendBytes(Json.bytes(event)).appendBytes(END);
    }
}
