package dev.junction.wire;

import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonGenerator;
import tools.jackson.core.StreamWriteFeature;
import tools.jackson.core.json.JsonFactory;
import tools.jackson.core.util.JsonRecyclerPools;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

import java.io.OutputStream;

/**
 * The one JSON mapper of the gateway. Jackson 3 mappers are immutable and thread-safe, so a single
 * instance serves every event loop. Request and response bodies are handled as trees so that fields
 * Junction does not know survive the round trip unchanged.
 */
public final class Json {
    /**
     * Money goes out as plain decimals ({@code 0.00000075}), never in exponent notation. Parsers and generators take
     * their buffers from a per-thread pool: the event loops are long-lived platform threads, and Jackson's default
     * pool — a concurrent deque shared by all threads — was 6% of a streaming event loop's time (bench/RESULTS.md §9).
     */
    public static final JsonMapper MAPPER = JsonMapper.builder(JsonFactory.builder()
                    .recyclerPool(JsonRecyclerPools.threadLocalPool())
                    .build())
            .enable(StreamWriteFeature.WRITE_BIGDECIMAL_AS_PLAIN)
            .build();
    public static final JsonNodeFactory NODES = MAPPER.getNodeFactory();
    /**
     * For bodies that carry money (key limits, credit grants): decimals are kept as the client wrote them.
     * A double would round {@code 0.1000000000000000001} to {@code 0.1} and {@code 1e-400} to zero, where
     * the exact value must be refused as not representable in pico-dollars.
     */
    private static final JsonMapper EXACT_MAPPER = MAPPER.rebuild()
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .build();

    private Json() {}

    public static ObjectNode object() {
        return NODES.objectNode();
    }

    /** Parses bytes into a tree; throws {@link JacksonException} on malformed input. */
    public static JsonNode parse(byte[] bytes) {
        return MAPPER.readTree(bytes);
    }

    /** Parses {@code length} bytes from {@code offset}: lets callers parse a network buffer in place. */
    public static JsonNode parse(byte[] bytes, int offset, int length) {
        return MAPPER.readTree(bytes, offset, length);
    }

    /** Parses bytes into a tree with numbers that have a fraction or exponent as exact decimals. */
    public static JsonNode parseExact(byte[] bytes) {
        return EXACT_MAPPER.readTree(bytes);
    }

    public static JsonNode parse(String text) {
        return MAPPER.readTree(text);
    }

    public static byte[] bytes(JsonNode node) {
        return MAPPER.writeValueAsBytes(node);
    }

    /**
     * A generator writing UTF-8 JSON to {@code out} with the mapper's settings, so that trees written
     * through it ({@link JsonGenerator#writeTree}) come out byte for byte as {@link #bytes} writes them.
     */
    public static JsonGenerator generator(OutputStream out) {
        return MAPPER.createGenerator(out);
    }

    public static String text(JsonNode node) {
        return MAPPER.writeValueAsString(node);
    }
}
