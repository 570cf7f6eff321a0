package dev.junction.sim;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * What the simulated upstream does for one request. Every field is optional: an absent field falls back to the
 * next, less specific script (request body {@code sim} object → script for the model name → default script), and
 * then to the built-in default noted on each field. See {@link #over(SimScript)}.
 *
 * <p>JSON names are the snake_case forms of the component names ({@code reply_tokens}, {@code ttft_ms}, …).
 *
 * @param reply           the assistant text; default: echo the last user message (or the legacy prompt), else
 *                        "Hello from junction-sim." (no text at all when only tool calls are scripted)
 * @param replyTokens     instead of {@code reply}, generate this many tokens "tok0 tok1 …" (load tests)
 * @param ttftMs          delay before the first byte of the response, streaming or not, errors included; default 0
 * @param chunkIntervalMs delay between streamed tokens; default 0. A non-streaming response is delayed by the same
 *                        total generation time
 * @param tokensPerSecond alternative to {@code chunkIntervalMs}
 * @param status          respond with this HTTP status (an error body in the protocol's shape when ≥ 400); a value
 *                        below 400 means "no error" and can switch off an error set by a less specific script
 * @param errorMessage    message of the scripted error (status or mid-stream failure)
 * @param errorType       {@code error.type} of the scripted error; default derived from the status
 * @param errorCode       {@code error.code} of the scripted error; default derived from the status
 * @param retryAfter      value of the {@code Retry-After} header sent with an error status
 * @param failAfterChunks fail a stream when it would send content chunk N+1 (0 = before the first)
 * @param failMode        how a stream fails; default {@link FailMode#DISCONNECT}
 * @param hang            accept the request and never respond (timeout tests); default false
 * @param usage           report usage (default true); false omits it even when {@code include_usage} is asked for
 * @param cachedTokens    reported as {@code prompt_tokens_details.cached_tokens}, capped at the prompt tokens
 * @param reasoningTokens reported as {@code completion_tokens_details.reasoning_tokens} and counted inside
 *                        {@code completion_tokens}; default: the word count of {@code reasoning}
 * @param reasoning       reasoning text, streamed/returned before the content
 * @param toolCalls       tool calls the model makes
 * @param finishReason    overrides the derived finish reason ("stop", "length" or "tool_calls")
 * @param padBytes        pad each streamed content chunk with this many bytes in an ignored {@code x_pad} field
 * @param raw             send these exact strings instead of generating: each one a streamed write, or their
 *                        concatenation as the body of a non-streaming response
 * @param cacheWriteTokens  prompt tokens reported as written to the prompt cache (Anthropic
 *                          {@code cache_creation_input_tokens}), capped at the prompt tokens not read from the cache
 * @param redactedReasoning opaque data of a redacted reasoning block (Anthropic {@code redacted_thinking}), after the
 *                          reasoning; protocols without one ignore it
 * @param contentType       the {@code Content-Type} of a successful answer, instead of the protocol's own; on a
 *                          streamed request, any type but {@code text/event-stream} makes the answer a whole
 *                          body, as from an upstream that ignores {@code stream}
 */
public record SimScript(
        Optional<String> reply,
        OptionalInt replyTokens,
        OptionalInt ttftMs,
        OptionalInt chunkIntervalMs,
        OptionalDouble tokensPerSecond,
        OptionalInt status,
        Optional<String> errorMessage,
        Optional<String> errorType,
        Optional<String> errorCode,
        Optional<String> retryAfter,
        OptionalInt failAfterChunks,
        Optional<FailMode> failMode,
        Optional<Boolean> hang,
        Optional<Boolean> usage,
        OptionalInt cachedTokens,
        OptionalInt reasoningTokens,
        Optional<String> reasoning,
        Optional<List<SimToolCall>> toolCalls,
        Optional<String> finishReason,
        OptionalInt padBytes,
        Optional<List<String>> raw,
        OptionalInt cacheWriteTokens,
        Optional<String> redactedReasoning,
        Optional<String> contentType) {

    /** How a scripted mid-stream failure looks to the client. */
    public enum FailMode {
        /** Close the connection abruptly without ending the response. */
        DISCONNECT,
        /** Send the protocol's in-stream error event, then end the response normally. */
        ERROR_EVENT
    }

    private static final SimScript EMPTY = builder().build();

    public SimScript {
        Objects.requireNonNull(reply, "reply");
        Objects.requireNonNull(errorMessage, "errorMessage");
        Objects.requireNonNull(errorType, "errorType");
        Objects.requireNonNull(errorCode, "errorCode");
        Objects.requireNonNull(retryAfter, "retryAfter");
        Objects.requireNonNull(failMode, "failMode");
        Objects.requireNonNull(hang, "hang");
        Objects.requireNonNull(usage, "usage");
        Objects.requireNonNull(reasoning, "reasoning");
        Objects.requireNonNull(finishReason, "finishReason");
        Objects.requireNonNull(tokensPerSecond, "tokensPerSecond");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(toolCalls, "toolCalls");
        Objects.requireNonNull(raw, "raw");
        Objects.requireNonNull(redactedReasoning, "redactedReasoning");
        Objects.requireNonNull(contentType, "contentType");
        nonNegative("cache_write_tokens", cacheWriteTokens);
        nonNegative("reply_tokens", replyTokens);
        nonNegative("ttft_ms", ttftMs);
        nonNegative("chunk_interval_ms", chunkIntervalMs);
        nonNegative("fail_after_chunks", failAfterChunks);
        nonNegative("cached_tokens", cachedTokens);
        nonNegative("reasoning_tokens", reasoningTokens);
        nonNegative("pad_bytes", padBytes);
        if (tokensPerSecond.isPresent() && !(tokensPerSecond.getAsDouble() > 0)) {
            throw new SimScriptException("tokens_per_second must be > 0, got " + tokensPerSecond.getAsDouble());
        }
        if (status.isPresent() && (status.getAsInt() < 100 || status.getAsInt() > 599)) {
            throw new SimScriptException("status must be an HTTP status 100..599, got " + status.getAsInt());
        }
        toolCalls = toolCalls.map(List::copyOf);
        raw = raw.map(List::copyOf);
    }

    private static void nonNegative(String name, OptionalInt value) {
        Objects.requireNonNull(value, name);
        if (value.isPresent() && value.getAsInt() < 0) {
            throw new SimScriptException(name + " must be >= 0, got " + value.getAsInt());
        }
    }

    /** A script with no field set: everything falls through to less specific scripts and the built-in defaults. */
    public static SimScript empty() {
        return EMPTY;
    }

    public static Builder builder() {
        return new Builder();
    }

    /**
     * Parses the snake_case JSON form (the request body's {@code sim} object, or a script in a script file).
     *
     * @throws SimScriptException on unknown fields or values of the wrong type
     */
    public static SimScript fromJson(JsonNode json) {
        return SimScriptJson.read(json);
    }

    /** The snake_case JSON form, e.g. to put into a request body's {@code sim} field. */
    public ObjectNode toJson() {
        return SimScriptJson.write(this);
    }

    /**
     * This script laid over {@code base}: each field set here wins, each absent one is taken from {@code base}.
     * Two groups move as one unit so that a more specific script can switch between alternatives: the content
     * ({@code reply}/{@code reply_tokens}) and the pace ({@code chunk_interval_ms}/{@code tokens_per_second}).
     */
    public SimScript over(SimScript base) {
        boolean ownsContent = reply.isPresent() || replyTokens.isPresent();
        boolean ownsPace = chunkIntervalMs.isPresent() || tokensPerSecond.isPresent();
        return new SimScript(
                ownsContent ? reply : base.reply,
                ownsContent ? replyTokens : base.replyTokens,
                or(ttftMs, base.ttftMs),
                ownsPace ? chunkIntervalMs : base.chunkIntervalMs,
                ownsPace ? tokensPerSecond : base.tokensPerSecond,
                or(status, base.status),
                errorMessage.or(() -> base.errorMessage),
                errorType.or(() -> base.errorType),
                errorCode.or(() -> base.errorCode),
                retryAfter.or(() -> base.retryAfter),
                or(failAfterChunks, base.failAfterChunks),
                failMode.or(() -> base.failMode),
                hang.or(() -> base.hang),
                usage.or(() -> base.usage),
                or(cachedTokens, base.cachedTokens),
                or(reasoningTokens, base.reasoningTokens),
                reasoning.or(() -> base.reasoning),
                toolCalls.or(() -> base.toolCalls),
                finishReason.or(() -> base.finishReason),
                or(padBytes, base.padBytes),
                raw.or(() -> base.raw),
                or(cacheWriteTokens, base.cacheWriteTokens),
                redactedReasoning.or(() -> base.redactedReasoning),
                contentType.or(() -> base.contentType));
    }

    private static OptionalInt or(OptionalInt first, OptionalInt second) {
        return first.isPresent() ? first : second;
    }

    /** Whether a scripted status asks for an error response. */
    public boolean isError() {
        return status.isPresent() && status.getAsInt() >= 400;
    }

    public Builder toBuilder() {
        return new Builder(this);
    }

    public SimScript withReply(String text) {
        return toBuilder().reply(text).build();
    }

    public SimScript withReplyTokens(int count) {
        return toBuilder().replyTokens(count).build();
    }

    public SimScript withTtftMs(int ms) {
        return toBuilder().ttftMs(ms).build();
    }

    public SimScript withChunkIntervalMs(int ms) {
        return toBuilder().chunkIntervalMs(ms).build();
    }

    public SimScript withTokensPerSecond(double rate) {
        return toBuilder().tokensPerSecond(rate).build();
    }

    public SimScript withStatus(int httpStatus) {
        return toBuilder().status(httpStatus).build();
    }

    public SimScript withFailAfterChunks(int chunks, FailMode mode) {
        return toBuilder().failAfterChunks(chunks).failMode(mode).build();
    }

    public SimScript withHang(boolean value) {
        return toBuilder().hang(value).build();
    }

    public SimScript withUsage(boolean value) {
        return toBuilder().usage(value).build();
    }

    public SimScript withReasoning(String text) {
        return toBuilder().reasoning(text).build();
    }

    public SimScript withToolCalls(List<SimToolCall> calls) {
        return toBuilder().toolCalls(calls).build();
    }

    public SimScript withFinishReason(String reason) {
        return toBuilder().finishReason(reason).build();
    }

    public SimScript withPadBytes(int bytes) {
        return toBuilder().padBytes(bytes).build();
    }

    public SimScript withRaw(List<String> frames) {
        return toBuilder().raw(frames).build();
    }

    /** Mutable builder; every setter takes a plain value, an unset field stays absent. */
    public static final class Builder {
        private Optional<String> reply = Optional.empty();
        private OptionalInt replyTokens = OptionalInt.empty();
        private OptionalInt ttftMs = OptionalInt.empty();
        private OptionalInt chunkIntervalMs = OptionalInt.empty();
        private OptionalDouble tokensPerSecond = OptionalDouble.empty();
        private OptionalInt status = OptionalInt.empty();
        private Optional<String> errorMessage = Optional.empty();
        private Optional<String> errorType = Optional.empty();
        private Optional<String> errorCode = Optional.empty();
        private Optional<String> retryAfter = Optional.empty();
        private OptionalInt failAfterChunks = OptionalInt.empty();
        private Optional<FailMode> failMode = Optional.empty();
        private Optional<Boolean> hang = Optional.empty();
        private Optional<Boolean> usage = Optional.empty();
        private OptionalInt cachedTokens = OptionalInt.empty();
        private OptionalInt reasoningTokens = OptionalInt.empty();
        private Optional<String> reasoning = Optional.empty();
        private Optional<List<SimToolCall>> toolCalls = Optional.empty();
        private Optional<String> finishReason = Optional.empty();
        private OptionalInt padBytes = OptionalInt.empty();
        private Optional<List<String>> raw = Optional.empty();
        private OptionalInt cacheWriteTokens = OptionalInt.empty();
        private Optional<String> redactedReasoning = Optional.empty();
        private Optional<String> contentType = Optional.empty();

        private Builder() {
        }

        private Builder(SimScript s) {
            reply = s.reply;
            replyTokens = s.replyTokens;
            ttftMs = s.ttftMs;
            chunkIntervalMs = s.chunkIntervalMs;
            tokensPerSecond = s.tokensPerSecond;
            status = s.status;
            errorMessage = s.errorMessage;
            errorType = s.errorType;
            errorCode = s.errorCode;
            retryAfter = s.retryAfter;
            failAfterChunks = s.failAfterChunks;
            failMode = s.failMode;
            hang = s.hang;
            usage = s.usage;
            cachedTokens = s.cachedTokens;
            reasoningTokens = s.reasoningTokens;
            reasoning = s.reasoning;
            toolCalls = s.toolCalls;
            finishReason = s.finishReason;
            padBytes = s.padBytes;
            raw = s.raw;
            cacheWriteTokens = s.cacheWriteTokens;
            redactedReasoning = s.redactedReasoning;
            contentType = s.contentType;
        }

        /** Sets the reply text and clears {@code reply_tokens}: the two are alternatives. */
        public Builder reply(String text) {
            reply = Optional.of(text);
            replyTokens = OptionalInt.empty();
            return this;
        }

        /** Sets a generated reply of {@code count} tokens and clears {@code reply}: the two are alternatives. */
        public Builder replyTokens(int count) {
            replyTokens = OptionalInt.of(count);
            reply = Optional.empty();
            return this;
        }

        public Builder ttftMs(int ms) {
            ttftMs = OptionalInt.of(ms);
            return this;
        }

        /** Sets the pace as a fixed interval and clears {@code tokens_per_second}. */
        public Builder chunkIntervalMs(int ms) {
            chunkIntervalMs = OptionalInt.of(ms);
            tokensPerSecond = OptionalDouble.empty();
            return this;
        }

        /** Sets the pace as a rate and clears {@code chunk_interval_ms}. */
        public Builder tokensPerSecond(double rate) {
            tokensPerSecond = OptionalDouble.of(rate);
            chunkIntervalMs = OptionalInt.empty();
            return this;
        }

        public Builder status(int httpStatus) {
            status = OptionalInt.of(httpStatus);
            return this;
        }

        public Builder errorMessage(String message) {
            errorMessage = Optional.of(message);
            return this;
        }

        public Builder errorType(String type) {
            errorType = Optional.of(type);
            return this;
        }

        public Builder errorCode(String code) {
            errorCode = Optional.of(code);
            return this;
        }

        public Builder retryAfter(String headerValue) {
            retryAfter = Optional.of(headerValue);
            return this;
        }

        public Builder failAfterChunks(int chunks) {
            failAfterChunks = OptionalInt.of(chunks);
            return this;
        }

        public Builder failMode(FailMode mode) {
            failMode = Optional.of(mode);
            return this;
        }

        public Builder hang(boolean value) {
            hang = Optional.of(value);
            return this;
        }

        public Builder usage(boolean value) {
            usage = Optional.of(value);
            return this;
        }

        public Builder cachedTokens(int count) {
            cachedTokens = OptionalInt.of(count);
            return this;
        }

        public Builder reasoningTokens(int count) {
            reasoningTokens = OptionalInt.of(count);
            return this;
        }

        public Builder reasoning(String text) {
            reasoning = Optional.of(text);
            return this;
        }

        public Builder toolCalls(List<SimToolCall> calls) {
            toolCalls = Optional.of(calls);
            return this;
        }

        /** Appends one tool call; {@code argumentsJson} is the JSON text of the arguments. */
        public Builder toolCall(String name, String argumentsJson) {
            var calls = new java.util.ArrayList<>(toolCalls.orElse(List.of()));
            calls.add(new SimToolCall(name, argumentsJson));
            toolCalls = Optional.of(calls);
            return this;
        }

        public Builder finishReason(String reason) {
            finishReason = Optional.of(reason);
            return this;
        }

        public Builder padBytes(int bytes) {
            padBytes = OptionalInt.of(bytes);
            return this;
        }

        public Builder raw(List<String> frames) {
            raw = Optional.of(frames);
            return this;
        }

        public Builder cacheWriteTokens(int count) {
            cacheWriteTokens = OptionalInt.of(count);
            return this;
        }

        public Builder redactedReasoning(String data) {
            redactedReasoning = Optional.of(data);
            return this;
        }

        public Builder contentType(String type) {
            contentType = Optional.of(type);
            return this;
        }

        public SimScript build() {
            return new SimScript(reply, replyTokens, ttftMs, chunkIntervalMs, tokensPerSecond, status, errorMessage,
                    errorType, errorCode, retryAfter, failAfterChunks, failMode, hang, usage, cachedTokens,
                    reasoningTokens, reasoning, toolCalls, finishReason, padBytes, raw, cacheWriteTokens,
                    redactedReasoning, contentType);
        }
    }
}
