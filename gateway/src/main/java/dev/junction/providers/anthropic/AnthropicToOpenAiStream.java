package dev.junction.providers.anthropic;

import dev.junction.accounting.TokenUsage;
import dev.junction.wire.ApiKind;
import dev.junction.providers.SseRelay;
import dev.junction.providers.StreamListener;
import dev.junction.providers.UpstreamFailure;
import dev.junction.wire.Json;
import dev.junction.wire.anthropic.ReasoningDetails;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

import java.util.HashMap;
import java.util.Map;

/**
 * Translates one Anthropic Messages stream, event by event, into OpenRouter chunks. Per request and stateful (it
 * tracks the open content blocks); no I/O: events go in, {@link StreamListener} callbacks come out.
 *
 * <ul>
 *   <li>{@code message_start} reports the input usage; it makes no chunk, so that an {@code error} event right after
 *       it still counts as a failure before the commit point and the next endpoint is tried.</li>
 *   <li>{@code text_delta} → {@code delta.content}; the first chunk also carries {@code role}.</li>
 *   <li>{@code thinking_delta} → {@code delta.reasoning} and a {@code reasoning.text} detail; {@code signature_delta}
 *       → a detail with the same index carrying only the signature; a {@code redacted_thinking} block → a
 *       {@code reasoning.encrypted} detail.</li>
 *   <li>a {@code tool_use} block → {@code tool_calls[i]} with id, name and empty arguments, then each
 *       {@code input_json_delta} as an arguments fragment of the same {@code i} (tool calls are numbered apart from
 *       Anthropic's block indexes). A tool whose input never streamed a fragment gets {@code "{}"}.</li>
 *   <li>{@code message_delta} → the finish chunk and the cumulative usage; {@code message_stop} ends the stream.</li>
 *   <li>{@code ping} and unknown events are ignored (Anthropic may add event types); {@code error} fails the
 *       stream.</li>
 * </ul>
 * When a stream fails, the last usage Anthropic reported counts output only up to {@code message_start}; the output
 * tokens are then estimated from the text produced since (marked as an estimate), so what was streamed is billed.
 */
final class AnthropicToOpenAiStream implements SseRelay.Translator {
    private sealed interface Block {}

    /** A text block: where it starts in the content, and the citations announced for it (before its text). */
    private static final class Text implements Block {
        final long start;
        final ArrayNode annotations = Json.NODES.arrayNode();
        final java.util.List<JsonNode> citations = new java.util.ArrayList<>();

        Text(long start) {
            this.start = start;
        }
    }

    private record Thinking(int detailIndex) implements Block {}

    private static final class Tool implements Block {
        final int toolIndex;
        boolean argumentsSent;

        Tool(int toolIndex) {
            this.toolIndex = toolIndex;
        }
    }

    private record Ignored() implements Block {}

    private final ClientShape shape;
    private final String providerName;
    private final StreamListener out;
    private final AnthropicUsage usage = new AnthropicUsage();
    private final Map<Integer, Block> blocks = new HashMap<>();
    private String messageId = "";
    private boolean roleSent;
    private int tools;
    private int details;
    private long producedChars;
    /** Characters of content sent so far: where the next text block starts, for its citations' offsets. */
    private long contentChars;
    private long thinkingChars;
    private boolean done;

    AnthropicToOpenAiStream(ClientShape shape, String providerName, StreamListener out) {
        this.shape = shape;
        this.providerName = providerName;
        this.out = out;
    }

    /** Whether the stream has ended (normally or not): nothing more is translated. */
    boolean done() {
        return done;
    }

    /** One SSE event: its {@code event:} name and {@code data:} bytes. */
    @Override
    public void event(String name, byte[] data, int length) {
        if (done) {
            return;
        }
        JsonNode event;
        try {
            event = Json.parse(data, 0, length);
        } catch (JacksonException e) {
            fail(UpstreamFailure.of(UpstreamFailure.Kind.PROTOCOL, providerName,
                    providerName + " sent an event that is not JSON: " + e.getOriginalMessage()));
            return;
        }
        String type = event.path("type").asString(name);
        switch (type) {
            case "message_start" -> messageStart(event.path("message"));
            case "content_block_start" -> blockStart(event.path("index").asInt(), event.path("content_block"));
            case "content_block_delta" -> blockDelta(event.path("index").asInt(), event.path("delta"));
            case "content_block_stop" -> blockStop(event.path("index").asInt());
            case "message_delta" -> messageDelta(event);
            case "message_stop" -> end();
            case "error" -> fail(AnthropicErrors.streamError(providerName, event));
            default -> { } // ping, and event types newer than this translator
        }
    }

