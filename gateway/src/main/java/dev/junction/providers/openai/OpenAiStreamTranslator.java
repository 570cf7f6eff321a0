package dev.junction.providers.openai;

import dev.junction.providers.SseRelay;
import dev.junction.providers.StreamListener;
import dev.junction.providers.UpstreamFailure;
import dev.junction.providers.UpstreamHttp;
import dev.junction.wire.Json;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Optional;

/**
 * An OpenAI-style stream in the OpenRouter dialect: each {@code data:} event becomes a chunk with
 * normalised finish reasons and reasoning ({@link OpenAiReasoningOutput}), {@code usage} is split off into its
 * own callback, an {@code error} event ends the stream as a failure, and {@code [DONE]} (or the end of the body)
 * ends it normally.
 */
final class OpenAiStreamTranslator implements SseRelay.Translator {
    private static final byte[] DONE = "[DONE]".getBytes(StandardCharsets.US_ASCII);

    private final String providerName;
    private final StreamListener out;
    private final OpenAiReasoningOutput reasoning;

    OpenAiStreamTranslator(String providerName, StreamListener out, OpenAiReasoningOutput reasoning) {
        this.providerName = providerName;
        this.out = out;
        this.reasoning = reasoning;
    }

    @Override
    public void event(String name, byte[] data, int length) {
        if (Arrays.equals(data, 0, length, DONE, 0, DONE.length)) {
            out.onEnd();
            return;
        }
        JsonNode node;
        try {
            node = Json.parse(data, 0, length);
        } catch (JacksonException e) {
            out.onError(UpstreamFailure.of(UpstreamFailure.Kind.PROTOCOL, providerName,
                    providerName + " sent an event that is not JSON: " + e.getOriginalMessage()));
            return;
        }
        if (!(node instanceof ObjectNode chunk)) {
            out.onError(UpstreamFailure.of(UpstreamFailure.Kind.PROTOCOL, providerName,
                    providerName + " sent an event that is not a JSON object"));
            return;
        }
        if (chunk.hasNonNull("error")) {
            String text = Json.text(chunk);
            out.onError(new UpstreamFailure(UpstreamFailure.Kind.STREAM_ERROR, providerName, 0,
                    UpstreamHttp.errorMessage(text).orElse(providerName + " reported an error mid-stream"),
                    Optional.of(text), Optional.empty()));
            return;
        }
        var usage = OpenAiUsage.parse(chunk.remove("usage"));
        JsonNode choices = chunk.get("choices");
        // An empty choices list is the usage-only chunk of include_usage; the gateway sends its own usage chunk.
        boolean forward = !(choices != null && choices.isArray() && choices.isEmpty()) && reasoning.chunk(chunk);
        usage.map(reasoning::usage).ifPresent(out::onUsage);
        if (forward) {
            OpenAiChoices.normalise(chunk);
            out.onChunk(chunk);
        }
    }

    /** Some servers (Ollama among them) end the body without {@code [DONE]}: that is a normal end. */
    @Override
    public void bodyEnded() {
        out.onEnd();
    }

    @Override
    public void transportFailed(UpstreamFailure failure) {
        out.onError(failure);
    }
}
