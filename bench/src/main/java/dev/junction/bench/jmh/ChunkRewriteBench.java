package dev.junction.bench.jmh;

import dev.junction.wire.JsonBuffers;
import dev.junction.providers.SseDecoder;
import dev.junction.wire.Json;
import dev.junction.wire.ResponseIdentity;
import io.vertx.core.buffer.Buffer;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import tools.jackson.databind.node.ObjectNode;

import java.nio.charset.StandardCharsets;

/**
 * Chunk rewrite, the per-chunk work of a stream.
 * <ul>
 *   <li>{@code stamp}: Junction's identity stamped on a parsed chunk and generated into its SSE frame,
 *       as {@code api/StreamRelay} writes it ({@code Sse.stamped});</li>
 *   <li>{@code stampTree}: the same output the way it was first written — a stamped copy of the tree,
 *       serialised to a byte array, copied into the frame — kept as the reference for the change;</li>
 *   <li>{@code relay}: everything from the upstream's SSE bytes to the client's frame: decoding, parsing
 *       in place, stamping.</li>
 * </ul>
 */
@State(Scope.Thread)
public class ChunkRewriteBench {
    private static final byte[] DATA = "data: ".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] END = "\n\n".getBytes(StandardCharsets.US_ASCII);
    private static final String OBJECT = "chat.completion.chunk";

    private final ResponseIdentity identity = new ResponseIdentity("gen-1700000000-AbCdEfGhIjKlMnOpQrSt", "Mock",
            "bench/stream", 1_700_000_000L);
    private ObjectNode parsed;
    private Buffer out;
    private SseDecoder decoder;

    @Setup
    public void setUp() {
        decoder = new SseDecoder((String event, byte[] data, int length) ->
                out = frame((ObjectNode) Json.parse(data, 0, length)));
        String event = new String(Fixtures.UPSTREAM_CHUNK_EVENT, StandardCharsets.UTF_8);
        parsed = (ObjectNode) Json.parse(event.substring("data: ".length()).trim());
    }

    @Benchmark
    public Buffer stamp() {
        return frame(parsed);
    }

    @Benchmark
    public Buffer stampTree() {
        byte[] json = Json.bytes(identity.stamp(parsed, OBJECT));
        return Buffer.buffer(json.length + DATA.length + END.length).appendBytes(DATA).appendBytes(json).appendBytes(END);
    }

    @Benchmark
    public Buffer relay() {
        decoder.feed(Fixtures.UPSTREAM_CHUNK_EVENT, 0, Fixtures.UPSTREAM_CHUNK_EVENT.length);
        return out;
    }

    private Buffer frame(ObjectNode chunk) {
        return JsonBuffers.write(512, DATA, g -> identity.write(g, chunk, OBJECT, null), END);
    }
}
