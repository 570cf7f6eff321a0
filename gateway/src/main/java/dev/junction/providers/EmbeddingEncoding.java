package dev.junction.providers;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Base64;

/**
 * OpenAI's {@code encoding_format: base64}: a vector's float32 components, little-endian, in standard base64 — what the
 * OpenAI SDKs decode. Pure.
 */
public final class EmbeddingEncoding {
    private EmbeddingEncoding() {}

    public static String encode(float[] vector) {
        ByteBuffer bytes = ByteBuffer.allocate(vector.length * Float.BYTES).order(ByteOrder.LITTLE_ENDIAN);
        for (float v : vector) {
            bytes.putFloat(v);
        }
        return Base64.getEncoder().encodeToString(bytes.array());
    }

    /** @throws IllegalArgumentException when the text is not base64 of whole float32s */
    public static float[] decode(String base64) {
        byte[] raw = Base64.getDecoder().decode(base64);
        if (raw.length % Float.BYTES != 0) {
            throw new IllegalArgumentException("a base64 embedding of " + raw.length + " bytes is not whole float32s");
        }
        ByteBuffer bytes = ByteBuffer.wrap(raw).order(ByteOrder.LITTLE_ENDIAN);
        float[] vector = new float[raw.length / Float.BYTES];
        for (int i = 0; i < vector.length; i++) {
            vector[i] = bytes.getFloat();
        }
        return vector;
    }
}
