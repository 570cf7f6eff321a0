package dev.junction.providers.openai;

import dev.junction.catalog.Endpoint;
import dev.junction.config.ReasoningDialect;
import dev.junction.wire.ApiKind;
import dev.junction.wire.Json;
import dev.junction.wire.ReasoningRequest;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

import java.util.LinkedHashSet;
import java.util.Set;

/**
 * OpenRouter's reasoning request in an OpenAI-compatible upstream's own dialect (see {@link ReasoningDialect}):
 * which of the client's fields are left out and which fields the upstream gets instead.
 * <ul>
 *   <li>{@code openai}: {@code reasoning_effort} — {@code minimal}, {@code low}, {@code medium}, {@code high}
 *       as asked, {@code xhigh}/{@code max} as {@code high} (the most every OpenAI reasoning model takes), a budget
 *       as the effort it sizes to, {@code enabled: true} alone as {@code medium}, off as {@code none};
 *       {@code max_tokens} becomes {@code max_completion_tokens}, which OpenAI's reasoning models require.</li>
 *   <li>{@code reasoning-effort}: {@code reasoning_effort} clamped to {@code low}/{@code medium}/{@code high},
 *       off as {@code none}.</li>
 *   <li>{@code openrouter}: the request as the client sent it; OpenRouter reads the object itself.</li>
 *   <li>{@code deepseek}: {@code thinking: {type: enabled|disabled}}, and {@code reasoning_effort} when an effort or
 *       a budget was asked for (DeepSeek maps every OpenRouter effort itself); earlier assistant turns' {@code reasoning}
 *       goes back as {@code reasoning_content}.</li>
 *   <li>{@code vllm} and {@code think-tags}: {@code chat_template_kwargs} with both {@code enable_thinking} (Qwen3's
 *       templates) and {@code thinking} (DeepSeek V3.1's), merged under the client's own kwargs — a template reads
 *       the one it knows and ignores the other — and {@code reasoning_effort} (low/medium/high) when an effort or a
 *       budget was asked for (gpt-oss reads it).</li>
 * </ul>
 * An endpoint that does not list a reasoning parameter among its supported parameters gets none of these: like
 * OpenRouter, Junction ignores a parameter the model does not take rather than have the upstream refuse it. Legacy
 * completions go as the client sent them.
 */
final class OpenAiReasoningFields {
    /**
     * @param replaced client fields not sent as they are
     * @param added    fields sent instead, after the client's
     */
    record Rewrite(Set<String> replaced, ObjectNode added) {
        /** Whether the client's field goes up as it is (it may still be dropped by configuration). */
        boolean keeps(String field) {
            return !replaced.contains(field) && !added.has(field);
        }
    }

    /** Never written to: the empty rewrite of most requests. */
    private static final Rewrite NONE = new Rewrite(Set.of(), Json.object());
    private static final Set<String> CLIENT_FIELDS = Set.of("reasoning", "reasoning_effort", "include_reasoning");

    private OpenAiReasoningFields() {}

