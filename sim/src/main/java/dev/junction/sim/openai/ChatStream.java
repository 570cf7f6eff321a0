package dev.junction.sim.openai;

import dev.junction.sim.SimToolCall;
import dev.junction.sim.engine.Generation;
import dev.junction.sim.engine.Json;
import dev.junction.sim.engine.StreamRenderer;
import dev.junction.sim.engine.TokenText;
import io.vertx.core.buffer.Buffer;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import tools.jackson.core.JsonGenerator;

/**
 * The {@code chat.completion.chunk} events of one streamed chat completion, in OpenAI's order: a role chunk,
 * reasoning deltas, content deltas, tool calls (a header delta with id, type, name and empty arguments, then
 * argument fragments carrying only index and arguments), a finish chunk with an empty delta, the usage chunk
 * ({@code choices: []}) when asked for, and {@code [DONE]}.
 */
final class ChatStream implements StreamRenderer {
    private enum Phase { ROLE, REASONING, CONTENT, ANNOTATIONS, TOOLS, FINISH, USAGE, DONE, END }

    private final ChatEnvelope envelope;
    private final Generation generation;
    // OpenAI writes "usage": null on every chunk exactly when the client asked for include_usage.
    private final boolean usageField;
    private final String padding;
    private final Buffer errorEvent;
    private final Iterator<String> reasoning;
    private final Iterator<String> content;
    private Phase phase = Phase.ROLE;
    private int toolIndex;
    private Iterator<String> fragments = Collections.emptyIterator();
    private boolean toolHeaderSent;

    ChatStream(ChatEnvelope envelope, Generation generation, boolean includeUsage, int padBytes, Buffer errorEvent) {
        this.envelope = envelope;
        this.generation = generation;
        this.usageField = includeUsage && generation.usage().isPresent();
        this.padding = "x".repeat(padBytes);
        this.errorEvent = errorEvent;
        this.reasoning = generation.reasoning().pieces();
        this.content = generation.content().map(TokenText::pieces).orElse(Collections.emptyIterator());
    }

    @Override
    public Optional<Frame> next() {
        while (true) {
            switch (phase) {
                case ROLE -> {
                    phase = Phase.REASONING;
                    return envelopeFrame(chunk(g -> {
                        g.writeStringProperty("role", "assistant");
                        g.writeStringProperty("content", "");
                        g.writeNullProperty("refusal");
                    }, Optional.empty(), false));
                }
                case REASONING -> {
                    if (reasoning.hasNext()) {
                        String piece = reasoning.next();
                        return contentFrame(g -> g.writeStringProperty("reasoning", piece));
                    }
                    phase = Phase.CONTENT;
                }
                case CONTENT -> {
                    if (content.hasNext()) {
                        String piece = content.next();
                        return contentFrame(g -> g.writeStringProperty("content", piece));
                    }
                    phase = Phase.ANNOTATIONS;
                }
                case ANNOTATIONS -> {
                    phase = Phase.TOOLS;
                    if (!generation.sources().isEmpty()) {
                        return envelopeFrame(chunk(g -> UrlCitations.write(g, generation), Optional.empty(), false));
                    }
                }
                case TOOLS -> {
                    Optional<Frame> frame = nextToolFrame();
                    if (frame.isPresent()) {
                        return frame;
                    }
                    phase = Phase.FINISH;
                }
                case FINISH -> {
                    phase = Phase.USAGE;
                    return envelopeFrame(chunk(g -> { }, Optional.of(generation.finishReason()), false));
                }
                case USAGE -> {
                    phase = Phase.DONE;
                    if (usageField) {
                        return envelopeFrame(usageChunk());
                    }
                }
                case DONE -> {
                    phase = Phase.END;
                    return envelopeFrame(Json.sseLiteral("[DONE]"));
                }
                case END -> {
                    return Optional.empty();
                }
            }
        }
    }

    private Optional<Frame> nextToolFrame() {
        List<SimToolCall> calls = generation.toolCalls();
        while (toolIndex < calls.size()) {
            SimToolCall call = calls.get(toolIndex);
            int index = toolIndex;
            if (!toolHeaderSent) {
                toolHeaderSent = true;
                fragments = Generation.argumentFragments(call.arguments()).iterator();
                String id = OpenAiIds.toolCall();
                return contentFrame(g -> toolDelta(g, index, Optional.of(id), Optional.of(call.name()), ""));
            }
            if (fragments.hasNext()) {
                String fragment = fragments.next();
                return contentFrame(g -> toolDelta(g, index, Optional.empty(), Optional.empty(), fragment));
            }
            toolIndex++;
            toolHeaderSent = false;
        }
        return Optional.empty();
    }

    private static void toolDelta(JsonGenerator g, int index, Optional<String> id, Optional<String> name,
                                  String arguments) {
        g.writeArrayPropertyStart("tool_calls");
        g.writeStartObject();
        g.writeNumberProperty("index", index);
        if (id.isPresent()) {
            g.writeStringProperty("id", id.get());
            g.writeStringProperty("type", "function");
        }
        g.writeObjectPropertyStart("function");
        if (name.isPresent()) {
            g.writeStringProperty("name", name.get());
        }
        g.writeStringProperty("arguments", arguments);
        g.writeEndObject();
        g.writeEndObject();
        g.writeEndArray();
    }

    private Optional<Frame> contentFrame(Json.Writer delta) {
        return Optional.of(new Frame(chunk(delta, Optional.empty(), !padding.isEmpty()), true));
    }

    private static Optional<Frame> envelopeFrame(Buffer bytes) {
        return Optional.of(new Frame(bytes, false));
    }

    private Buffer chunk(Json.Writer delta, Optional<String> finishReason, boolean pad) {
        return Json.sseData(g -> {
            g.writeStartObject();
            head(g);
            g.writeArrayPropertyStart("choices");
            g.writeStartObject();
            g.writeNumberProperty("index", 0);
            g.writeObjectPropertyStart("delta");
            delta.write(g);
            g.writeEndObject();
            g.writeNullProperty("logprobs");
            if (finishReason.isPresent()) {
                g.writeStringProperty("finish_reason", finishReason.get());
            } else {
                g.writeNullProperty("finish_reason");
            }
            g.writeEndObject();
            g.writeEndArray();
            if (usageField) {
                g.writeNullProperty("usage");
            }
            if (pad) {
                g.writeStringProperty("x_pad", padding);
            }
            g.writeEndObject();
        });
    }

    private Buffer usageChunk() {
        return Json.sseData(g -> {
            g.writeStartObject();
            head(g);
            g.writeArrayPropertyStart("choices");
            g.writeEndArray();
            OpenAiUsage.writeChat(g, generation.usage().orElseThrow());
            g.writeEndObject();
        });
    }

    private void head(JsonGenerator g) {
        envelope.write(g, "chat.completion.chunk");
        g.writeStringProperty("service_tier", ChatEnvelope.SERVICE_TIER);
        g.writeStringProperty("system_fingerprint", ChatEnvelope.SYSTEM_FINGERPRINT);
    }

    @Override
    public Buffer errorEvent() {
        return errorEvent;
    }
}
