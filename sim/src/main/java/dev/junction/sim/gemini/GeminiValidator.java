package dev.junction.sim.gemini;

import java.util.Locale;
import java.util.Map;
import java.util.Set;
import tools.jackson.databind.JsonNode;

/**
 * Refuses what the real Gemini API refuses, with Google's messages: unknown field names anywhere in the
 * request (Google's JSON parser rejects them), missing or empty contents and parts, roles other than
 * {@code user}/{@code model}, parts without data, a budget and a level of thinking at once, and schemas
 * outside Gemini's OpenAPI subset (unknown keywords, an OBJECT with an empty {@code properties} map, string
 * formats other than {@code enum}/{@code date-time}). A gateway's translation bug shows up here as it would
 * against Google. The sim's own {@code sim} scripting field is the one exception.
 */
final class GeminiValidator {
    /** A request the real API would refuse; the message is Google's. */
    static final class Invalid extends RuntimeException {
        Invalid(String message) {
            super(message, null, false, false);
        }
    }

    private static final Set<String> REQUEST = Set.of("contents", "systemInstruction", "system_instruction", "tools",
            "toolConfig", "tool_config", "generationConfig", "generation_config", "safetySettings", "safety_settings",
            "cachedContent", "cached_content", "labels", "sim");
    private static final Set<String> CONTENT = Set.of("role", "parts");
    private static final Set<String> PART = Set.of("text", "inlineData", "fileData", "functionCall", "functionResponse",
            "thought", "thoughtSignature", "executableCode", "codeExecutionResult", "videoMetadata", "mediaResolution",
            "inline_data", "file_data", "function_call", "function_response", "thought_signature");
    private static final Set<String> DATA = Set.of("text", "inlineData", "fileData", "functionCall", "functionResponse",
            "executableCode", "codeExecutionResult", "inline_data", "file_data", "function_call", "function_response");
    private static final Map<String, Set<String>> PART_FIELDS = Map.of(
            "inlineData", Set.of("mimeType", "data", "mime_type"),
            "fileData", Set.of("mimeType", "fileUri", "mime_type", "file_uri"),
            "functionCall", Set.of("id", "name", "args"),
            "functionResponse", Set.of("id", "name", "response", "parts", "willContinue", "scheduling"));
    private static final Set<String> GENERATION = Set.of("stopSequences", "responseMimeType", "responseSchema",
            "responseJsonSchema", "responseModalities", "candidateCount", "maxOutputTokens", "temperature", "topP",
            "topK", "seed", "presencePenalty", "frequencyPenalty", "responseLogprobs", "logprobs",
            "enableEnhancedCivicAnswers", "speechConfig", "thinkingConfig", "imageConfig", "mediaResolution");
    private static final Set<String> THINKING = Set.of("includeThoughts", "thinkingBudget", "thinkingLevel");
    private static final Set<String> TOOL = Set.of("functionDeclarations", "googleSearch", "googleSearchRetrieval",
            "codeExecution", "urlContext", "computerUse", "fileSearch", "googleMaps");
    private static final Set<String> DECLARATION = Set.of("name", "description", "parameters", "parametersJsonSchema",
            "response", "responseJsonSchema", "behavior");
    private static final Set<String> SCHEMA = Set.of("type", "format", "title", "description", "nullable", "enum",
            "maxItems", "minItems", "properties", "required", "minProperties", "maxProperties", "minLength", "maxLength",
            "pattern", "example", "anyOf", "propertyOrdering", "default", "items", "minimum", "maximum");
    private static final Set<String> TYPES = Set.of("TYPE_UNSPECIFIED", "STRING", "NUMBER", "INTEGER", "BOOLEAN", "ARRAY",
            "OBJECT", "NULL");

    private GeminiValidator() {
    }

