package dev.junction.generation.anthropic;

import dev.junction.accounting.TokenUsage;
import dev.junction.generation.Settlement;
import dev.junction.generation.StreamRenderer;
import dev.junction.providers.UpstreamFailure;
import dev.junction.wire.Json;
import dev.junction.wire.ReasoningCarrier;
import dev.junction.wire.ResponseIdentity;
import dev.junction.wire.anthropic.ReasoningDetails;
import io.vertx.core.buffer.Buffer;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * One streamed answer as Anthropic's events, from the canonical chat chunks: {@code message_start} first; then
 * content blocks one at a time — each {@code content_block_start}, its deltas ({@code thinking_delta} and
 * {@code signature_delta}, {@code text_delta}, {@code input_json_delta}) and {@code content_block_stop}, the next
 * block closing the one before — then {@code message_delta} with the stop reason and the whole usage billed,
 * and {@code message_stop}. A failure after the first token is Anthropic's {@code error} event, as its API ends
 * such a stream. The blocks are those of a whole answer ({@link ThinkingBlocks}): another provider's reasoning
 * details go out last, in the signature of a thinking block of their own.
 */
final class AnthropicStream implements StreamRenderer {
    private static final Set<String> ANTHROPIC_ERROR_TYPES = Set.of("invalid_request_error", "authentication_error",
            "billing_error", "permission_error", "not_found_error", "request_too_large", "rate_limit_error",
            "api_error", "overloaded_error", "timeout_error");

    /** What the open block is: Claude's thinking (by its detail index), other thinking, text, or a tool call. */
    private record Open(String kind, int key, int index) {}

    private final ResponseIdentity identity;
    /** A tool call's block, by the call's index in the chunks: its argument fragments may come after other blocks. */
    private final Map<Integer, Integer> toolBlocks = new HashMap<>();
    private final ArrayNode otherDetails = Json.NODES.arrayNode();
    private boolean started;
    private int blocks;
    private Open open;
    private Optional<String> finishReason = Optional.empty();
    private Optional<String> nativeReason = Optional.empty();

    AnthropicStream(ResponseIdentity identity) {
        this.identity = identity;
    }

    @Override
    public Buffer chunk(ObjectNode chunk) {
        Buffer out = Buffer.buffer(256);
        start(out);
        JsonNode choice = chunk.path("choices").path(0);
        JsonNode delta = choice.path("delta");
        boolean claudeText = details(delta.path("reasoning_details"), out);
        String reasoning = delta.path("reasoning").asString("");
        if (!claudeText && !reasoning.isEmpty()) {
            ensure("thinking", 0, out, ThinkingBlocks.thinking("", ""));
            delta(out, Json.object().put("type", "thinking_delta").put("thinking", reasoning));
        }
        String text = delta.path("content").asString("") + delta.path("refusal").asString("");
        if (!text.isEmpty()) {
            ensure("text", 0, out, Json.object().put("type", "text").put("text", ""));
            delta(out, Json.object().put("type", "text_delta").put("text", text));
        }
        for (JsonNode annotation : delta.path("annotations")) {
            AnthropicRenderer.citation(annotation).ifPresent(citation -> {
                ensure("text", 0, out, Json.object().put("type", "text").put("text", ""));
                delta(out, Json.object().put("type", "citations_delta").set("citation", citation));
            });
        }
        for (JsonNode call : delta.path("tool_calls")) {
            toolCall(call, out);
        }
        if (choice.path("finish_reason").isString()) {
            finishReason = Optional.of(choice.get("finish_reason").asString());
            nativeReason = Optional.ofNullable(choice.get("native_finish_reason")).filter(JsonNode::isString)
                    .map(JsonNode::asString);
        }
        return out;
    }

    @Override
    public Buffer end(Settlement settlement) {
        Buffer out = Buffer.buffer(512);
        start(out);
        close(out);
        ArrayNode carried = ReasoningCarrier.worthCarrying(otherDetails);
        if (!carried.isEmpty()) {
            open("carrier", 0, out, ThinkingBlocks.thinking("", ""));
            delta(out, Json.object().put("type", "signature_delta").put("signature", ReasoningCarrier.encode(carried)));
            close(out);
        }
        ObjectNode messageDelta = Json.object().put("type", "message_delta");
        messageDelta.putObject("delta").put("stop_reason", StopReasons.of(finishReason, nativeReason)).putNull("stop_sequence");
        messageDelta.set("usage", AnthropicUsageJson.of(settlement.usage()));
        AnthropicEvents.write(out, messageDelta);
        return AnthropicEvents.write(out, Json.object().put("type", "message_stop"));
    }

