package dev.junction.sim.gemini;

import dev.junction.sim.SimScript;
import dev.junction.sim.engine.Dialect;
import dev.junction.sim.engine.Generation;
import dev.junction.sim.engine.Json;
import dev.junction.sim.engine.PromptInfo;
import dev.junction.sim.engine.StreamRenderer;
import io.vertx.core.buffer.Buffer;
import java.util.Optional;

/**
 * Renders one request's generation as Gemini does. Per request: whether thoughts are shown
 * ({@code includeThoughts}), whether the model signs (a script with {@code reasoning} simulates a thinking
 * model), and how a stream is framed.
 */
final class GeminiDialect implements Dialect {
    static final String SSE = "text/event-stream";
    static final String JSON = "application/json; charset=UTF-8";

    private final GeminiRequest request;
    private final boolean signs;

    GeminiDialect(GeminiRequest request, boolean signs) {
        this.request = request;
        this.signs = signs;
    }

    @Override
    public boolean textOnly() {
        return false;
    }

    @Override
    public Buffer completion(Generation generation, PromptInfo prompt) {
        GeminiWire wire = GeminiWire.of(prompt.model(), signs);
        boolean thoughts = request.includeThoughts() && !generation.reasoning().isEmpty();
        boolean text = generation.content().isPresent();
        boolean calls = !generation.toolCalls().isEmpty();
        Optional<GeminiWire.Parts> parts = thoughts || text || calls || signs
                ? Optional.of(g -> {
                    if (thoughts) {
                        wire.text(g, generation.reasoning().text(), true, false);
                    }
                    if (text || (signs && !calls)) {
                        wire.text(g, generation.content().map(t -> t.text()).orElse(""), false, signs && !calls);
                    }
                    wire.calls(g, generation.toolCalls());
                })
                : Optional.empty();
        return Json.buffer(g -> wire.response(g, parts, Optional.of(GeminiWire.finishReason(generation)),
                generation.usage(), true, "", Optional.of(generation)));
    }

    @Override
    public StreamRenderer stream(Generation generation, PromptInfo prompt, SimScript script) {
        return new GeminiStream(GeminiWire.of(prompt.model(), signs), generation, request.includeThoughts(),
                request.sse(), script.padBytes().orElse(0), streamErrorEvent(script));
    }

    @Override
    public Buffer errorBody(int status, SimScript script) {
        return GeminiErrors.body(GeminiErrors.scripted(status, script));
    }

    @Override
    public Buffer streamErrorEvent(SimScript script) {
        return GeminiErrors.streamEvent(GeminiErrors.scriptedInStream(script), request.sse());
    }

    @Override
    public String streamContentType() {
        return request.sse() ? SSE : JSON;
    }
}
