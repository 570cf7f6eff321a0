package dev.junction.generation.responses;

import dev.junction.generation.Answer;
import dev.junction.generation.ClientError;
import dev.junction.generation.OpenRouterErrors;
import dev.junction.generation.Renderer;
import dev.junction.generation.StreamRenderer;
import dev.junction.wire.FinishReason;
import dev.junction.wire.Json;
import dev.junction.wire.ResponseIdentity;
import io.vertx.core.buffer.Buffer;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

import java.util.Optional;

/**
 * The OpenAI Responses API's answers to one request: a whole answer as a {@code response} object, a stream
 * as the Responses events ({@link ResponsesStream}); errors in OpenRouter's envelope, as OpenRouter's
 * Responses endpoint answers them. Made per request: the response object echoes the request's settings.
 */
public final class ResponsesRenderer implements Renderer {
    private static final Buffer KEEP_ALIVE = Buffer.buffer(": OPENROUTER PROCESSING\n\n");

    private final ObjectNode request;

    /** @param request the client's Responses request, as it sent it */
    public ResponsesRenderer(ObjectNode request) {
        this.request = request;
    }

    @Override
    public Buffer answer(Answer answer) {
        JsonNode choice = answer.body().path("choices").path(0);
        JsonNode message = choice.path("message");
        ResponseOutput output = new ResponseOutput(answer.identity().id());
        String reasoning = message.path("reasoning").asString("");
        if (!reasoning.isEmpty() || message.path("reasoning_details").isArray() && !message.get("reasoning_details").isEmpty()) {
            output.open(ResponseOutput.Kind.REASONING).text.append(reasoning);
            output.details(message.get("reasoning_details"));
        }
        String text = message.path("content").asString("") + message.path("refusal").asString("");
        JsonNode calls = message.path("tool_calls");
        if (!text.isEmpty() || !calls.isArray() || calls.isEmpty()) {
            ResponseOutput.Item item = output.open(ResponseOutput.Kind.MESSAGE);
            item.text.append(text);
            message.path("annotations").forEach(a -> ResponseOutput.annotation(a).ifPresent(item.annotations::add));
        }
        for (int i = 0; i < calls.size(); i++) {
            JsonNode call = calls.get(i);
            output.openCall(i, call.path("id").asString(""), call.path("function").path("name").asString(""))
                    .text.append(call.path("function").path("arguments").asString(""));
        }
        ResponseJson.Ending ending = ResponseJson.Ending.of(FinishReason.of(answer.body()).map(FinishReason::normalised));
        String itemStatus = ending.status().equals("completed") ? "completed" : "incomplete";
        ObjectNode response = ResponseJson.response(answer.identity(), request, ending, output.items(itemStatus),
                Optional.of(answer.settlement()), Optional.empty());
        return Buffer.buffer(Json.bytes(response));
    }

    @Override
    public Buffer keepAlive() {
        return KEEP_ALIVE.copy();
    }

    @Override
    public StreamRenderer stream(ResponseIdentity identity) {
        return new ResponsesStream(identity, request);
    }

    @Override
    public Buffer error(ClientError error) {
        return OpenRouterErrors.INSTANCE.error(error);
    }
}
