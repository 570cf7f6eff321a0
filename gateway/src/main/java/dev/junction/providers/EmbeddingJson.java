package dev.junction.providers;

import dev.junction.wire.Json;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.databind.util.RawValue;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.POJONode;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * An upstream's embeddings read without a tree of numbers: each vector is checked to be an array of numbers and kept
 * as the upstream's own JSON text, which a float answer then copies out as it is — parsing and printing thousands of
 * floats a request was most of the gateway's work. Only a base64 answer parses them ({@link #floats}). Token by
 * token over the bytes; anything else in the answer is skipped, but for its usage and id.
 */
public final class EmbeddingJson {
    private EmbeddingJson() {}

    /** What one upstream answer held: its vectors in answer order, with their {@code index} when it gave one. */
    public record Read(List<JsonNode> vectors, List<Integer> indexes, Optional<Long> promptTokens, Optional<String> id) {}

    /** The answer's shape was not as expected; the message says how. */
    public static final class Malformed extends RuntimeException {
        Malformed(String message) {
            super(message, null, false, false);
        }
    }

    /**
     * Reads OpenAI's {@code {"data":[{"index":i,"embedding":[…] or "base64"}, …], "usage":{"prompt_tokens":n}, "id"}}.
     *
     * @throws Malformed for a body that is not that (an {@code error} object among them)
     */
    public static Read openAi(Buffer answer) {
        return read(answer, (p, bytes, read) -> {
            String name = p.currentName();
            JsonToken value = p.nextToken();
            switch (name) {
                case "data" -> {
                    expect(value == JsonToken.START_ARRAY, "data is not an array");
                    while (p.nextToken() == JsonToken.START_OBJECT) {
                        int index = -1;
                        JsonNode vector = null;
                        while (p.nextToken() == JsonToken.PROPERTY_NAME) {
                            String field = p.currentName();
                            JsonToken token = p.nextToken();
                            if (field.equals("index") && token == JsonToken.VALUE_NUMBER_INT) {
                                index = p.getIntValue();
                            } else if (field.equals("embedding")) {
                                vector = vector(p, bytes);
                            } else {
                                p.skipChildren();
                            }
                        }
                        expect(vector != null, "an item of data has no embedding");
                        read.vectors().add(vector);
                        read.indexes().add(index);
                    }
                }
                case "usage" -> read.usage(p.<JsonNode>readValueAsTree());
                case "id" -> read.id(p.getValueAsString());
                case "error" -> throw new Malformed("error: " + p.<JsonNode>readValueAsTree());
                default -> p.skipChildren();
            }
        });
    }

    /**
     * Reads Gemini's {@code {"embedding":{"values":[…]}}} or {@code {"embeddings":[{"values":[…]}, …]}}.
     *
     * @throws Malformed for a body that is not that
     */
    public static Read gemini(Buffer answer) {
        return read(answer, (p, bytes, read) -> {
            String name = p.currentName();
            JsonToken value = p.nextToken();
            switch (name) {
                case "embedding" -> read.vectors().add(values(p, bytes));
                case "embeddings" -> {
                    expect(value == JsonToken.START_ARRAY, "embeddings is not an array");
                    while (p.nextToken() == JsonToken.START_OBJECT) {
                        read.vectors().add(values(p, bytes));
                    }
                }
                case "error" -> throw new Malformed("error: " + p.<JsonNode>readValueAsTree());
                default -> p.skipChildren();
            }
        });
    }

    /**
     * The vectors of an answer read by {@code reader}, when there are {@code count} of them; otherwise a protocol
     * failure of the provider saying what was wrong.
     */
    public static Future<Read> counted(Buffer answer, Function<Buffer, Read> reader, int count, String providerName) {
        Read read;
        try {
            read = reader.apply(answer);
        } catch (Malformed e) {
            return JsonAnswer.protocolError(providerName, "answered embeddings that cannot be read: " + e.getMessage());
        }
        if (read.vectors().size() != count) {
            return JsonAnswer.protocolError(providerName, "answered " + read.vectors().size() + " embeddings for "
                    + count + " inputs");
        }
        return Future.succeededFuture(read);
    }

