package dev.junction.wire;

import dev.junction.accounting.Cost;
import dev.junction.accounting.TokenUsage;
import tools.jackson.databind.node.ObjectNode;

/**
 * Writes the OpenRouter {@code usage} object: token counts, their details, and the exact cost with its
 * split ({@code cost_details} requires the prompt and completion parts when present).
 */
public final class UsageJson {
    private UsageJson() {}

    public static ObjectNode of(TokenUsage usage, Cost cost) {
        ObjectNode node = Json.object();
        node.put("prompt_tokens", usage.promptTokens());
        node.put("completion_tokens", usage.completionTokens());
        node.put("total_tokens", usage.totalTokens());
        node.put("cost", cost.total().toUsd());
        node.put("is_byok", false);
        ObjectNode promptDetails = node.putObject("prompt_tokens_details");
        promptDetails.put("cached_tokens", usage.cachedTokens());
        if (usage.cacheWriteTokens() > 0) {
            promptDetails.put("cache_write_tokens", usage.cacheWriteTokens());
        }
        promptDetails.put("audio_tokens", 0);
        ObjectNode costDetails = node.putObject("cost_details");
        costDetails.putNull("upstream_inference_cost");
        costDetails.put("upstream_inference_prompt_cost", cost.prompt().toUsd());
        costDetails.put("upstream_inference_completions_cost", cost.completion().toUsd());
        if (!cost.serverTools().isZero()) {
            costDetails.put("server_tool_cost", cost.serverTools().toUsd());
        }
        if (usage.webSearches() > 0) {
            node.putObject("server_tool_use_details").put("web_search_requests", usage.webSearches());
        }
        ObjectNode completionDetails = node.putObject("completion_tokens_details");
        completionDetails.put("reasoning_tokens", usage.reasoningTokens());
        return node;
    }
}
