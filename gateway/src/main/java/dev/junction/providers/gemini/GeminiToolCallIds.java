package dev.junction.providers.gemini;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Tool-call ids for Gemini's function calls. Gemini models mostly send {@code functionCall} without an
 * {@code id}, while OpenAI clients need one to answer each call. When Gemini sends one, it is used as is and
 * sent back on the next turn ({@code functionCall.id}, {@code functionResponse.id}). Otherwise an id is
 * derived from the response id, the candidate, the call's position and its name: stable (a retried
 * translation or the streamed and non-streamed forms of one response give the same ids) and unique across
 * turns. Derived ids have OpenAI's shape ({@code call_} and 24 characters) and are never sent to Gemini,
 * which matches results to calls by name and order; the same goes for ids that OpenAI or Anthropic models
 * produced earlier in a conversation that moved to Gemini.
 */
final class GeminiToolCallIds {
    private static final String ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
    private static final Pattern NOT_GEMINIS = Pattern.compile("call_[A-Za-z0-9_-]{24}|toolu_[A-Za-z0-9_-]+");

    private GeminiToolCallIds() {}

    /** The client-facing id of the {@code ordinal}-th call (from 0) of candidate {@code candidate}. */
    static String of(Optional<String> upstreamId, String responseId, int candidate, int ordinal, String name) {
        if (upstreamId.isPresent() && !upstreamId.get().isEmpty()) {
            return upstreamId.get();
        }
        byte[] digest = sha256(responseId + "\n" + candidate + "\n" + ordinal + "\n" + name);
        char[] id = new char[24];
        for (int i = 0; i < id.length; i++) {
            id[i] = ALPHABET.charAt((digest[i] & 0xff) % ALPHABET.length()); // letters and digits, like OpenAI's
        }
        return "call_" + new String(id);
    }

    /** Whether {@code id} goes back to Gemini: ids Gemini issued do, derived and foreign ones do not. */
    static boolean echoToGemini(String id) {
        return !id.isEmpty() && !NOT_GEMINIS.matcher(id).matches();
    }

    private static byte[] sha256(String text) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }
}
