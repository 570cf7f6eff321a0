package dev.junction.wire;

import tools.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The request's {@code transforms}: which prompt transforms may apply. Only {@code middle-out} exists (as on
 * OpenRouter). Without the field, middle-out is on for endpoints whose context window is
 * {@value #DEFAULT_MIDDLE_OUT_CONTEXT} tokens or less, as OpenRouter does; {@code ["middle-out"]} turns it on for
 * every endpoint, {@code []} (or a list without it) off for all. Unknown names are ignored, as OpenRouter does.
 *
 * @param listed the names the client listed; empty when it sent no {@code transforms} at all
 */
public record Transforms(Optional<List<String>> listed) {
    /** The largest context window that gets middle-out when the request does not say. */
    public static final int DEFAULT_MIDDLE_OUT_CONTEXT = 8192;
    public static final String MIDDLE_OUT = "middle-out";
    public static final Transforms DEFAULT = new Transforms(Optional.empty());

    public Transforms {
        listed = listed.map(List::copyOf);
    }

    /** The {@code transforms} of a body whose fields {@link RequestParser} already checked (an array of strings). */
    public static Transforms of(JsonNode body) {
        JsonNode field = body.get("transforms");
        if (field == null || field.isNull() || !field.isArray()) {
            return DEFAULT;
        }
        List<String> names = new ArrayList<>();
        field.forEach(n -> names.add(n.asString("")));
        return new Transforms(Optional.of(names));
    }

    /** Whether middle-out may compress a prompt sent to an endpoint of this context window (0: unknown). */
    public boolean middleOutFor(int contextLength) {
        if (contextLength <= 0) {
            return false; // nothing to fit into
        }
        return listed.map(names -> names.contains(MIDDLE_OUT))
                .orElse(contextLength <= DEFAULT_MIDDLE_OUT_CONTEXT);
    }
}