    /** The response body ended. Without {@code message_stop} the answer is cut off: a failure, not an end. */
    @Override
    public void bodyEnded() {
        if (!done) {
            fail(UpstreamFailure.of(UpstreamFailure.Kind.STREAM_ERROR, providerName,
                    providerName + " closed the stream before message_stop"));
        }
    }

    private void messageStart(JsonNode message) {
        messageId = message.path("id").asString("");
        if (usage.merge(message.get("usage"))) {
            currentUsage().ifPresent(out::onUsage);
        }
    }

    private void blockStart(int index, JsonNode block) {
        switch (block.path("type").asString("")) {
            case "text" -> {
                blocks.put(index, new Text(contentChars));
                text(block.path("text").asString(""));
            }
            case "thinking" -> {
                Thinking thinking = new Thinking(details++);
                blocks.put(index, thinking);
                thinkingText(thinking, block.path("thinking").asString(""));
                signature(thinking, block.path("signature").asString(""));
            }
            case "redacted_thinking" -> {
                blocks.put(index, new Ignored());
                int detail = details++;
                if (shape.includeReasoning()) {
                    ObjectNode delta = Json.object();
                    delta.putArray("reasoning_details").add(ReasoningDetails.encrypted(detail, block.path("data").asString("")));
                    emit(delta);
                }
            }
            case "tool_use" -> {
                Tool tool = new Tool(tools++);
                blocks.put(index, tool);
                if (shape.api() == ApiKind.CHAT) {
                    ObjectNode call = toolCall(tool);
                    call.put("id", block.path("id").asString(""));
                    call.put("type", "function");
                    ObjectNode function = call.putObject("function");
                    function.put("name", block.path("name").asString(""));
                    function.put("arguments", "");
                    emit(toolDelta(call));
                }
            }
            default -> blocks.put(index, new Ignored());
        }
    }

    private void blockDelta(int index, JsonNode delta) {
        Block block = blocks.getOrDefault(index, new Ignored());
        switch (delta.path("type").asString("")) {
            case "text_delta" -> text(delta.path("text").asString(""));
            case "thinking_delta" -> {
                if (block instanceof Thinking thinking) {
                    thinkingText(thinking, delta.path("thinking").asString(""));
                }
            }
            case "signature_delta" -> {
                if (block instanceof Thinking thinking) {
                    signature(thinking, delta.path("signature").asString(""));
                }
            }
            case "input_json_delta" -> {
                if (block instanceof Tool tool) {
                    arguments(tool, delta.path("partial_json").asString(""));
                }
            }
            case "citations_delta" -> {
                if (block instanceof Text text) {
                    text.citations.add(delta.path("citation"));
                }
            }
            default -> { } // future delta types
        }
    }

    private void blockStop(int index) {
        Block block = blocks.remove(index);
        if (block instanceof Tool tool && !tool.argumentsSent) {
            arguments(tool, "{}"); // a tool without parameters streams no input; "" is not JSON to a client
        }
        if (block instanceof Text text && !text.citations.isEmpty() && shape.api() == ApiKind.CHAT) {
            // The block's span is known only now: its citations go out as one annotations delta after its text.
            text.citations.forEach(citation -> AnthropicCitations.add(text.annotations, citation, text.start, contentChars));
            if (!text.annotations.isEmpty()) {
                ObjectNode delta = Json.object();
                delta.set("annotations", text.annotations);
                emit(delta);
            }
        }
    }