    /** A vector's components: from the upstream's text, or from a tree's numbers. */
    public static float[] floats(JsonNode vector) {
        if (vector instanceof POJONode pojo && pojo.getPojo() instanceof RawValue raw) {
            String text = raw.rawValue().toString();
            List<Float> values = new ArrayList<>();
            int start = text.indexOf('[') + 1;
            int end = text.lastIndexOf(']');
            for (int i = start; i < end; ) {
                int comma = text.indexOf(',', i);
                int stop = comma < 0 || comma > end ? end : comma;
                String number = text.substring(i, stop).strip();
                if (!number.isEmpty()) {
                    values.add(Float.parseFloat(number));
                }
                i = stop + 1;
            }
            float[] out = new float[values.size()];
            for (int i = 0; i < out.length; i++) {
                out[i] = values.get(i);
            }
            return out;
        }
        float[] out = new float[vector.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = vector.get(i).floatValue();
        }
        return out;
    }

    /** The upstream's JSON text of a vector, when it is kept as text. */
    public static Optional<String> text(JsonNode vector) {
        return vector instanceof POJONode pojo && pojo.getPojo() instanceof RawValue raw
                ? Optional.of(raw.rawValue().toString()) : Optional.empty();
    }

    private interface Field {
        void read(JsonParser p, byte[] bytes, Reading read);
    }

    /** What a read has gathered so far. */
    private static final class Reading {
        final List<JsonNode> vectors = new ArrayList<>();
        final List<Integer> indexes = new ArrayList<>();
        Optional<Long> promptTokens = Optional.empty();
        Optional<String> id = Optional.empty();

        List<JsonNode> vectors() {
            return vectors;
        }

        List<Integer> indexes() {
            return indexes;
        }

        void usage(JsonNode usage) {
            JsonNode tokens = usage.has("prompt_tokens") ? usage.get("prompt_tokens") : usage.path("total_tokens");
            if (tokens.isIntegralNumber() && tokens.asLong() >= 0) {
                promptTokens = Optional.of(tokens.asLong());
            }
        }

        void id(String value) {
            id = Optional.ofNullable(value);
        }
    }

    private static Read read(Buffer answer, Field field) {
        byte[] bytes = answer.getBytes();
        Reading read = new Reading();
        try (JsonParser p = Json.MAPPER.createParser(bytes)) {
            expect(p.nextToken() == JsonToken.START_OBJECT, "the answer is not a JSON object");
            while (p.nextToken() == JsonToken.PROPERTY_NAME) {
                field.read(p, bytes, read);
            }
            expect(p.currentToken() == JsonToken.END_OBJECT, "the answer does not end as an object");
        } catch (JacksonException e) {
            throw new Malformed("the answer is not JSON: " + e.getOriginalMessage());
        }
        return new Read(read.vectors, read.indexes, read.promptTokens, read.id);
    }

    /** Gemini's {@code {"values":[…]}}, the parser on its START_OBJECT. */
    private static JsonNode values(JsonParser p, byte[] bytes) {
        JsonNode vector = null;
        while (p.nextToken() == JsonToken.PROPERTY_NAME) {
            String field = p.currentName();
            p.nextToken();
            if (field.equals("values")) {
                vector = vector(p, bytes);
            } else {
                p.skipChildren();
            }
        }
        expect(vector != null, "an embedding has no values");
        return vector;
    }

    /** The vector at the current token: an array of numbers kept as its text, or base64 float32s as numbers. */
    private static JsonNode vector(JsonParser p, byte[] bytes) {
        if (p.currentToken() == JsonToken.VALUE_STRING) {
            float[] decoded;
            try {
                decoded = EmbeddingEncoding.decode(p.getString());
            } catch (IllegalArgumentException e) {
                throw new Malformed("an embedding is neither numbers nor base64: " + e.getMessage());
            }
            var array = Json.NODES.arrayNode(decoded.length);
            for (float f : decoded) {
                array.add(f);
            }
            return array;
        }
        expect(p.currentToken() == JsonToken.START_ARRAY, "an embedding is not an array of numbers");
        long start = p.currentTokenLocation().getByteOffset();
        JsonToken token;
        while ((token = p.nextToken()) != JsonToken.END_ARRAY) {
            expect(token == JsonToken.VALUE_NUMBER_FLOAT || token == JsonToken.VALUE_NUMBER_INT,
                    "an embedding holds " + token + ", not a number");
        }
        long end = p.currentTokenLocation().getByteOffset() + 1;
        return new POJONode(new RawValue(new String(bytes, (int) start, (int) (end - start), StandardCharsets.ISO_8859_1)));
    }

    private static void expect(boolean condition, String problem) {
        if (!condition) {
            throw new Malformed(problem);
        }
    }
}
