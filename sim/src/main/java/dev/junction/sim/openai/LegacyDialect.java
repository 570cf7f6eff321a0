package dev.junction.sim.openai;

import dev.junction.sim.SimScript;
import dev.junction.sim.engine.Dialect;
import dev.junction.sim.engine.Generation;
import dev.junction.sim.engine.Json;
import dev.junction.sim.engine.PromptInfo;
import dev.junction.sim.engine.StreamRenderer;
import dev.junction.sim.engine.TokenText;
import io.vertx.core.buffer.Buffer;
import java.util.Iterator;
import java.util.Optional;
import tools.jackson.core.JsonGenerator;

/** Legacy {@code POST /v1/completions}: {@code text_completion} bodies and streams; text only. */
final class LegacyDialect implements Dialect {

    @Override
    public boolean textOnly() {
        return true;
    }

    @Override
    public Buffer completion(Generation generation, PromptInfo prompt) {
        var envelope = ChatEnvelope.legacy(prompt.model());
        String text = generation.content().map(TokenText::text).orElse("");
        return Json.buffer(g -> {
            g.writeStartObject();
            envelope.write(g, "text_completion");
            g.writeStringProperty("system_fingerprint", ChatEnvelope.SYSTEM_FINGERPRINT);
            g.writeArrayPropertyStart("choices");
            choice(g, text, Optional.of(generation.finishReason()));
            g.writeEndArray();
            generation.usage().ifPresent(usage -> OpenAiUsage.writeLegacy(g, usage));
            g.writeEndObject();
        });
    }

    private static void choice(JsonGenerator g, String text, Optional<String> finishReason) {
        g.writeStartObject();
        g.writeStringProperty("text", text);
        g.writeNumberProperty("index", 0);
        g.writeNullProperty("logprobs");
        if (finishReason.isPresent()) {
            g.writeStringProperty("finish_reason", finishReason.get());
        } else {
            g.writeNullProperty("finish_reason");
        }
        g.writeEndObject();
    }

    @Override
    public StreamRenderer stream(Generation generation, PromptInfo prompt, SimScript script) {
        return new LegacyStream(ChatEnvelope.legacy(prompt.model()), generation, prompt.includeUsage(),
                script.padBytes().orElse(0), streamErrorEvent(script));
    }

    @Override
    public Buffer errorBody(int status, SimScript script) {
        return OpenAiErrors.body(OpenAiErrors.scripted(status, script));
    }

    @Override
    public Buffer streamErrorEvent(SimScript script) {
        return OpenAiErrors.streamEvent(OpenAiErrors.scriptedInStream(script));
    }

    @Override
    public String streamContentType() {
        return ChatDialect.SSE;
    }

    /** Text deltas, a finish chunk with empty text, the usage chunk when asked for, {@code [DONE]}. */
    private static final class LegacyStream implements StreamRenderer {
        private enum Phase { TEXT, FINISH, USAGE, DONE, END }

        private final ChatEnvelope envelope;
        private final Generation generation;
        private final boolean usageField;
        private final String padding;
        private final Buffer errorEvent;
        private final Iterator<String> text;
        private Phase phase = Phase.TEXT;

        LegacyStream(ChatEnvelope envelope, Generation generation, boolean includeUsage, int padBytes,
                     Buffer errorEvent) {
            this.envelope = envelope;
            this.generation = generation;
            this.usageField = includeUsage && generation.usage().isPresent();
            this.padding = "x".repeat(padBytes);
            this.errorEvent = errorEvent;
            this.text = generation.content().orElse(TokenText.empty()).pieces();
        }

        @Override
        public Optional<Frame> next() {
            while (true) {
                switch (phase) {
                    case TEXT -> {
                        if (text.hasNext()) {
                            return Optional.of(new Frame(chunk(text.next(), Optional.empty(), true), true));
                        }
                        phase = Phase.FINISH;
                    }
                    case FINISH -> {
                        phase = Phase.USAGE;
                        return Optional.of(new Frame(chunk("", Optional.of(generation.finishReason()), false), false));
                    }
                    case USAGE -> {
                        phase = Phase.DONE;
                        if (usageField) {
                            return Optional.of(new Frame(usageChunk(), false));
                        }
                    }
                    case DONE -> {
                        phase = Phase.END;
                        return Optional.of(new Frame(Json.sseLiteral("[DONE]"), false));
                    }
                    case END -> {
                        return Optional.empty();
                    }
                }
            }
        }

        private Buffer chunk(String piece, Optional<String> finishReason, boolean content) {
            return Json.sseData(g -> {
                g.writeStartObject();
                envelope.write(g, "text_completion");
                g.writeStringProperty("system_fingerprint", ChatEnvelope.SYSTEM_FINGERPRINT);
                g.writeArrayPropertyStart("choices");
                choice(g, piece, finishReason);
                g.writeEndArray();
                if (usageField) {
                    g.writeNullProperty("usage");
                }
                if (content && !padding.isEmpty()) {
                    g.writeStringProperty("x_pad", padding);
                }
                g.writeEndObject();
            });
        }

        private Buffer usageChunk() {
            return Json.sseData(g -> {
                g.writeStartObject();
                envelope.write(g, "text_completion");
                g.writeStringProperty("system_fingerprint", ChatEnvelope.SYSTEM_FINGERPRINT);
                g.writeArrayPropertyStart("choices");
                g.writeEndArray();
                OpenAiUsage.writeLegacy(g, generation.usage().orElseThrow());
                g.writeEndObject();
            });
        }

        @Override
        public Buffer errorEvent() {
            return errorEvent;
        }
    }
}