    private void messageDelta(JsonNode event) {
        String stopReason = event.path("delta").path("stop_reason").asString("");
        if (!stopReason.isEmpty()) {
            ObjectNode chunk = chunk(Json.object());
            // Code execution's container, so that a client can run its next turn in the same one.
            if (event.path("delta").path("container").isObject()) {
                chunk.set("container", event.path("delta").get("container"));
            }
            ObjectNode choice = (ObjectNode) chunk.get("choices").get(0);
            choice.put("finish_reason", AnthropicFinish.normalise(stopReason));
            choice.put("native_finish_reason", stopReason);
            out.onChunk(chunk);
        }
        if (usage.merge(event.get("usage"))) {
            currentUsage().ifPresent(out::onUsage);
        }
    }

    private void text(String text) {
        producedChars += text.length();
        contentChars += text.length();
        if (text.isEmpty()) {
            return;
        }
        ObjectNode delta = Json.object();
        delta.put(shape.api() == ApiKind.CHAT ? "content" : "text", text);
        emit(delta);
    }

    private void thinkingText(Thinking thinking, String text) {
        producedChars += text.length();
        thinkingChars += text.length();
        if (text.isEmpty() || !shape.includeReasoning()) {
            return;
        }
        ObjectNode delta = Json.object();
        delta.put("reasoning", text);
        delta.putArray("reasoning_details").add(ReasoningDetails.textDelta(thinking.detailIndex(), text));
        emit(delta);
    }

    private void signature(Thinking thinking, String signature) {
        if (signature.isEmpty() || !shape.includeReasoning()) {
            return;
        }
        ObjectNode delta = Json.object();
        delta.putArray("reasoning_details").add(ReasoningDetails.signature(thinking.detailIndex(), signature));
        emit(delta);
    }

    private void arguments(Tool tool, String fragment) {
        producedChars += fragment.length();
        if (fragment.isEmpty() || shape.api() != ApiKind.CHAT) {
            return;
        }
        tool.argumentsSent = true;
        ObjectNode call = toolCall(tool);
        call.putObject("function").put("arguments", fragment);
        emit(toolDelta(call));
    }

    private static ObjectNode toolCall(Tool tool) {
        ObjectNode call = Json.object();
        call.put("index", tool.toolIndex);
        return call;
    }

    private static ObjectNode toolDelta(ObjectNode call) {
        ObjectNode delta = Json.object();
        delta.putArray("tool_calls").add(call);
        return delta;
    }

    private void emit(ObjectNode delta) {
        out.onChunk(chunk(delta));
    }

    /**
     * A chunk with one choice. Chat chunks carry a {@code delta}, the first one with the role; legacy chunks carry
     * {@code text}. {@code finish_reason} is present (null) on every chunk, as OpenRouter's stream schema requires.
     */
    private ObjectNode chunk(ObjectNode delta) {
        ObjectNode chunk = Json.object();
        if (!messageId.isEmpty()) {
            chunk.put("id", messageId);
        }
        ObjectNode choice = chunk.putArray("choices").addObject();
        choice.put("index", 0);
        if (shape.api() == ApiKind.CHAT) {
            ObjectNode withRole = delta;
            if (!roleSent) {
                roleSent = true;
                withRole = Json.object();
                withRole.put("role", "assistant");
                withRole.setAll(delta);
            }
            choice.set("delta", withRole);
        } else {
            choice.put("text", delta.path("text").asString(""));
            choice.putNull("logprobs");
        }
        choice.putNull("finish_reason");
        return chunk;
    }

    private void end() {
        done = true;
        out.onEnd();
    }

    /** Anthropic counts thinking inside {@code output_tokens} only: its share is estimated from the thinking text. */
    private java.util.Optional<TokenUsage> currentUsage() {
        return usage.current().map(u -> u.withReasoningEstimate(thinkingChars));
    }

    /** The connection failed: billed like any stream that failed after some output. */
    @Override
    public void transportFailed(UpstreamFailure failure) {
        if (!done) {
            fail(failure);
        }
    }

    private void fail(UpstreamFailure failure) {
        done = true;
        currentUsage().ifPresent(reported -> {
            long estimated = TokenUsage.estimate(0, producedChars).completionTokens();
            if (estimated > reported.completionTokens()) {
                out.onUsage(new TokenUsage(reported.promptTokens(), estimated, reported.cachedTokens(),
                        reported.cacheWriteTokens(), reported.reasoningTokens(), true, reported.webSearches()));
            }
        });
        out.onError(failure);
    }
}
