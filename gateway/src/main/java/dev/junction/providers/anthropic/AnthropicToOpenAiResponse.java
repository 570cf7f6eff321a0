package dev.junction.providers.anthropic;

import dev.junction.accounting.TokenUsage;
import dev.junction.wire.ApiKind;
import dev.junction.wire.Json;
import dev.junction.wire.anthropic.ReasoningDetails;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

import java.util.Optional;

/**
 * A whole Anthropic {@code message} as a {@code chat.completion} (or {@code text_completion}) body: text blocks
 * joined into {@code content}, {@code tool_use} blocks as {@code tool_calls} with their input as a JSON string,
 * thinking as {@code reasoning} plus {@code reasoning_details} (see {@link ReasoningDetails}), the stop reason
 * normalised with the original kept, usage split off. Identity fields are the API layer's to stamp.
 */
final class AnthropicToOpenAiResponse {

    /** @param body the response without usage; {@code id} is Anthropic's message id until the API layer stamps its own */
    record Result(ObjectNode body, Optional<TokenUsage> usage, Optional<String> upstreamId) {}

    private AnthropicToOpenAiResponse() {}

    /** @throws IllegalArgumentException when {@code message} is not a Messages API message */
    static Result translate(JsonNode message, ClientShape shape) {
        JsonNode content = message.get("content");
        if (content == null || !content.isArray()) {
            throw new IllegalArgumentException("answered without a content array");
        }
        StringBuilder text = new StringBuilder();
        boolean hasText = false;
        StringBuilder reasoning = new StringBuilder();
        ArrayNode details = Json.NODES.arrayNode();
        ArrayNode toolCalls = Json.NODES.arrayNode();
        ArrayNode annotations = Json.NODES.arrayNode();
        for (JsonNode block : content) {
            switch (block.path("type").asString("")) {
                case "text" -> {
                    int start = text.length();
                    text.append(block.path("text").asString(""));
                    hasText = true;
                    for (JsonNode citation : block.path("citations").values()) {
                        AnthropicCitations.add(annotations, citation, start, text.length());
                    }
                }
                case "thinking" -> {
                    reasoning.append(block.path("thinking").asString(""));
                    details.add(ReasoningDetails.text(details.size(), block.path("thinking").asString(""),
                            block.path("signature").asString("")));
                }
                case "redacted_thinking" -> details.add(ReasoningDetails.encrypted(details.size(), block.path("data").asString("")));
                case "tool_use" -> {
                    ObjectNode call = toolCalls.addObject();
                    call.put("id", block.path("id").asString(""));
                    call.put("type", "function");
                    ObjectNode function = call.putObject("function");
                    function.put("name", block.path("name").asString(""));
                    function.put("arguments", Json.text(block.path("input").isObject() ? block.get("input") : Json.object()));
                }
                default -> { } // server-tool blocks (web search, code execution): the provider's own, never a client's
                               // tool call; what they found reaches the client as the text's citations
            }
        }
        String stopReason = message.path("stop_reason").asString("");
        ObjectNode body = Json.object();
        Optional<String> id = Optional.ofNullable(message.get("id")).filter(JsonNode::isString).map(JsonNode::asString);
        id.ifPresent(value -> body.put("id", value));
        ObjectNode choice = body.putArray("choices").addObject();
        choice.put("index", 0);
        if (shape.api() == ApiKind.COMPLETION) {
            choice.put("text", text.toString());
        } else {
            ObjectNode out = choice.putObject("message");
            out.put("role", "assistant");
            if (hasText) {
                out.put("content", text.toString());
            } else {
                out.putNull("content");
            }
            if (shape.includeReasoning() && !details.isEmpty()) {
                if (!reasoning.isEmpty()) {
                    out.put("reasoning", reasoning.toString());
                }
                out.set("reasoning_details", details);
            }
            if (!toolCalls.isEmpty()) {
                out.set("tool_calls", toolCalls);
            }
            if (!annotations.isEmpty()) {
                out.set("annotations", annotations);
            }
        }
        choice.putNull("logprobs");
        // Code execution's container, so that a client can run its next turn in the same one.
        if (message.path("container").isObject()) {
            body.set("container", message.get("container"));
        }
        if (stopReason.isEmpty()) {
            choice.putNull("finish_reason");
        } else {
            choice.put("finish_reason", AnthropicFinish.normalise(stopReason));
            choice.put("native_finish_reason", stopReason);
        }
        // Anthropic counts thinking inside output_tokens only: its share is estimated from the thinking text.
        long thinkingChars = reasoning.length();
        return new Result(body, AnthropicUsage.parse(message.get("usage")).map(u -> u.withReasoningEstimate(thinkingChars)), id);
    }
}
