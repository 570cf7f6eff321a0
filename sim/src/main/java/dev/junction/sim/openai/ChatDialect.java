package dev.junction.sim.openai;

import dev.junction.sim.SimScript;
import dev.junction.sim.SimToolCall;
import dev.junction.sim.engine.Dialect;
import dev.junction.sim.engine.Generation;
import dev.junction.sim.engine.Json;
import dev.junction.sim.engine.PromptInfo;
import dev.junction.sim.engine.StreamRenderer;
import io.vertx.core.buffer.Buffer;

/** {@code POST /v1/chat/completions}: {@code chat.completion} bodies and {@code chat.completion.chunk} streams. */
final class ChatDialect implements Dialect {
    static final String SSE = "text/event-stream; charset=utf-8";

    @Override
    public boolean textOnly() {
        return false;
    }

    @Override
    public Buffer completion(Generation generation, PromptInfo prompt) {
        var envelope = ChatEnvelope.chat(prompt.model());
        return Json.buffer(g -> {
            g.writeStartObject();
            envelope.write(g, "chat.completion");
            g.writeStringProperty("system_fingerprint", ChatEnvelope.SYSTEM_FINGERPRINT);
            g.writeArrayPropertyStart("choices");
            g.writeStartObject();
            g.writeNumberProperty("index", 0);
            g.writeObjectPropertyStart("message");
            g.writeStringProperty("role", "assistant");
            if (generation.content().isPresent()) {
                g.writeStringProperty("content", generation.content().get().text());
            } else {
                g.writeNullProperty("content");
            }
            g.writeNullProperty("refusal");
            UrlCitations.write(g, generation);
            if (!generation.reasoning().isEmpty()) {
                // OpenRouter-style upstreams return reasoning text beside the content.
                g.writeStringProperty("reasoning", generation.reasoning().text());
            }
            if (!generation.toolCalls().isEmpty()) {
                g.writeArrayPropertyStart("tool_calls");
                for (SimToolCall call : generation.toolCalls()) {
                    g.writeStartObject();
                    g.writeStringProperty("id", OpenAiIds.toolCall());
                    g.writeStringProperty("type", "function");
                    g.writeObjectPropertyStart("function");
                    g.writeStringProperty("name", call.name());
                    g.writeStringProperty("arguments", call.arguments());
                    g.writeEndObject();
                    g.writeEndObject();
                }
                g.writeEndArray();
            }
            g.writeEndObject();
            g.writeNullProperty("logprobs");
            g.writeStringProperty("finish_reason", generation.finishReason());
            g.writeEndObject();
            g.writeEndArray();
            generation.usage().ifPresent(usage -> OpenAiUsage.writeChat(g, usage));
            g.writeStringProperty("service_tier", ChatEnvelope.SERVICE_TIER);
            g.writeEndObject();
        });
    }

    @Override
    public StreamRenderer stream(Generation generation, PromptInfo prompt, SimScript script) {
        return new ChatStream(ChatEnvelope.chat(prompt.model()), generation, prompt.includeUsage(),
                script.padBytes().orElse(0), OpenAiErrors.streamEvent(OpenAiErrors.scriptedInStream(script)));
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
        return SSE;
    }
}
