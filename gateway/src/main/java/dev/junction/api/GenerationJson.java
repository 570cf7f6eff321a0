package dev.junction.api;

import dev.junction.accounting.App;
import dev.junction.accounting.GenerationRecord;
import dev.junction.wire.Json;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * A generation record in the shape of OpenRouter's {@code /generation} data object. Every key the SDK
 * requires is present; what Junction does not track (presets, web fetches) is null, and so is the workspace in
 * listings ({@code /generation} names its key's).
 * Latencies are milliseconds. The app is the one its attribution headers named ({@code app_id}, and Junction's
 * {@code app_name}); {@code cache_discount} is what prompt caching saved (null when nothing was cached);
 * {@code junction_notes}, only when there are some, what Junction did to the request or answer.
 */
final class GenerationJson {
    private GenerationJson() {}

    /** With the workspace its key spends in. */
    static ObjectNode of(GenerationRecord g, String workspaceId) {
        return of(g).put("workspace_id", workspaceId);
    }

    static ObjectNode of(GenerationRecord g) {
        ObjectNode n = Json.object();
        n.put("id", g.id());
        n.put("upstream_id", g.upstreamId().orElse(null));
        n.put("total_cost", g.cost().total().toUsd());
        n.put("usage", g.cost().total().toUsd());
        if (g.usage().cachedTokens() > 0 || g.usage().cacheWriteTokens() > 0) {
            n.put("cache_discount", g.cacheDiscount().toUsd());
        } else {
            n.putNull("cache_discount");
        }
        n.putNull("upstream_inference_cost");
        n.put("created_at", g.createdAt().toString());
        n.put("model", g.model());
        n.put("app_id", g.app().map(App::id).orElse(null));
        n.put("app_name", g.app().map(App::name).orElse(null));
        n.put("streamed", g.streamed());
        n.put("cancelled", g.cancelled());
        n.put("provider_name", g.providerName());
        n.put("latency", g.latencyMillis());
        n.putNull("moderation_latency");
        n.put("generation_time", g.generationMillis());
        n.put("finish_reason", g.finishReason().orElse(null));
        n.put("native_finish_reason", g.nativeFinishReason().orElse(null));
        n.put("tokens_prompt", g.usage().promptTokens());
        n.put("tokens_completion", g.usage().completionTokens());
        n.put("native_tokens_prompt", g.usage().promptTokens());
        n.put("native_tokens_completion", g.usage().completionTokens());
        n.putNull("native_tokens_completion_images");
        n.put("native_tokens_reasoning", g.usage().reasoningTokens());
        n.put("native_tokens_cached", g.usage().cachedTokens());
        n.put("num_media_prompt", g.mediaInPrompt());
        n.putNull("num_input_audio_prompt");
        n.putNull("num_media_completion");
        n.putNull("num_search_results");
        n.putNull("num_fetches");
        n.put("origin", g.httpReferer().orElse(""));
        n.put("is_byok", false);
        n.put("external_user", g.externalUser().orElse(null));
        n.put("api_type", g.apiType());
        n.put("data_region", "global");
        n.put("http_referer", g.httpReferer().orElse(null));
        n.put("user_agent", g.userAgent().orElse(null));
        n.putNull("preset_id");
        n.put("router", g.router().orElse(null));
        n.put("session_id", g.sessionId().orElse(null));
        n.putNull("service_tier");
        n.putNull("web_search_engine");
        n.putNull("workspace_id");
        ArrayNode responses = n.putArray("provider_responses");
        for (GenerationRecord.ProviderAttempt attempt : g.attempts()) {
            ObjectNode response = responses.addObject()
                    .put("provider_name", attempt.providerName())
                    .put("model_permaslug", attempt.model())
                    .put("status", attempt.status())
                    .put("latency", attempt.latencyMillis());
            // Junction's addition: why the attempt did not serve (OpenRouter's error attempts call it message).
            attempt.reason().ifPresent(reason -> response.put("message", reason));
        }
        if (!g.notes().isEmpty()) {
            // Junction's addition: what it did to the request or answer (middle-out, response healing).
            ArrayNode notes = n.putArray("junction_notes");
            g.notes().forEach(notes::add);
        }
        return n;
    }
}
