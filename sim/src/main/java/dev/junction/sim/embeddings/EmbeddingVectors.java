package dev.junction.sim.embeddings;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * The sim's embedding model, deterministic so that tests can compute the expected vectors themselves: each component
 * is drawn from a 64-bit hash of the text and the component's position, and the vector is scaled to unit length. A
 * shorter vector ({@code dimensions}) is the unit-length prefix of the longer one, as OpenAI's {@code text-embedding-3}
 * models shorten theirs. Every component is a float32, so the JSON numbers round-trip exactly.
 */
public final class EmbeddingVectors {
    /** Components of a vector when the request does not ask for a size. */
    public static final int DEFAULT_DIMENSIONS = 64;
    /** The most components a request may ask for (OpenAI's largest model has 3072). */
    public static final int MAX_DIMENSIONS = 4096;

    private EmbeddingVectors() {
    }

    /** The embedding of {@code text} with {@code dimensions} components. */
    public static float[] of(String text, int dimensions) {
        long seed = fnv1a(text.getBytes(StandardCharsets.UTF_8));
        double[] raw = new double[dimensions];
        double squares = 0;
        for (int i = 0; i < dimensions; i++) {
            long z = mix(seed + 0x9E3779B97F4A7C15L * (i + 1));
            raw[i] = (z >>> 11) * 0x1.0p-53 * 2 - 1; // uniform in [-1, 1)
            squares += raw[i] * raw[i];
        }
        double norm = squares == 0 ? 1 : Math.sqrt(squares);
        float[] vector = new float[dimensions];
        for (int i = 0; i < dimensions; i++) {
            vector[i] = (float) (raw[i] / norm);
        }
        return vector;
    }

    /** The text a token-array input is embedded as: its token ids, space-separated. */
    public static String tokensText(int[] tokens) {
        StringBuilder text = new StringBuilder("tokens:");
        for (int token : tokens) {
            text.append(' ').append(token);
        }
        return text.toString();
    }

    /** OpenAI's {@code encoding_format: base64}: the float32 components, little-endian, in base64. */
    public static String base64(float[] vector) {
        ByteBuffer bytes = ByteBuffer.allocate(vector.length * Float.BYTES).order(ByteOrder.LITTLE_ENDIAN);
        for (float v : vector) {
            bytes.putFloat(v);
        }
        return Base64.getEncoder().encodeToString(bytes.array());
    }

    private static long fnv1a(byte[] bytes) {
        long hash = 0xcbf29ce484222325L;
        for (byte b : bytes) {
            hash ^= b & 0xff;
            hash *= 0x100000001b3L;
        }
        return hash;
    }

    /** SplitMix64's finaliser. */
    private static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
        z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
        return z ^ (z >>> 31);
    }
}
