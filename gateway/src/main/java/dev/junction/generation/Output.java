package dev.junction.generation;

import dev.junction.accounting.TokenUsage;
import dev.junction.providers.UpstreamCompletion;
import dev.junction.wire.FinishReason;
import dev.junction.wire.ProducedText;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

import java.util.List;
import java.util.Optional;

/**
 * What one generation produced as it went by: the text's length, the upstream's usage report, its own id,
 * the finish reason, when the first token came, and — when the request offered tools — the tool calls made.
 * From these, the usage to bill and the endpoint's tool-calling record.
 */
final class Output {
    /** Present only when the request offered tools: nothing is gathered for the rest. */
    private final Optional<ProducedToolCalls> toolCalls;
    private long producedChars;
    private Optional<TokenUsage> reported = Optional.empty();
    private Optional<String> upstreamId = Optional.empty();
    private Optional<FinishReason> finish = Optional.empty();
    private long firstTokenNanos;
    /** The answer's text, kept only when a trace captures content. */
    private final StringBuilder text;
    /** Whether the answer cited sources of the upstream's own (its native web search ran). */
    private boolean cited;

    Output(boolean watchToolCalls, boolean keepText) {
        this.toolCalls = watchToolCalls ? Optional.of(new ProducedToolCalls()) : Optional.empty();
        this.text = keepText ? new StringBuilder() : null;
    }

    /** The answer's text, when it was kept. */
    Optional<String> text() {
        return text == null ? Optional.empty() : Optional.of(text.toString());
    }

    /** Appends the text of every choice: a whole answer's message, a chunk's delta, a legacy completion's text. */
    private void keepText(JsonNode payload) {
        if (text == null) {
            return;
        }
        for (JsonNode choice : payload.path("choices")) {
            JsonNode part = choice.has("delta") ? choice.get("delta").get("content")
                    : choice.has("message") ? choice.get("message").get("content") : choice.get("text");
            if (part != null && part.isString()) {
                text.append(part.asString());
            }
        }
    }

    void whole(UpstreamCompletion completion, long nowNanos) {
        firstToken(nowNanos);
        producedChars = ProducedText.chars(completion.body());
        reported = completion.usage();
        upstreamId = completion.upstreamId();
        finish = FinishReason.of(completion.body());
        cited = !completion.body().path("choices").path(0).path("message").path("annotations").isEmpty();
        toolCalls.ifPresent(calls -> calls.whole(completion.body()));
        keepText(completion.body());
    }

    void chunk(ObjectNode chunk, long nowNanos) {
        firstToken(nowNanos);
        if (upstreamId.isEmpty()) {
            upstreamId = Optional.ofNullable(chunk.get("id")).filter(JsonNode::isString).map(JsonNode::asString);
        }
        producedChars += ProducedText.chars(chunk);
        FinishReason.of(chunk).ifPresent(f -> finish = Optional.of(f));
        cited |= !chunk.path("choices").path(0).path("delta").path("annotations").isEmpty();
        toolCalls.ifPresent(calls -> calls.chunk(chunk));
        keepText(chunk);
    }

    /** The tool calls made, when the request offered tools. */
    List<ProducedToolCalls.Call> toolCalls() {
        return toolCalls.map(ProducedToolCalls::calls).orElse(List.of());
    }

    boolean cited() {
        return cited;
    }

    void usage(TokenUsage usage) {
        reported = Optional.of(usage);
    }

    /** The usage of a generation that completed: what the upstream reported, or an estimate from the text. */
    TokenUsage complete(long promptChars) {
        return reported.orElseGet(() -> TokenUsage.estimate(promptChars, producedChars));
    }

    /**
     * The usage of a generation cut short (cancelled, failed mid-stream): the upstream's report so far is
     * interim — Gemini's counts the prompt alone until its last event — so at least the text that went out
     * is billed.
     */
    TokenUsage partial(long promptChars) {
        return complete(promptChars).atLeastProduced(producedChars);
    }

    Optional<String> upstreamId() {
        return upstreamId;
    }

    Optional<FinishReason> finish() {
        return finish;
    }

    /** When the first token came, or 0 if none has. */
    long firstTokenNanos() {
        return firstTokenNanos;
    }

    private void firstToken(long nowNanos) {
        if (firstTokenNanos == 0) {
            firstTokenNanos = nowNanos;
        }
    }
}
