package dev.junction.providers.openai;

import dev.junction.accounting.TokenUsage;
import dev.junction.config.ReasoningDialect;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

import java.util.HashMap;
import java.util.Map;

/**
 * Every reasoning field an OpenAI-compatible upstream answers with, as OpenRouter's: {@code reasoning_content}
 * (DeepSeek, vLLM, llama.cpp, xAI) becomes {@code reasoning}; a {@code <think>} block opening the content becomes
 * {@code reasoning} on a {@link ReasoningDialect#THINK_TAGS} endpoint; reasoning text without
 * {@code reasoning_details} gets one {@code reasoning.text} detail (format {@code unknown}, index 0), as OpenRouter
 * gives for such models. With {@code exclude}, the reasoning is counted and then removed, and a streamed chunk left
 * with nothing to say is not passed on. The reasoning text seen also serves to estimate the reasoning tokens of an
 * upstream that does not count them. One per request: a stream's think-tag state lives here.
 */
final class OpenAiReasoningOutput {
    private static final String FORMAT = "unknown";

    private final boolean thinkTags;
    private final boolean exclude;
    private final Map<Integer, ThinkTagSplitter> splitters = new HashMap<>();
    private long reasoningChars;

    OpenAiReasoningOutput(ReasoningDialect dialect, boolean exclude) {
        this.thinkTags = dialect == ReasoningDialect.THINK_TAGS;
        this.exclude = exclude;
    }

    /** A whole answer's choices, in place. */
    void whole(ObjectNode body) {
        for (JsonNode choice : body.path("choices")) {
            if (choice.get("message") instanceof ObjectNode message) {
                normalise(choice.path("index").asInt(0), message, true);
            }
        }
    }

    /**
     * A chunk's choices, in place. Returns whether the chunk still says anything: false when all it carried was
     * reasoning that is excluded, or think-tag text held back until the next piece.
     */
    boolean chunk(ObjectNode chunk) {
        boolean emptied = false;
        boolean saysSomething = false;
        for (JsonNode choice : chunk.path("choices")) {
            if (!(choice instanceof ObjectNode c) || !(c.get("delta") instanceof ObjectNode delta)) {
                saysSomething = true;
                continue;
            }
            boolean wasEmpty = delta.isEmpty();
            normalise(c.path("index").asInt(0), delta, c.hasNonNull("finish_reason"));
            emptied |= !wasEmpty && delta.isEmpty();
            saysSomething |= !delta.isEmpty() || c.hasNonNull("finish_reason") || c.hasNonNull("logprobs");
        }
        return saysSomething || !emptied;
    }

    /** The upstream's usage, with reasoning tokens estimated from the text when it did not count them. */
    TokenUsage usage(TokenUsage reported) {
        return reported.withReasoningEstimate(reasoningChars);
    }

    private void normalise(int index, ObjectNode message, boolean last) {
        String reasoning = text(message.get("reasoning"));
        String alternative = text(message.get("reasoning_content"));
        message.remove("reasoning_content");
        if (reasoning.isEmpty() && !alternative.isEmpty()) {
            reasoning = alternative;
        }
        if (thinkTags) {
            reasoning += splitThinkTags(index, message, last);
        }
        reasoningChars += reasoning.length();
        if (exclude) {
            message.remove("reasoning");
            message.remove("reasoning_details");
            return;
        }
        if (reasoning.isEmpty()) {
            return;
        }
        message.put("reasoning", reasoning);
        if (!message.hasNonNull("reasoning_details")) {
            ObjectNode detail = message.putArray("reasoning_details").addObject();
            detail.put("type", "reasoning.text");
            detail.put("text", reasoning);
            detail.put("format", FORMAT);
            detail.put("index", 0);
        }
    }

    /** Moves a leading {@code <think>} block of the content into the reasoning it returns. */
    private String splitThinkTags(int index, ObjectNode message, boolean last) {
        JsonNode content = message.get("content");
        if ((content == null || !content.isString()) && !last) {
            return "";
        }
        ThinkTagSplitter splitter = splitters.computeIfAbsent(index, i -> new ThinkTagSplitter());
        ThinkTagSplitter.Split split = content != null && content.isString()
                ? splitter.next(content.asString()) : new ThinkTagSplitter.Split("", "");
        String reasoning = split.reasoning();
        String answer = split.content();
        if (last) {
            ThinkTagSplitter.Split rest = splitter.finish();
            reasoning += rest.reasoning();
            answer += rest.content();
        }
        if (content != null && content.isString()) {
            if (answer.isEmpty() && !content.asString().isEmpty() && !message.has("role")) {
                message.remove("content");
            } else {
                message.put("content", answer);
            }
        } else if (!answer.isEmpty()) {
            message.put("content", answer);
        }
        return reasoning;
    }

    private static String text(JsonNode node) {
        return node != null && node.isString() ? node.asString() : "";
    }
}
