package dev.junction.wire.responses;

import dev.junction.wire.InvalidRequestException;
import dev.junction.wire.Json;
import dev.junction.wire.JsonShapes;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

import java.util.List;
import java.util.Optional;

/**
 * A Responses API request ({@code POST /responses}) as the canonical chat request, the way OpenRouter serves
 * the Responses API: a stateless translation in front of every model. The chat body is built from the fields
 * Junction knows — a Responses-only field is not passed on to an upstream that would refuse it — and
 * the requests that need stored state are refused with a 400 saying so.
 */
public final class ResponsesToChatRequest {
    /** Routing, sampling and OpenRouter fields that mean the same in both APIs. */
    private static final List<String> SAME_IN_BOTH = List.of("model", "models", "provider", "plugins", "usage",
            "transforms", "route", "user", "session_id", "temperature", "top_p", "top_k", "frequency_penalty",
            "presence_penalty", "seed", "parallel_tool_calls", "debug", "trace");

    private ResponsesToChatRequest() {}

    public static ObjectNode translate(ObjectNode request) {
        refuseStatefulFeatures(request);
        ObjectNode chat = Json.object();
        for (String field : SAME_IN_BOTH) {
            present(request, field).ifPresent(value -> chat.set(field, value));
        }
        JsonNode input = present(request, "input")
                .orElseThrow(() -> new InvalidRequestException("input: required (a string, or an array of items)"));
        chat.set("messages", ResponsesInput.messages(present(request, "instructions"), input));
        present(request, "max_output_tokens").ifPresent(max -> chat.set("max_tokens", max));
        present(request, "tools").ifPresent(tools -> chat.set("tools", ResponsesTools.tools(tools)));
        present(request, "tool_choice").ifPresent(choice -> chat.set("tool_choice", ResponsesTools.toolChoice(choice)));
        present(request, "reasoning").ifPresent(reasoning -> chat.set("reasoning", reasoning(reasoning)));
        present(request, "text").ifPresent(text -> text(text, chat));
        if (request.path("stream").asBoolean(false)) {
            chat.put("stream", true);
            chat.putObject("stream_options").put("include_usage", true);
        } else if (request.has("stream") && !request.get("stream").isBoolean() && !request.get("stream").isNull()) {
            throw new InvalidRequestException("stream: expected true or false, got " + JsonShapes.describe(request.get("stream")));
        }
        return chat;
    }

    private static void refuseStatefulFeatures(ObjectNode request) {
        String stateless = " Junction keeps no responses, as OpenRouter does not: send the whole conversation in input.";
        if (request.hasNonNull("previous_response_id")) {
            throw new InvalidRequestException("previous_response_id: not supported." + stateless);
        }
        if (request.hasNonNull("conversation")) {
            throw new InvalidRequestException("conversation: not supported." + stateless);
        }
        if (request.path("store").asBoolean(false)) {
            throw new InvalidRequestException("store: only false is supported." + stateless);
        }
        if (request.path("background").asBoolean(false)) {
            throw new InvalidRequestException("background: only false is supported: Junction answers while the"
                    + " request is open (stream it for long generations)");
        }
        if (request.hasNonNull("prompt")) {
            throw new InvalidRequestException("prompt: stored prompt templates are not supported; send instructions"
                    + " and input");
        }
    }

    /** OpenRouter's reasoning object; the Responses API's {@code summary} has no chat equivalent. */
    private static ObjectNode reasoning(JsonNode reasoning) {
        if (!reasoning.isObject()) {
            throw new InvalidRequestException("reasoning: expected an object, got " + JsonShapes.describe(reasoning));
        }
        ObjectNode out = Json.object();
        for (String field : List.of("effort", "max_tokens", "enabled", "exclude")) {
            present(reasoning, field).ifPresent(value -> out.set(field, value));
        }
        return out;
    }

    /** {@code text.format} is chat's {@code response_format}; {@code text.verbosity} is OpenRouter's verbosity. */
    private static void text(JsonNode text, ObjectNode chat) {
        if (!text.isObject()) {
            throw new InvalidRequestException("text: expected an object, got " + JsonShapes.describe(text));
        }
        present(text, "verbosity").ifPresent(v -> chat.set("verbosity", v));
        JsonNode format = text.get("format");
        if (format == null || format.isNull()) {
            return;
        }
        String type = format.path("type").asString("");
        switch (type) {
            case "text" -> { }
            case "json_object" -> chat.putObject("response_format").put("type", "json_object");
            case "json_schema" -> {
                ObjectNode schema = Json.object().put("name", ResponsesInput.text(format, "name", "text.format"));
                if (!format.path("schema").isObject()) {
                    throw new InvalidRequestException("text.format.schema: required (a JSON schema object)");
                }
                schema.set("schema", format.get("schema"));
                present(format, "strict").ifPresent(v -> schema.set("strict", v));
                present(format, "description").ifPresent(v -> schema.set("description", v));
                ObjectNode responseFormat = chat.putObject("response_format").put("type", "json_schema");
                responseFormat.set("json_schema", schema);
            }
            default -> throw new InvalidRequestException("text.format.type: expected text, json_object or"
                    + " json_schema, got '" + type + "'");
        }
    }

    private static Optional<JsonNode> present(JsonNode object, String field) {
        JsonNode value = object.get(field);
        return value == null || value.isNull() ? Optional.empty() : Optional.of(value);
    }
}
