package dev.junction.sim.engine;

import io.vertx.core.MultiMap;
import java.security.MessageDigest;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** Request headers as recorded (credentials redacted), and the bearer-key check. */
public final class Headers {
    private static final Set<String> SECRET = Set.of("x-api-key", "api-key", "x-goog-api-key", "proxy-authorization",
            "cookie");

    private Headers() {
    }

    /** Lower-cased names, repeated values joined by ", ", credentials replaced by {@code ***}. */
    public static Map<String, String> redacted(MultiMap headers) {
        var out = new LinkedHashMap<String, String>();
        for (String name : headers.names()) {
            String lower = name.toLowerCase(Locale.ROOT);
            String value = String.join(", ", headers.getAll(name));
            if (lower.equals("authorization")) {
                value = value.regionMatches(true, 0, "Bearer ", 0, 7) ? "Bearer ***" : "***";
            } else if (SECRET.contains(lower)) {
                value = "***";
            }
            out.put(lower, value);
        }
        return out;
    }

    /** The token of an {@code Authorization: Bearer <token>} header. */
    public static Optional<String> bearer(MultiMap headers) {
        String value = headers.get("authorization");
        if (value == null || !value.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return Optional.empty();
        }
        return Optional.of(value.substring(7).trim());
    }

    /** Whether the request satisfies the required key (always, when none is required); constant-time compare. */
    public static boolean bearerAuthorized(Optional<String> requiredKey, MultiMap headers) {
        if (requiredKey.isEmpty()) {
            return true;
        }
        return bearer(headers)
                .map(token -> MessageDigest.isEqual(token.getBytes(StandardCharsets.UTF_8),
                        requiredKey.get().getBytes(StandardCharsets.UTF_8)))
                .orElse(false);
    }
}
