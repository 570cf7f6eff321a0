package dev.junction.sim.openai;

import dev.junction.sim.engine.PromptInfo;
import dev.junction.sim.engine.Words;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import tools.jackson.databind.JsonNode;

/** Reads the parts of an OpenAI request the engine needs (see {@link Words} for the token counting). */
final class OpenAiPrompts {

    /** A request OpenAI would reject with a 400. */
    static final class InvalidRequest extends RuntimeException {
        final Optional<String> param;

        InvalidRequest(String message, Optional<String> param) {
            super(message);
            this.param = param;
        }
    }

    private OpenAiPrompts() {
    }

    static String model(JsonNode body) {
        JsonNode model = body.path("model");
        if (!model.isString() || model.stringValue().isEmpty()) {
            throw new InvalidRequest("you must provide a model parameter", Optional.of("model"));
        }
        return model.stringValue();
    }

    static boolean stream(JsonNode body) {
        return body.path("stream").asBoolean(false);
    }

    /** Chat: all text of all messages counts; the last user message is echoed. */
    static PromptInfo chat(JsonNode body) {
        JsonNode messages = body.path("messages");
        if (!messages.isArray()) {
            throw new InvalidRequest("Missing required parameter: 'messages'.", Optional.of("messages"));
        }
        int words = 0;
        Optional<String> lastUser = Optional.empty();
        for (JsonNode message : messages.values()) {
            String text = messageText(message.path("content"));
            words += Words.count(text);
            if ("user".equals(message.path("role").asString(""))) {
                lastUser = Optional.of(text);
            }
        }
        return info(body, words, lastUser);
    }

    /** Legacy: a prompt string, an array of strings, or token arrays (each number one token). */
    static PromptInfo legacy(JsonNode body) {
        JsonNode prompt = body.path("prompt");
        int words = 0;
        var texts = new ArrayList<String>();
        if (prompt.isString()) {
            texts.add(prompt.stringValue());
        } else if (prompt.isArray()) {
            for (JsonNode item : prompt.values()) {
                if (item.isString()) {
                    texts.add(item.stringValue());
                } else if (item.isNumber()) {
                    words++;
                } else if (item.isArray()) {
                    words += item.size();
                }
            }
        }
        for (String text : texts) {
            words += Words.count(text);
        }
        Optional<String> echo = texts.isEmpty() ? Optional.empty() : Optional.of(String.join("\n", texts));
        return info(body, words, echo);
    }

    private static PromptInfo info(JsonNode body, int promptWords, Optional<String> echo) {
        boolean stream = stream(body);
        boolean includeUsage = stream && body.path("stream_options").path("include_usage").asBoolean(false);
        return new PromptInfo(model(body), stream, includeUsage, promptWords, echo, maxTokens(body));
    }

    private static OptionalInt maxTokens(JsonNode body) {
        for (String field : List.of("max_completion_tokens", "max_tokens")) {
            JsonNode value = body.path(field);
            if (value.isIntegralNumber() && value.canConvertToInt() && value.intValue() >= 0) {
                return OptionalInt.of(value.intValue());
            }
        }
        return OptionalInt.empty();
    }

    /** A message's {@code content}: a string, or the {@code text} of its parts joined by newlines. */
    private static String messageText(JsonNode content) {
        if (content.isString()) {
            return content.stringValue();
        }
        if (!content.isArray()) {
            return "";
        }
        var parts = new ArrayList<String>();
        for (JsonNode part : content.values()) {
            JsonNode text = part.path("text");
            if (text.isString()) {
                parts.add(text.stringValue());
            }
        }
        return String.join("\n", parts);
    }
}
