package dev.junction.generation;

import java.util.Optional;

/**
 * Where a request came from, as its headers say: the app's {@code HTTP-Referer} and title ({@code X-Title} or
 * {@code X-OpenRouter-Title}), the client's {@code User-Agent}, and the session it belongs to ({@code X-Session-Id};
 * the body's {@code session_id} wins). Kept on the generation's record — but for the client's W3C trace context
 * ({@code traceparent}, {@code tracestate}), which only a trace of the generation continues.
 */
public record Origin(Optional<String> httpReferer, Optional<String> appTitle, Optional<String> userAgent,
                     Optional<String> sessionId, Optional<String> traceparent, Optional<String> tracestate) {
    public static final Origin UNKNOWN = new Origin(Optional.empty(), Optional.empty(), Optional.empty());

    public Origin(Optional<String> httpReferer, Optional<String> appTitle, Optional<String> userAgent,
                  Optional<String> sessionId) {
        this(httpReferer, appTitle, userAgent, sessionId, Optional.empty(), Optional.empty());
    }

    public Origin(Optional<String> httpReferer, Optional<String> appTitle, Optional<String> userAgent) {
        this(httpReferer, appTitle, userAgent, Optional.empty());
    }
}
