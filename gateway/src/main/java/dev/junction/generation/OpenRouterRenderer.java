package dev.junction.generation;

import dev.junction.wire.JsonBuffers;
import dev.junction.providers.UpstreamFailure;
import dev.junction.wire.ErrorBody;
import dev.junction.wire.Json;
import dev.junction.wire.ResponseIdentity;
import dev.junction.wire.UsageJson;
import io.vertx.core.buffer.Buffer;
import tools.jackson.databind.node.ObjectNode;

import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * OpenRouter's answers (chat and legacy completions differ only in their object names and required fields):
 * the upstream's answer with Junction's identity stamped on it and {@code usage} with the exact cost; SSE
 * chunks stamped the same way, a last chunk with usage and {@code data: [DONE]}; a failure mid-stream as a
 * chunk with a top-level {@code error} and {@code finish_reason: "error"}; errors in OpenRouter's envelope.
 * Answers are generated straight into the buffer that goes to the socket, without an intermediate tree.
 */
abstract sealed class OpenRouterRenderer implements Renderer permits ChatCompletionsRenderer, LegacyCompletionsRenderer {
    private static final Buffer DONE = Buffer.buffer("data: [DONE]\n\n");
    /** OpenRouter's keep-alive comment while a stream waits for its first token. */
    private static final Buffer KEEP_ALIVE = Buffer.buffer(": OPENROUTER PROCESSING\n\n");
    private static final byte[] DATA = "data: ".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] EVENT_END = "\n\n".getBytes(StandardCharsets.US_ASCII);

    private final String object;
    private final String chunkObject;

    OpenRouterRenderer(String object, String chunkObject) {
        this.object = object;
        this.chunkObject = chunkObject;
    }

    /** Fields a whole answer must carry after the upstream's own, e.g. chat's nullable {@code system_fingerprint}. */
    abstract void required(ObjectNode upstream, ObjectNode trailing);

    @Override
    public Buffer answer(Answer answer) {
        ObjectNode trailing = Json.object();
        required(answer.body(), trailing);
        trailing.set("usage", UsageJson.of(answer.settlement().usage(), answer.settlement().cost(), answer.settlement().byok()));
        return JsonBuffers.write(1024, null, out -> answer.identity().write(out, answer.body(), object, trailing), null);
    }

    @Override
    public Buffer keepAlive() {
        return KEEP_ALIVE.copy();
    }

    @Override
    public StreamRenderer stream(ResponseIdentity identity) {
        return new Chunks(identity);
    }

    @Override
    public Buffer error(ClientError error) {
        return OpenRouterErrors.INSTANCE.error(error);
    }

    private final class Chunks implements StreamRenderer {
        private final ResponseIdentity identity;

        Chunks(ResponseIdentity identity) {
            this.identity = identity;
        }

        @Override
        public Buffer chunk(ObjectNode chunk) {
            return event(chunk, null);
        }

        @Override
        public Buffer end(Settlement settlement) {
            ObjectNode last = Json.object();
            last.putArray("choices");
            return event(last, usage(settlement)).appendBuffer(DONE);
        }

        /** The error carries its status, message, {@code error_type} and provider, as OpenRouter's does. */
        @Override
        public Buffer error(UpstreamFailure failure, Settlement settlement) {
            ObjectNode chunk = Json.object();
            chunk.set("error", ErrorBody.error(failure.verdict().clientStatus(), failure.message(), Map.of(
                    "error_type", failure.verdict().errorType(), "provider_name", failure.providerName())));
            ObjectNode choice = chunk.putArray("choices").addObject();
            choice.put("index", 0);
            choice.putObject("delta").put("content", "");
            choice.put("finish_reason", "error");
            return event(chunk, usage(settlement)).appendBuffer(DONE);
        }

        /** One {@code data:} line: JSON never holds a raw newline, so an event is always a single line. */
        private Buffer event(ObjectNode chunk, ObjectNode trailing) {
            return JsonBuffers.write(512, DATA, out -> identity.write(out, chunk, chunkObject, trailing), EVENT_END);
        }

        private static ObjectNode usage(Settlement settlement) {
            ObjectNode trailing = Json.object();
            trailing.set("usage", UsageJson.of(settlement.usage(), settlement.cost(), settlement.byok()));
            return trailing;
        }
    }
}
