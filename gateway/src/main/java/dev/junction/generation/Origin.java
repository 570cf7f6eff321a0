package dev.junction.generation;

import java.util.Optional;

/**
 * Where a request came from, as its headers say: the app's {@code HTTP-Referer} and title ({@code X-Title} or
 * {@code X-OpenRouter-Title}) and the client's {@code User-Agent}. Kept on the generation's record.
 */
public record Origin(Optional<String> httpReferer, Optional<String> appTitle, Optional<String> userAgent) {
    public static final Origin UNKNOWN = new Origin(Optional.empty(), Optional.empty(), Optional.empty());
}
