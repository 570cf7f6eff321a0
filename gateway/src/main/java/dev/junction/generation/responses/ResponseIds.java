package dev.junction.generation.responses;

/**
 * A response's id is its generation's: {@code gen-1733-abc…} answers as {@code resp_1733-abc…}, and
 * {@code /generation} finds it by either.
 */
public final class ResponseIds {
    private static final String GENERATION = "gen-";
    private static final String RESPONSE = "resp_";

    private ResponseIds() {}

    public static String responseId(String generationId) {
        return RESPONSE + suffix(generationId);
    }

    /** The generation id a response id stands for; any other id as it is. */
    public static String generationId(String id) {
        return id.startsWith(RESPONSE) ? GENERATION + id.substring(RESPONSE.length()) : id;
    }

    static String suffix(String generationId) {
        return generationId.startsWith(GENERATION) ? generationId.substring(GENERATION.length()) : generationId;
    }
}
