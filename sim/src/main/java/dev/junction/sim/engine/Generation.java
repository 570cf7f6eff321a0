package dev.junction.sim.engine;

import dev.junction.sim.SimScript;
import dev.junction.sim.SimToolCall;
import dev.junction.sim.search.SearchCorpus;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What the simulated model produces for one request, before any protocol renders it: reasoning, content, tool
 * calls, the finish reason and usage (counted as described in {@link Words}).
 *
 * @param reasoning    reasoning text, empty when none
 * @param content      the reply; empty (rendered as {@code content: null}) when only tool calls were scripted
 * @param toolCalls    tool calls, in order
 * @param finishReason scripted, else "length" when cut by the request's max tokens, "tool_calls" with tool calls,
 *                     else "stop"
 * @param usage        empty when the script switched usage off
 * @param sources      what the model's own web search found, which the reply cites; empty when it did not search
 */
public record Generation(TokenText reasoning, Optional<TokenText> content, List<SimToolCall> toolCalls,
                         String finishReason, Optional<Usage> usage,
                         List<SearchCorpus.Result> sources) {

    public static final String DEFAULT_REPLY = "Hello from junction-sim.";

    /** Tool-call arguments are streamed in fragments of at most this many characters, like a tokenizer would. */
    static final int ARGUMENT_FRAGMENT_CHARS = 8;

    public Generation {
        Objects.requireNonNull(reasoning, "reasoning");
        Objects.requireNonNull(content, "content");
        Objects.requireNonNull(finishReason, "finishReason");
        Objects.requireNonNull(usage, "usage");
        toolCalls = List.copyOf(toolCalls);
        sources = List.copyOf(sources);
    }

    /** How many results a native web search finds: the sim's models cite this many sources. */
    public static final int NATIVE_SEARCH_RESULTS = 3;

    /**
     * Plans the output of a resolved script for a request. What the script leaves open follows the request, as a
     * cooperative model would: it calls the first offered tool (or the one {@code tool_choice} names) once per user
     * turn, with arguments made from the tool's schema; when the last turn hands back tool results it answers from
     * them; a structured-output request gets JSON conforming to its schema; a request for reasoning gets some.
     *
     * @param textOnly the protocol carries neither reasoning nor tool calls (legacy completions)
     */
    public static Generation plan(SimScript script, PromptInfo prompt, boolean textOnly) {
        Asks asks = textOnly ? Asks.NOTHING : prompt.asks();
        String echo = prompt.echo().filter(s -> !s.isBlank()).orElse(DEFAULT_REPLY);
        List<SimToolCall> calls = textOnly || asks.answersTools() ? List.of()
                : script.toolCalls().orElseGet(() -> DefaultBehaviour.toolCall(asks, echo).map(List::of).orElse(List.of()));
        TokenText reasoning = textOnly ? TokenText.empty() : script.reasoning().map(TokenText::of)
                .orElseGet(() -> asks.reasoning() ? TokenText.of(DefaultBehaviour.reasoning(asks, calls, echo))
                        : TokenText.empty());

        Optional<TokenText> content;
        if (script.replyTokens().isPresent()) {
            content = Optional.of(TokenText.numbered(script.replyTokens().getAsInt()));
        } else if (script.reply().isPresent()) {
            content = Optional.of(TokenText.of(script.reply().get()));
        } else if (!calls.isEmpty()) {
            content = Optional.empty();
        } else if (asks.outputSchema().isPresent()) {
            content = Optional.of(TokenText.of(SchemaSample.of(asks.outputSchema().get(), echo).toString()));
        } else {
            content = Optional.of(TokenText.of(echo));
        }

        boolean truncated = false;
        if (content.isPresent() && prompt.maxTokens().isPresent()
                && content.get().tokens() > prompt.maxTokens().getAsInt()) {
            content = Optional.of(content.get().truncate(prompt.maxTokens().getAsInt()));
            truncated = true;
        }
        String finish = script.finishReason().orElse(truncated ? "length" : calls.isEmpty() ? "stop" : "tool_calls");

        int reasoningTokens = script.reasoningTokens().orElse(reasoning.tokens());
        int toolTokens = calls.stream().mapToInt(c -> Words.count(c.name()) + Words.count(c.arguments())).sum();
        int completion = content.map(TokenText::tokens).orElse(0) + reasoningTokens + toolTokens;
        int cached = Math.min(script.cachedTokens().orElse(0), prompt.promptTokens());
        Optional<Usage> usage = script.usage().orElse(true)
                ? Optional.of(new Usage(prompt.promptTokens(), completion, cached, reasoningTokens))
                : Optional.empty();
        // A model with native web search searches the last user turn and cites what it found over its whole reply.
        List<SearchCorpus.Result> sources = asks.webSearch() && calls.isEmpty() && content.isPresent()
                ? SearchCorpus.search(prompt.echo().orElse(echo), NATIVE_SEARCH_RESULTS) : List.of();
        return new Generation(reasoning, content, calls, finish, usage, sources);
    }

    /** Paced pieces a stream of this generation sends: reasoning, content, and per tool call a header plus fragments. */
    public int pieceCount() {
        int tools = toolCalls.stream().mapToInt(c -> 1 + argumentFragments(c.arguments()).size()).sum();
        return reasoning.pieceCount() + content.map(TokenText::pieceCount).orElse(0) + tools;
    }

    /** The arguments text cut into streamable fragments, never splitting a surrogate pair. */
    public static List<String> argumentFragments(String arguments) {
        var fragments = new ArrayList<String>();
        int start = 0;
        while (start < arguments.length()) {
            int end = Math.min(start + ARGUMENT_FRAGMENT_CHARS, arguments.length());
            if (end < arguments.length() && Character.isHighSurrogate(arguments.charAt(end - 1))) {
                end++;
            }
            fragments.add(arguments.substring(start, end));
            start = end;
        }
        return fragments;
    }
}