    /**
     * The upstream failed after the first token: Anthropic's {@code error} event, which its SDKs raise as the
     * stream's failure — the type the upstream gave when it was Anthropic's own, else the status's.
     */
    @Override
    public Buffer error(UpstreamFailure failure, Settlement settlement) {
        String type = failure.upstreamBody().flatMap(AnthropicStream::anthropicType)
                .orElseGet(() -> AnthropicErrorRenderer.type(failure.verdict().clientStatus(), failure.verdict().errorType()));
        return AnthropicEvents.write(Buffer.buffer(256), AnthropicErrorRenderer.envelope(type, failure.message()));
    }

    private void start(Buffer out) {
        if (started) {
            return;
        }
        started = true;
        ObjectNode message = AnthropicRenderer.start(identity);
        message.putArray("content");
        message.putNull("stop_reason").putNull("stop_sequence");
        // The billed counts are known at the end; message_delta carries them all, as Anthropic's does.
        message.set("usage", AnthropicUsageJson.of(TokenUsage.NONE));
        ObjectNode event = Json.object().put("type", "message_start");
        event.set("message", message);
        AnthropicEvents.write(out, event);
    }

    /** Claude's details as its blocks; anyone else's kept for the end. Whether Claude's thinking text came. */
    private boolean details(JsonNode details, Buffer out) {
        boolean claudeText = false;
        for (JsonNode detail : details) {
            if (!ThinkingBlocks.isClaudes(detail)) {
                otherDetails.add(detail);
                continue;
            }
            int key = detail.path("index").asInt(0);
            switch (detail.path("type").asString("")) {
                case ReasoningDetails.TEXT -> {
                    ensure("claude", key, out, ThinkingBlocks.thinking("", ""));
                    String text = detail.path("text").asString("");
                    if (!text.isEmpty()) {
                        delta(out, Json.object().put("type", "thinking_delta").put("thinking", text));
                        claudeText = true;
                    }
                    if (detail.path("signature").isString()) {
                        delta(out, Json.object().put("type", "signature_delta").put("signature", detail.get("signature").asString()));
                    }
                }
                case ReasoningDetails.ENCRYPTED -> {
                    open("redacted", key, out, ThinkingBlocks.redacted(detail.path("data").asString("")));
                    close(out);
                }
                default -> otherDetails.add(detail);
            }
        }
        return claudeText;
    }

    /** A call's first delta names it and opens its block; the rest carry its arguments, to that block. */
    private void toolCall(JsonNode call, Buffer out) {
        int index = call.path("index").asInt(0);
        Integer block = toolBlocks.get(index);
        if (block == null) {
            ObjectNode use = Json.object().put("type", "tool_use").put("id", call.path("id").asString(""))
                    .put("name", call.path("function").path("name").asString(""));
            use.putObject("input");
            open("tool", index, out, use);
            block = open.index();
            toolBlocks.put(index, block);
        }
        String arguments = call.path("function").path("arguments").asString("");
        if (!arguments.isEmpty()) {
            ObjectNode delta = Json.object().put("type", "input_json_delta").put("partial_json", arguments);
            AnthropicEvents.write(out, blockEvent("content_block_delta", block).set("delta", delta));
        }
    }

    /** The open block if it is this one, else the next one, opened. */
    private void ensure(String kind, int key, Buffer out, ObjectNode block) {
        if (open == null || !open.kind().equals(kind) || open.key() != key) {
            open(kind, key, out, block);
        }
    }

    private void open(String kind, int key, Buffer out, ObjectNode block) {
        close(out);
        open = new Open(kind, key, blocks++);
        ObjectNode start = blockEvent("content_block_start", open.index());
        start.set("content_block", block);
        AnthropicEvents.write(out, start);
    }

    private void close(Buffer out) {
        if (open != null) {
            AnthropicEvents.write(out, blockEvent("content_block_stop", open.index()));
            open = null;
        }
    }

    private void delta(Buffer out, ObjectNode delta) {
        AnthropicEvents.write(out, blockEvent("content_block_delta", open.index()).set("delta", delta));
    }

    private static ObjectNode blockEvent(String type, int index) {
        return Json.object().put("type", type).put("index", index);
    }

    /** The error type in an upstream's own Anthropic error, e.g. an {@code overloaded_error} event. */
    private static Optional<String> anthropicType(String body) {
        try {
            String type = Json.parse(body).path("error").path("type").asString("");
            return ANTHROPIC_ERROR_TYPES.contains(type) ? Optional.of(type) : Optional.empty();
        } catch (JacksonException e) {
            return Optional.empty();
        }
    }
}
