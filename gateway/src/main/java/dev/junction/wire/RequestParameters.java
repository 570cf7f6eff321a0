package dev.junction.wire;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

import java.util.Set;
import java.util.TreeSet;

/**
 * Which of OpenRouter's named request parameters a request uses — what {@code require_parameters}
 * checks endpoints against. {@code response_format} with a JSON schema also needs
 * {@code structured_outputs}.
 */
final class RequestParameters {
    private static final Set<String> KNOWN = Set.of("temperature", "top_p", "top_k", "min_p", "top_a",
            "frequency_penalty", "presence_penalty", "repetition_penalty", "max_tokens", "max_completion_tokens",
            "logit_bias", "logprobs", "top_logprobs", "prediction", "seed", "response_format", "structured_outputs",
            "stop", "tools", "tool_choice", "parallel_tool_calls", "include_reasoning", "reasoning",
            "reasoning_effort", "web_search_options", "verbosity");

    private RequestParameters() {}

    static Set<String> of(ObjectNode body) {
        Set<String> used = new TreeSet<>();
        for (String name : body.propertyNames()) {
            if (KNOWN.contains(name) && !body.get(name).isNull()) {
                used.add(name);
            }
        }
        JsonNode format = body.get("response_format");
        if (format != null && "json_schema".equals(format.path("type").asString(""))) {
            used.add("structured_outputs");
        }
        return Set.copyOf(used);
    }
}
