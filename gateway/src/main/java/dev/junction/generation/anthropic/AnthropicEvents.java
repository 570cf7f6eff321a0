package dev.junction.generation.anthropic;

import dev.junction.wire.Json;
import io.vertx.core.buffer.Buffer;
import tools.jackson.databind.node.ObjectNode;

import java.nio.charset.StandardCharsets;

/**
 * One event as Anthropic frames it: {@code event: <type>} then {@code data: <json>}. Anthropic's SDKs read the
 * event name — one without it is skipped — and the name is always the data's {@code type}.
 */
final class AnthropicEvents {
    private static final byte[] EVENT = "event: ".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] DATA = "\ndata: ".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] END = "\n\n".getBytes(StandardCharsets.US_ASCII);

    private AnthropicEvents() {}

    static Buffer write(Buffer out, ObjectNode data) {
        return out.appendBytes(EVENT).appendString(data.get("type").asString()).appendBytes(DATA)
                .appendBytes(Json.bytes(data)).appendBytes(END);
    }
}
