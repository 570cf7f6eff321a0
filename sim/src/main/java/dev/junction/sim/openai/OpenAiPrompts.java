package dev.junction.sim.openai;

import dev.junction.sim.engine.Asks;
import dev.junction.sim.engine.Json;
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

    /**
     * Chat: all text of all messages counts; the last user message is echoed — or, when the conversation ends with
     * tool results, those results, which the model then answers from.
     */
    static PromptInfo chat(JsonNode body) {
        JsonNode messages = body.path("messages");
        if (!messages.isArray()) {
            throw new InvalidRequest("Missing required parameter: 'messages'.", Optional.of("messages"));
        }
        int words = 0;
        Optional<String> lastUser = Optional.empty();
        List<String> trailingResults = new ArrayList<>();
        for (JsonNode message : messages.values()) {
            String text = messageText(message.path("content"));
            words += Words.count(text);
            String role = message.path("role").asString("");
            if (role.equals("tool") || role.equals("function")) {
                trailingResults.add(text);
            } else {
                trailingResults.clear();
            }
            if ("user".equals(role)) {
                lastUser = Optional.of(text);
            }
        }
        Optional<List<String>> toolResults = trailingResults.isEmpty() ? Optional.empty() : Optional.of(trailingResults);
        Optional<String> userText = lastUser;
        Optional<String> echo = toolResults.map(results -> String.join("\n", results)).or(() -> userText);
        Asks asks = new Asks(tools(body), toolChoice(body), toolResults, outputSchema(body), wantsReasoning(body),
                body.has("web_search_options") || body.path("model").asString("").contains("search"));
        PromptInfo info = info(body, words, echo);
        return new PromptInfo(info.model(), info.stream(), info.includeUsage(), info.promptTokens(), info.echo(),
                info.maxTokens(), asks);
    }

    /** {@code tools} of type function (and the older {@code functions}); a tool without parameters takes none. */
    private static List<Asks.Tool> tools(JsonNode body) {
        List<Asks.Tool> tools = new ArrayList<>();
        for (JsonNode tool : body.path("tools").values()) {
            JsonNode function = tool.path("function");
            if (function.path("name").isString()) {
                tools.add(new Asks.Tool(function.get("name").stringValue(), parameters(function.path("parameters"))));
            }
        }
        for (JsonNode function : body.path("functions").values()) {
            if (function.path("name").isString()) {
                tools.add(new Asks.Tool(function.get("name").stringValue(), parameters(function.path("parameters"))));
            }
        }
        return tools;
    }

    private static JsonNode parameters(JsonNode schema) {
        return schema.isObject() ? schema : Json.MAPPER.createObjectNode().put("type", "object");
    }

    /** {@code tool_choice} (or the older {@code function_call}): none, auto, required, or one named function. */
    private static Asks.ToolChoice toolChoice(JsonNode body) {
        JsonNode choice = body.has("tool_choice") ? body.get("tool_choice") : body.path("function_call");
        if (choice.isString()) {
            return choice.stringValue().equals("none") ? Asks.ToolChoice.none() : Asks.ToolChoice.auto();
        }
        JsonNode name = choice.path("function").path("name").isString() ? choice.path("function").path("name")
                : choice.path("name");
        return name.isString() ? Asks.ToolChoice.named(name.stringValue()) : Asks.ToolChoice.auto();
    }

    /** {@code response_format}: {@code json_schema} with its schema, or {@code json_object}. */
    private static Optional<JsonNode> outputSchema(JsonNode body) {
        JsonNode format = body.path("response_format");
        return switch (format.path("type").asString("")) {
            case "json_schema" -> Optional.of(format.path("json_schema").path("schema"))
                    .filter(JsonNode::isObject).or(() -> Optional.of(Asks.ANY_OBJECT));
            case "json_object" -> Optional.of(Asks.ANY_OBJECT);
            default -> Optional.empty();
        };
    }

    /**
     * OpenAI's {@code reasoning_effort}, or OpenRouter's {@code reasoning} object (effort, budget or enabled; not
     * when {@code exclude}d or switched off) and {@code include_reasoning}.
     */
    private static boolean wantsReasoning(JsonNode body) {
        JsonNode reasoning = body.path("reasoning");
        if (reasoning.isObject()) {
            return !reasoning.path("exclude").asBoolean(false) && reasoning.path("enabled").asBoolean(true)
                    && !"none".equals(reasoning.path("effort").asString(""))
                    && reasoning.path("max_tokens").asLong(1) != 0;
        }
        JsonNode effort = body.path("reasoning_effort");
        if (effort.isString()) {
            return !effort.stringValue().equals("none");
        }
        return body.path("include_reasoning").asBoolean(false);
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
