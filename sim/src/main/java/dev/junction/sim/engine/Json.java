package dev.junction.sim.engine;

import io.vertx.core.buffer.Buffer;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import tools.jackson.core.JsonGenerator;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The one JSON mapper of the sim, and helpers that write wire JSON with a streaming generator: responses are
 * written field by field in the order real providers use, and without building a tree per streamed chunk.
 */
public final class Json {
    public static final JsonMapper MAPPER = JsonMapper.builder().build();

    private static final byte[] SSE_DATA = "data: ".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] SSE_END = "\n\n".getBytes(StandardCharsets.US_ASCII);

    /** Writes one JSON value with the generator it is given. */
    @FunctionalInterface
    public interface Writer {
        void write(JsonGenerator g);
    }

    private Json() {
    }

    public static Buffer buffer(Writer writer) {
        var out = new ByteArrayOutputStream(256);
        writeTo(out, writer);
        return Buffer.buffer(out.toByteArray());
    }

    /** One server-sent event {@code data: <json>\n\n}. */
    public static Buffer sseData(Writer writer) {
        var out = new ByteArrayOutputStream(256);
        out.writeBytes(SSE_DATA);
        writeTo(out, writer);
        out.writeBytes(SSE_END);
        return Buffer.buffer(out.toByteArray());
    }

    /** One server-sent event whose data is a literal such as {@code [DONE]}. */
    public static Buffer sseLiteral(String data) {
        return Buffer.buffer("data: " + data + "\n\n");
    }

    public static Buffer buffer(JsonNode node) {
        return Buffer.buffer(MAPPER.writeValueAsBytes(node));
    }

    private static void writeTo(ByteArrayOutputStream out, Writer writer) {
        try (JsonGenerator g = MAPPER.createGenerator(out)) {
            writer.write(g);
        }
    }
}
