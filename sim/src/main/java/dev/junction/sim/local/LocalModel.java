package dev.junction.sim.local;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;

/** What the local listing APIs say about a model the sim serves, derived from its id so that it is stable. */
final class LocalModel {
    /** {@code modified_at} of every Ollama model: fixed, so that listings compare equal across runs. */
    static final String MODIFIED_AT = "2025-01-01T00:00:00Z";
    static final String ARCHITECTURE = "llama";
    static final String QUANTIZATION = "Q4_K_M";

    private LocalModel() {
    }

    /** An id naming embeddings is an embedding model; one naming vision (or {@code -vl}) takes images. */
    static boolean isEmbedding(String id) {
        return id.toLowerCase(Locale.ROOT).contains("embed");
    }

    static boolean isVision(String id) {
        String lower = id.toLowerCase(Locale.ROOT);
        return lower.contains("vision") || lower.contains("-vl");
    }

    /** Ollama identifies models by the SHA-256 of their manifest; the sim uses that of the id. */
    static String digest(String id) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(id.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is always available", e);
        }
    }
}
