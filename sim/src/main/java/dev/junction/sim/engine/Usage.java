package dev.junction.sim.engine;

/** Token usage reported for one response; {@code completionTokens} includes {@code reasoningTokens}. */
public record Usage(int promptTokens, int completionTokens, int cachedTokens, int reasoningTokens) {
    public int totalTokens() {
        return promptTokens + completionTokens;
    }
}
