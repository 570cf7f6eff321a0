package dev.junction.sim.gemini;

import dev.junction.sim.engine.Generation;
import dev.junction.sim.engine.Json;
import dev.junction.sim.engine.StreamRenderer;
import dev.junction.sim.engine.TokenText;
import io.vertx.core.buffer.Buffer;
import java.util.Collections;
import java.util.Iterator;
import java.util.Optional;

/**
 * The events of one streamed Gemini response, each a whole {@code GenerateContentResponse}: thought pieces
 * (when thoughts are shown), text pieces, then every function call in one event (Gemini never splits a
 * call), then a last event with the finish reason and the full usage — carrying the text signature of a
 * thinking model, in an empty text part, as Gemini 3 does. Until then usage holds only the prompt. With
 * {@code alt=sse} each event is {@code data: <json>} ended by a blank line in CRLF; without it, Google's
 * default framing: one JSON array written piece by piece.
 */
final class GeminiStream implements StreamRenderer {
    private enum Phase { THOUGHTS, TEXT, CALLS, FINISH, CLOSE, END }

    private final GeminiWire wire;
    private final Generation generation;
    private final boolean sse;
    private final String padding;
    private final Buffer errorEvent;
    private final Iterator<String> thoughts;
    private final Iterator<String> text;
    private Phase phase = Phase.THOUGHTS;
    private boolean first = true;

    GeminiStream(GeminiWire wire, Generation generation, boolean includeThoughts, boolean sse, int padBytes,
                 Buffer errorEvent) {
        this.wire = wire;
        this.generation = generation;
        this.sse = sse;
        this.padding = "x".repeat(padBytes);
        this.errorEvent = errorEvent;
        this.thoughts = includeThoughts ? generation.reasoning().pieces() : Collections.emptyIterator();
        this.text = generation.content().map(TokenText::pieces).orElse(Collections.emptyIterator());
    }

    @Override
    public Optional<Frame> next() {
        while (true) {
            switch (phase) {
                case THOUGHTS -> {
                    if (thoughts.hasNext()) {
                        String piece = thoughts.next();
                        return content(g -> wire.text(g, piece, true, false));
                    }
                    phase = Phase.TEXT;
                }
                case TEXT -> {
                    if (text.hasNext()) {
                        String piece = text.next();
                        return content(g -> wire.text(g, piece, false, false));
                    }
                    phase = Phase.CALLS;
                }
                case CALLS -> {
                    phase = Phase.FINISH;
                    if (!generation.toolCalls().isEmpty()) {
                        return content(g -> wire.calls(g, generation.toolCalls()));
                    }
                }
                case FINISH -> {
                    phase = sse ? Phase.END : Phase.CLOSE;
                    boolean signText = wire.signs() && generation.toolCalls().isEmpty();
                    return frame(false, event(Optional.of(g -> wire.text(g, "", false, signText)),
                            Optional.of(GeminiWire.finishReason(generation)), true, false));
                }
                case CLOSE -> {
                    phase = Phase.END;
                    return Optional.of(new Frame(Buffer.buffer("]"), false));
                }
                case END -> {
                    return Optional.empty();
                }
            }
        }
    }

    private Optional<Frame> content(GeminiWire.Parts parts) {
        return frame(true, event(Optional.of(parts), Optional.empty(), false, true));
    }

    private Buffer event(Optional<GeminiWire.Parts> parts, Optional<String> finish, boolean fullUsage, boolean pad) {
        return Json.buffer(g -> wire.response(g, parts, finish, generation.usage(), fullUsage, pad ? padding : "",
                Optional.of(generation)));
    }

    private Optional<Frame> frame(boolean content, Buffer json) {
        Buffer bytes;
        if (sse) {
            bytes = Buffer.buffer("data: ").appendBuffer(json).appendString("\r\n\r\n");
        } else {
            bytes = Buffer.buffer(first ? "[" : ",\r\n").appendBuffer(json);
        }
        first = false;
        return Optional.of(new Frame(bytes, content));
    }

    @Override
    public Buffer errorEvent() {
        return errorEvent;
    }
}
