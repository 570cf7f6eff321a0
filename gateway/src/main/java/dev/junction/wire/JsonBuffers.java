package dev.junction.wire;

import dev.junction.wire.Json;
import io.netty.buffer.ByteBuf;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.internal.buffer.BufferInternal;
import tools.jackson.core.JsonGenerator;
import tools.jackson.databind.JsonNode;

import java.io.OutputStream;
import java.util.function.Consumer;

/**
 * JSON straight from and into Vert.x buffers. Every request and every streamed chunk passes through
 * here, so neither direction makes an intermediate copy: a body is parsed in place from the buffer's
 * backing array, and JSON is generated into the buffer that is written to the socket (with an SSE
 * frame's prefix and suffix around it when asked).
 */
public final class JsonBuffers {
    private JsonBuffers() {}

    /** Parses the buffer's readable bytes; throws Jackson's exception on malformed input. */
    public static JsonNode parse(Buffer buffer) {
        ByteBuf bytes = ((BufferInternal) buffer).getByteBuf();
        if (bytes.hasArray()) {
            return Json.parse(bytes.array(), bytes.arrayOffset() + bytes.readerIndex(), bytes.readableBytes());
        }
        return Json.parse(buffer.getBytes());
    }

    /** Calls {@code sink} with the buffer's readable bytes as an array range, copying only if it has no array. */
    public static void bytes(Buffer buffer, ByteRange sink) {
        ByteBuf bytes = ((BufferInternal) buffer).getByteBuf();
        if (bytes.hasArray()) {
            sink.accept(bytes.array(), bytes.arrayOffset() + bytes.readerIndex(), bytes.readableBytes());
        } else {
            byte[] copy = buffer.getBytes();
            sink.accept(copy, 0, copy.length);
        }
    }

    /** What {@link #apply} computes from the buffer's readable bytes. */
    public static <T> T apply(Buffer buffer, RangeFunction<T> function) {
        ByteBuf bytes = ((BufferInternal) buffer).getByteBuf();
        if (bytes.hasArray()) {
            return function.apply(bytes.array(), bytes.arrayOffset() + bytes.readerIndex(), bytes.readableBytes());
        }
        byte[] copy = buffer.getBytes();
        return function.apply(copy, 0, copy.length);
    }

    /** A range of a byte array. */
    @FunctionalInterface
    public interface ByteRange {
        void accept(byte[] bytes, int offset, int length);
    }

    /** A function of a range of a byte array. */
    @FunctionalInterface
    public interface RangeFunction<T> {
        T apply(byte[] bytes, int offset, int length);
    }

    /** {@code prefix}, then the JSON {@code writer} generates, then {@code suffix}, in one new buffer. */
    public static Buffer write(int sizeHint, byte[] prefix, Consumer<JsonGenerator> writer, byte[] suffix) {
        Buffer out = Buffer.buffer(sizeHint);
        if (prefix != null) {
            out.appendBytes(prefix);
        }
        try (JsonGenerator generator = Json.generator(new Appender(out))) {
            writer.accept(generator);
        }
        if (suffix != null) {
            out.appendBytes(suffix);
        }
        return out;
    }

    /** The generator's output stream: its buffered bytes land in the Vert.x buffer when it flushes. */
    private static final class Appender extends OutputStream {
        private final Buffer out;

        Appender(Buffer out) {
            this.out = out;
        }

        @Override
        public void write(int b) {
            out.appendByte((byte) b);
        }

        @Override
        public void write(byte[] b, int off, int len) {
            out.appendBytes(b, off, len);
        }
    }
}
