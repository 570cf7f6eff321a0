package dev.junction.providers.gemini;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;
import dev.junction.wire.Json;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * An OpenAI-style embeddings request as Gemini's: each input a {@code content} of parts (text, and images as inline
 * data or file URIs), {@code dimensions} as {@code outputDimensionality}, {@code input_type} as {@code taskType}
 * (the Cohere/Voyage names — {@code search_query}, {@code search_document}, … — or Gemini's own). Token-id inputs
 * and unknown input types cannot be expressed: {@link GeminiRequestException}. Pure.
 */
final class OpenAiToGeminiEmbeddings {
    private static final Map<String, String> TASK_TYPES = Map.ofEntries(
            Map.entry("query", "RETRIEVAL_QUERY"), Map.entry("search_query", "RETRIEVAL_QUERY"),
            Map.entry("retrieval_query", "RETRIEVAL_QUERY"),
            Map.entry("document", "RETRIEVAL_DOCUMENT"), Map.entry("search_document", "RETRIEVAL_DOCUMENT"),
            Map.entry("passage", "RETRIEVAL_DOCUMENT"), Map.entry("retrieval_document", "RETRIEVAL_DOCUMENT"),
            Map.entry("classification", "CLASSIFICATION"), Map.entry("clustering", "CLUSTERING"),
            Map.entry("similarity", "SEMANTIC_SIMILARITY"), Map.entry("semantic_similarity", "SEMANTIC_SIMILARITY"),
            Map.entry("question_answering", "QUESTION_ANSWERING"), Map.entry("fact_verification", "FACT_VERIFICATION"),
            Map.entry("code_retrieval_query", "CODE_RETRIEVAL_QUERY"));

    private OpenAiToGeminiEmbeddings() {}

    /** One {@code EmbedContentRequest} per input, in order, each naming {@code resource} ({@code models/…}). */
    static List<ObjectNode> requests(ObjectNode client, String resource) {
        Optional<String> taskType = taskType(client.get("input_type"));
        JsonNode dimensions = client.get("dimensions");
        JsonNode input = client.get("input");
        List<JsonNode> inputs = new ArrayList<>();
        if (input.isArray()) {
            input.forEach(inputs::add);
        } else {
            inputs.add(input);
        }
        List<ObjectNode> requests = new ArrayList<>(inputs.size());
        for (int i = 0; i < inputs.size(); i++) {
            ObjectNode request = Json.object();
            request.put("model", resource);
            request.putObject("content").set("parts", parts(inputs.get(i), input.isArray() ? "input[" + i + "]" : "input"));
            taskType.ifPresent(t -> request.put("taskType", t));
            if (dimensions != null && dimensions.isNumber()) {
                request.put("outputDimensionality", dimensions.asInt());
            }
            requests.add(request);
        }
        return requests;
    }

    private static ArrayNode parts(JsonNode input, String path) {
        ArrayNode parts = Json.NODES.arrayNode();
        if (input.isString()) {
            parts.addObject().put("text", input.asString());
            return parts;
        }
        if (input.isNumber() || input.isArray()) {
            throw new GeminiRequestException(path + ": Gemini embeds text, not token ids");
        }
        JsonNode content = input.path("content");
        for (int i = 0; i < content.size(); i++) {
            JsonNode part = content.get(i);
            if (part.path("type").asString("").equals("text")) {
                parts.addObject().put("text", part.path("text").asString());
            } else {
                JsonNode url = part.path("image_url").isString() ? part.path("image_url") : part.path("image_url").path("url");
                parts.add(GeminiMedia.part(url.asString(), Optional.empty(), "image/png", path + ".content[" + i + "]"));
            }
        }
        return parts;
    }

    private static Optional<String> taskType(JsonNode inputType) {
        if (inputType == null || inputType.isNull()) {
            return Optional.empty();
        }
        String name = inputType.asString();
        if (TASK_TYPES.containsValue(name) || name.equals("TASK_TYPE_UNSPECIFIED")) {
            return Optional.of(name);
        }
        String known = TASK_TYPES.get(name.toLowerCase(Locale.ROOT));
        if (known == null) {
            throw new GeminiRequestException("input_type: Gemini has no task type for '" + name + "' (use search_query, "
                    + "search_document, classification, clustering, similarity or a Gemini task type)");
        }
        return Optional.of(known);
    }
}
