package dev.junction.sim.gemini;

import dev.junction.sim.engine.Asks;
import dev.junction.sim.engine.Json;
import dev.junction.sim.engine.PromptInfo;
import dev.junction.sim.engine.Words;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import tools.jackson.databind.JsonNode;

/**
 * What the sim reads from a Gemini request (see {@link Words} for the token counting): prompt tokens are the
 * words of every text part of the system instruction and the contents; the echo is the text of the last user
 * turn, or — when that turn only answers function calls — the JSON of the function responses, so that a
 * tool-calling loop can see its results come back; the model then answers them instead of calling again
 * ({@link Asks#toolResults()}).
 *
 * @param includeThoughts {@code generationConfig.thinkingConfig.includeThoughts}
 * @param sse             whether a stream uses SSE ({@code alt=sse}) or Google's default JSON array
 */
record GeminiRequest(PromptInfo prompt, boolean includeThoughts, boolean sse) {

    static GeminiRequest parse(JsonNode body, String model, boolean stream, boolean sse) {
        int words = 0;
        for (JsonNode part : body.path("systemInstruction").path("parts")) {
            words += Words.count(part.path("text").asString(""));
        }
        Optional<String> echo = Optional.empty();
        boolean answersCalls = false;
        for (JsonNode content : body.path("contents")) {
            List<String> texts = new ArrayList<>();
            List<String> responses = new ArrayList<>();
            for (JsonNode part : content.path("parts")) {
                String text = part.path("text").asString("");
                words += Words.count(text);
                if (part.has("text") && !part.path("thought").asBoolean(false)) {
                    texts.add(text);
                }
                if (part.has("functionResponse")) {
                    responses.add(Json.MAPPER.writeValueAsString(part.get("functionResponse").path("response")));
                }
            }
            if (!"model".equals(content.path("role").asString(""))) {
                answersCalls = texts.isEmpty() && !responses.isEmpty();
                echo = Optional.of(String.join("\n", answersCalls ? responses : texts));
            } else {
                answersCalls = false;
            }
        }
        JsonNode generation = body.path("generationConfig");
        JsonNode max = generation.path("maxOutputTokens");
        OptionalInt maxTokens = max.isIntegralNumber() && max.canConvertToInt() && max.intValue() >= 0
                ? OptionalInt.of(max.intValue()) : OptionalInt.empty();
        boolean includeThoughts = generation.path("thinkingConfig").path("includeThoughts").asBoolean(false);
        // A Gemini model thinks only when its script says so (it then also signs): not by default.
        Asks asks = new Asks(tools(body), toolChoice(body),
                answersCalls ? Optional.of(List.of(echo.orElse(""))) : Optional.empty(), outputSchema(generation),
                false, googleSearch(body));
        // Gemini reports usage on every response and every streamed event.
        PromptInfo prompt = new PromptInfo(model, stream, true, words, echo, maxTokens, asks);
        return new GeminiRequest(prompt, includeThoughts, sse);
    }

    /** Whether a tool switches on grounding with Google Search ({@code google_search}, or the older retrieval tool). */
    private static boolean googleSearch(JsonNode body) {
        for (JsonNode tool : body.path("tools")) {
            if (tool.has("google_search") || tool.has("googleSearch") || tool.has("google_search_retrieval")
                    || tool.has("googleSearchRetrieval")) {
                return true;
            }
        }
        return false;
    }

    /** Every {@code functionDeclarations} entry, with {@code parameters} or {@code parametersJsonSchema}. */
    private static List<Asks.Tool> tools(JsonNode body) {
        List<Asks.Tool> tools = new ArrayList<>();
        for (JsonNode tool : body.path("tools")) {
            for (JsonNode declaration : tool.path("functionDeclarations")) {
                JsonNode parameters = declaration.has("parametersJsonSchema") ? declaration.get("parametersJsonSchema")
                        : declaration.path("parameters");
                tools.add(new Asks.Tool(declaration.path("name").asString(""),
                        parameters.isObject() ? parameters : Json.MAPPER.createObjectNode().put("type", "OBJECT")));
            }
        }
        return tools;
    }

    /** {@code toolConfig.functionCallingConfig}: mode NONE, or the first of {@code allowedFunctionNames}. */
    private static Asks.ToolChoice toolChoice(JsonNode body) {
        JsonNode config = body.path("toolConfig").path("functionCallingConfig");
        if ("NONE".equals(config.path("mode").asString(""))) {
            return Asks.ToolChoice.none();
        }
        JsonNode allowed = config.path("allowedFunctionNames");
        return allowed.isArray() && !allowed.isEmpty() ? Asks.ToolChoice.named(allowed.get(0).asString(""))
                : Asks.ToolChoice.auto();
    }

    /** JSON output: {@code responseJsonSchema} or {@code responseSchema}, else any object for a JSON MIME type. */
    private static Optional<JsonNode> outputSchema(JsonNode generation) {
        for (String field : List.of("responseJsonSchema", "responseSchema", "response_json_schema")) {
            if (generation.path(field).isObject()) {
                return Optional.of(generation.get(field));
            }
        }
        return "application/json".equals(generation.path("responseMimeType").asString(""))
                ? Optional.of(Asks.ANY_OBJECT) : Optional.empty();
    }
}