    static Rewrite of(ObjectNode client, Endpoint endpoint, ApiKind api) {
        ReasoningDialect dialect = endpoint.provider().reasoningDialect();
        if (api != ApiKind.CHAT) {
            // Legacy completions have neither chat templates nor reasoning_effort, and OpenAI's still wants max_tokens.
            return NONE;
        }
        boolean maxTokens = dialect == ReasoningDialect.OPENAI && client.hasNonNull("max_tokens");
        boolean earlierReasoning = dialect == ReasoningDialect.DEEPSEEK && assistantReasoning(client.get("messages"));
        if (dialect == ReasoningDialect.OPENROUTER || !maxTokens && !earlierReasoning && !ReasoningRequest.present(client)) {
            return NONE; // the common case: nothing to rewrite, nothing allocated
        }
        ObjectNode added = client.objectNode();
        Set<String> replaced = new LinkedHashSet<>();
        if (earlierReasoning) {
            replaced.add("messages");
            added.set("messages", withReasoningContent((ArrayNode) client.get("messages")));
        }
        if (maxTokens) {
            replaced.add("max_tokens");
            if (!client.hasNonNull("max_completion_tokens")) {
                added.set("max_completion_tokens", client.get("max_tokens"));
            }
        }
        CLIENT_FIELDS.stream().filter(client::has).forEach(replaced::add);
        ReasoningRequest reasoning = ReasoningRequest.of(client);
        if (reasoning.thinking() == ReasoningRequest.Switch.MODEL_DEFAULT || !takesReasoning(endpoint)) {
            return new Rewrite(replaced, added);
        }
        boolean on = reasoning.thinking() == ReasoningRequest.Switch.ON;
        switch (dialect) {
            case OPENAI -> added.put("reasoning_effort", on ? openAiEffort(reasoning.effortOrSized()) : "none");
            case REASONING_EFFORT -> added.put("reasoning_effort", on ? threeLevels(reasoning.effortOrSized()) : "none");
            case DEEPSEEK -> {
                added.putObject("thinking").put("type", on ? "enabled" : "disabled");
                if (on && (reasoning.effort().isPresent() || reasoning.budget().isPresent())) {
                    added.put("reasoning_effort", reasoning.effortOrSized());
                }
            }
            case VLLM, THINK_TAGS -> {
                ObjectNode kwargs = added.putObject("chat_template_kwargs");
                kwargs.put("enable_thinking", on);
                kwargs.put("thinking", on);
                if (client.get("chat_template_kwargs") instanceof ObjectNode own) {
                    kwargs.setAll(own);
                    replaced.add("chat_template_kwargs");
                }
                if (on && (reasoning.effort().isPresent() || reasoning.budget().isPresent())) {
                    added.put("reasoning_effort", threeLevels(reasoning.effortOrSized()));
                }
            }
            case OPENROUTER -> throw new IllegalStateException("handled above");
        }
        return new Rewrite(replaced, added);
    }

    private static boolean assistantReasoning(JsonNode messages) {
        if (messages == null || !messages.isArray()) {
            return false;
        }
        for (JsonNode message : messages) {
            if ("assistant".equals(message.path("role").asString("")) && message.path("reasoning").isString()) {
                return true;
            }
        }
        return false;
    }

    /**
     * DeepSeek wants the reasoning of earlier assistant turns back as {@code reasoning_content} — in a tool-calling
     * loop it refuses a turn without it — where OpenRouter clients send it back as {@code reasoning} (with
     * {@code reasoning_details}).
     */
    private static ArrayNode withReasoningContent(ArrayNode messages) {
        ArrayNode out = messages.arrayNode();
        for (JsonNode message : messages) {
            if (message instanceof ObjectNode m && "assistant".equals(m.path("role").asString(""))
                    && m.path("reasoning").isString()) {
                ObjectNode copy = m.deepCopy();
                copy.put("reasoning_content", m.get("reasoning").asString());
                copy.remove("reasoning");
                copy.remove("reasoning_details");
                out.add(copy);
            } else {
                out.add(message);
            }
        }
        return out;
    }

    /** Whether the endpoint takes reasoning in any spelling; one that does not gets no reasoning field at all. */
    private static boolean takesReasoning(Endpoint endpoint) {
        return ReasoningDialect.reasoningParameters().stream().anyMatch(endpoint.supportedParameters()::contains);
    }

    private static String openAiEffort(String effort) {
        return switch (effort) {
            case "minimal", "low", "medium", "high" -> effort;
            case "xhigh", "max" -> "high";
            default -> "medium";
        };
    }

    private static String threeLevels(String effort) {
        return switch (effort) {
            case "minimal", "low" -> "low";
            case "high", "xhigh", "max" -> "high";
            default -> "medium";
        };
    }
}