    static void validate(JsonNode body) {
        known(body, REQUEST, "");
        JsonNode contents = body.path("contents");
        if (!contents.isArray() || contents.isEmpty()) {
            throw new Invalid("* GenerateContentRequest.contents: contents is not specified\n");
        }
        for (int i = 0; i < contents.size(); i++) {
            content(contents.get(i), "contents[" + i + "]", true);
        }
        if (body.has("systemInstruction")) {
            content(body.get("systemInstruction"), "system_instruction", false);
        }
        JsonNode generation = body.path("generationConfig");
        if (generation.isObject()) {
            known(generation, GENERATION, "generation_config");
            JsonNode thinking = generation.path("thinkingConfig");
            if (thinking.isObject()) {
                known(thinking, THINKING, "generation_config.thinking_config");
                if (thinking.has("thinkingBudget") && thinking.has("thinkingLevel")) {
                    throw new Invalid("You can only set either thinking budget or thinking level, not both.");
                }
            }
            if (generation.has("responseSchema")) {
                schema(generation.get("responseSchema"), "generation_config.response_schema");
            }
        }
        JsonNode tools = body.path("tools");
        for (int t = 0; t < tools.size(); t++) {
            known(tools.get(t), TOOL, "tools[" + t + "]");
            JsonNode declarations = tools.get(t).path("functionDeclarations");
            for (int d = 0; d < declarations.size(); d++) {
                String path = "tools[" + t + "].function_declarations[" + d + "]";
                known(declarations.get(d), DECLARATION, path);
                if (declarations.get(d).has("parameters")) {
                    schema(declarations.get(d).get("parameters"), path + ".parameters");
                }
            }
        }
    }

    private static void content(JsonNode content, String path, boolean needsRole) {
        known(content, CONTENT, path);
        String role = content.path("role").asString("");
        if (needsRole && !role.isEmpty() && !role.equals("user") && !role.equals("model")) {
            throw new Invalid("Please use a valid role: user, model.");
        }
        JsonNode parts = content.path("parts");
        if (!parts.isArray() || parts.isEmpty()) {
            throw new Invalid("* GenerateContentRequest." + path + ".parts: contents.parts must not be empty.\n");
        }
        for (int p = 0; p < parts.size(); p++) {
            JsonNode part = parts.get(p);
            String partPath = path + ".parts[" + p + "]";
            known(part, PART, partPath);
            boolean hasData = false;
            for (String name : part.propertyNames()) {
                hasData |= DATA.contains(name);
                if (PART_FIELDS.containsKey(name)) {
                    known(part.get(name), PART_FIELDS.get(name), partPath + "." + snake(name));
                }
            }
            if (!hasData) {
                throw new Invalid("* GenerateContentRequest." + partPath
                        + ".data: required oneof field 'data' must have one initialized field\n");
            }
        }
    }

    private static void schema(JsonNode schema, String path) {
        known(schema, SCHEMA, path);
        String type = schema.path("type").asString("").toUpperCase(Locale.ROOT);
        if (!type.isEmpty() && !TYPES.contains(type)) {
            throw new Invalid("Invalid value at '" + path + ".type' (type.googleapis.com/google.ai.generativelanguage."
                    + "v1beta.Type), \"" + schema.path("type").asString("") + "\"");
        }
        String format = schema.path("format").asString("");
        if (type.equals("STRING") && !format.isEmpty() && !format.equals("enum") && !format.equals("date-time")) {
            throw new Invalid("* GenerateContentRequest." + path + ".format: only 'enum' and 'date-time' are supported "
                    + "for STRING type\n");
        }
        JsonNode properties = schema.get("properties");
        if (type.equals("OBJECT") && properties != null && properties.isEmpty()) {
            throw new Invalid("* GenerateContentRequest." + path + ".properties: should be non-empty for OBJECT type\n");
        }
        if (properties != null) {
            for (String name : properties.propertyNames()) {
                schema(properties.get(name), path + ".properties[" + name + "].value");
            }
        }
        if (type.equals("ARRAY") && !schema.has("items")) {
            throw new Invalid("* GenerateContentRequest." + path + ".items: missing field.\n");
        }
        if (schema.has("items")) {
            schema(schema.get("items"), path + ".items");
        }
        JsonNode anyOf = schema.path("anyOf");
        for (int i = 0; i < anyOf.size(); i++) {
            schema(anyOf.get(i), path + ".any_of[" + i + "]");
        }
    }

    private static void known(JsonNode object, Set<String> names, String path) {
        if (!object.isObject()) {
            throw new Invalid("Invalid JSON payload received. Expected an object at '" + path + "'.");
        }
        for (String name : object.propertyNames()) {
            if (!names.contains(name)) {
                throw new Invalid("Invalid JSON payload received. Unknown name \"" + name + "\""
                        + (path.isEmpty() ? "" : " at '" + path + "'") + ": Cannot find field.");
            }
        }
    }

    private static String snake(String camel) {
        return camel.replaceAll("([A-Z])", "_$1").toLowerCase(Locale.ROOT);
    }
}
