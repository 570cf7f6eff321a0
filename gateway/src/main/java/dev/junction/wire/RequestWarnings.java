package dev.junction.wire;

import tools.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.List;

/**
 * What a request asks for that this gateway accepts but cannot do, each said in one sentence for the
 * {@code X-Junction-Warning} response header, so that nothing is ignored in silence.
 */
final class RequestWarnings {
    private RequestWarnings() {}

    static List<String> of(JsonNode body, ProviderPreferences preferences, boolean stream) {
        List<String> warnings = new ArrayList<>();
        if (preferences.maxPrice().audio().isPresent()) {
            warnings.add("provider.max_price.audio is not applied: no endpoint on this gateway has an audio price");
        }
        if (body.hasNonNull("trace")) {
            warnings.add("trace is not exported: this gateway sends no traces to observability destinations");
        }
        if (!stream && body.path("debug").path("echo_upstream_body").asBoolean(false)) {
            warnings.add("debug.echo_upstream_body applies to streamed requests only");
        }
        if (stream && PluginList.enabled(body, "response-healing")) {
            warnings.add("response-healing applies to answers that are not streamed; this stream is as the model wrote it");
        }
        return List.copyOf(warnings);
    }
}
