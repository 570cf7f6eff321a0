package dev.junction.providers.gemini;

import dev.junction.wire.ApiKind;
import dev.junction.providers.SseRelay;
import dev.junction.providers.StreamListener;
import dev.junction.providers.UpstreamFailure;
import dev.junction.wire.Json;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

import java.util.HashMap;
import java.util.Map;

/**
 * Translates the events of one Gemini {@code streamGenerateContent?alt=sse} response into OpenRouter chunks,
 * delivered to a {@link StreamListener}. Per request and stateful; no I/O.
 * <ul>
 *   <li>Each event is a whole {@code GenerateContentResponse} holding the next parts of each candidate: it
 *       becomes one chunk with a choice per candidate that has something to say ({@link GeminiCandidate});
 *       the first delta of a choice carries {@code role}.</li>
 *   <li>Gemini mostly sends a function call whole: a tool call then arrives in one delta with its id, name
 *       and complete arguments; parallel calls share one event and get consecutive indexes. A call whose
 *       arguments Gemini streams ({@code partialArgs}, {@code willContinue}) is one tool call too: its id and
 *       name in the delta of its first part, its reassembled arguments in the delta of its last (or of the
 *       candidate's finish, should the stream finish mid-call).</li>
 *   <li>Usage is cumulative on every event; each one is passed on, the last one wins.</li>
 *   <li>The stream ends with the body (there is no {@code [DONE]}). A stream that ends while a candidate
 *       has not finished was cut off, and fails, rather than passing a truncated answer off as complete; so
 *       does one that ends without any answer at all.</li>
 *   <li>An {@code error} event, or a first event that blocks the prompt, fails the stream.</li>
 * </ul>
 */
final class GeminiToOpenAiStream implements SseRelay.Translator {
    private final ApiKind api;
    private final String providerName;
    private final StreamListener listener;
    private final Map<Integer, GeminiCandidate> candidates = new HashMap<>();
    private boolean finished;

    GeminiToOpenAiStream(ApiKind api, String providerName, StreamListener listener) {
        this.api = api;
        this.providerName = providerName;
        this.listener = listener;
    }

    /** One SSE event's data: the first {@code length} bytes, parsed in place. */
    void event(byte[] data, int length) {
        if (finished) {
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
        if (!(event instanceof ObjectNode response)) {
            fail(UpstreamFailure.of(UpstreamFailure.Kind.PROTOCOL, providerName,
                    providerName + " sent an event that is not a JSON object"));
            return;
        }
        if (response.hasNonNull("error")) {
            fail(GeminiErrors.streamError(response, providerName));
            return;
        }
        var blocked = GeminiErrors.blockedPrompt(response, providerName);
        if (blocked.isPresent()) {
            fail(blocked.get());
            return;
        }
        GeminiUsage.parse(response.get("usageMetadata")).ifPresent(listener::onUsage);
        ObjectNode chunk = chunk(response);
        if (!chunk.path("choices").isEmpty()) {
            listener.onChunk(chunk);
        }
    }

    @Override
    public void event(String name, byte[] data, int length) {
        event(data, length);
    }

    @Override
    public void bodyEnded() {
        end();
    }

    @Override
    public void transportFailed(UpstreamFailure failure) {
        fail(failure);
    }

    /** The body ended. */
    void end() {
        if (finished) {
            return;
        }
        if (candidates.isEmpty()) {
            fail(UpstreamFailure.of(UpstreamFailure.Kind.STREAM_ERROR, providerName,
                    providerName + " ended the stream without an answer"));
            return;
        }
        for (GeminiCandidate candidate : candidates.values()) {
            if (!candidate.finished()) {
                fail(UpstreamFailure.of(UpstreamFailure.Kind.STREAM_ERROR, providerName,
                        providerName + " ended the stream before the answer finished"));
                return;
            }
        }
        finished = true;
        listener.onEnd();
    }

    /** The transport failed. */
    void fail(UpstreamFailure failure) {
        if (!finished) {
            finished = true;
            listener.onError(failure);
        }
    }

    private ObjectNode chunk(ObjectNode response) {
        String responseId = response.path("responseId").asString("");
        ObjectNode chunk = Json.object();
        if (!responseId.isEmpty()) {
            chunk.put("id", responseId);
        }
        chunk.put("model", response.path("modelVersion").asString(""));
        ArrayNode choices = chunk.putArray("choices");
        JsonNode list = response.path("candidates");
        for (int i = 0; i < list.size(); i++) {
            JsonNode candidate = list.get(i);
            int index = candidate.path("index").asInt(i);
            boolean first = !candidates.containsKey(index);
            GeminiCandidate state = candidates.computeIfAbsent(index, k -> new GeminiCandidate(responseId, k));
            ObjectNode fields = state.translate(candidate.path("content").path("parts"), true);
            if (api != ApiKind.COMPLETION) {
                state.grounding(candidate).ifPresent(annotations -> fields.set("annotations", annotations));
            }
            String nativeReason = candidate.path("finishReason").asString("");
            if (!nativeReason.isEmpty()) {
                state.closeOpenCall().ifPresent(call -> {
                    JsonNode calls = fields.get("tool_calls");
                    (calls instanceof ArrayNode array ? array : fields.putArray("tool_calls")).add(call);
                });
            }
            if (fields.isEmpty() && nativeReason.isEmpty() && !first) {
                continue; // an event with nothing for this candidate (usage only)
            }
            ObjectNode choice = choices.addObject();
            choice.put("index", index);
            if (api == ApiKind.COMPLETION) {
                choice.put("text", fields.path("content").asString(""));
                choice.putNull("logprobs");
            } else {
                ObjectNode delta = choice.putObject("delta");
                if (first) {
                    delta.put("role", "assistant");
                }
                delta.setAll(fields);
            }
            if (nativeReason.isEmpty()) {
                choice.putNull("finish_reason");
            } else {
                state.finish();
                choice.put("finish_reason", GeminiFinishReasons.normalise(nativeReason, state.madeCalls()));
                choice.put("native_finish_reason", nativeReason);
            }
        }
        return chunk;
    }
}
