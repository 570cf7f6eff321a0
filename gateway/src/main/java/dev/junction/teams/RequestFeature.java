package dev.junction.teams;

import java.util.Locale;
import java.util.Optional;

/** What a request may use, for a guardrail's {@code allowed_features}; named on the wire in lower case. */
public enum RequestFeature {
    TOOLS,
    STREAMING,
    REASONING,
    STRUCTURED_OUTPUTS,
    IMAGES,
    FILES,
    AUDIO;

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<RequestFeature> parse(String text) {
        for (RequestFeature f : values()) {
            if (f.wireName().equals(text)) {
                return Optional.of(f);
            }
        }
        return Optional.empty();
    }
}
