package dev.junction.providers.gemini;

import dev.junction.wire.Json;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Thought signatures across turns. Gemini attaches an opaque {@code thoughtSignature} to some parts of its
 * answer and wants each one back, on the same part, when the conversation continues (Gemini 3 rejects a
 * function call of the current turn without its signature). They travel through the client in
 * {@code reasoning_details}, in OpenRouter's {@code google-gemini-v1} format:
 * <ul>
 *   <li>thought text: {@code {"type":"reasoning.text","text",…}}, with {@code signature} when the thought part
 *       carried one;</li>
 *   <li>the signature of a {@code functionCall} part: {@code {"type":"reasoning.encrypted","data":<signature>,
 *       "id":<tool call id>}};</li>
 *   <li>the signature of a text part (Gemini signs the last part of an answer without calls):
 *       {@code {"type":"reasoning.encrypted","data":<signature>}} without an id.</li>
 * </ul>
 * On the way back, a signed thought becomes a {@code thought} part again (unsigned thought text is not
 * needed and is dropped), a signature with an id goes on that call's part, and one without an id (or whose
 * call is gone) on the first unsigned call, else on the last text part, else on an empty text part — which is
 * how Gemini itself streams a trailing signature. Details in other formats (another provider's reasoning)
 * are ignored: their signatures mean nothing to Gemini.
 */
final class GeminiSignatures {
    static final String FORMAT = "google-gemini-v1";

    private GeminiSignatures() {}

    /** The parts of a model turn: signed thoughts, then text, then function calls, with signatures restored. */
    static List<ObjectNode> restore(JsonNode details, List<ObjectNode> text, List<ObjectNode> calls,
                                    List<String> callIds) {
        List<ObjectNode> thoughts = new ArrayList<>();
        List<String> loose = new ArrayList<>();
        if (details != null && details.isArray()) {
            for (JsonNode detail : details) {
                if (!isGemini(detail)) {
                    continue;
                }
                switch (detail.path("type").asString("")) {
                    case "reasoning.text" -> {
                        String signature = detail.path("signature").asString("");
                        if (!signature.isEmpty()) {
                            ObjectNode thought = GeminiParts.text(detail.path("text").asString(""));
                            thought.put("thought", true);
                            thought.put("thoughtSignature", signature);
                            thoughts.add(thought);
                        }
                    }
                    case "reasoning.encrypted" -> {
                        String data = detail.path("data").asString("");
                        int call = callIds.indexOf(detail.path("id").asString(""));
                        if (data.isEmpty()) {
                            continue;
                        }
                        if (call >= 0 && !calls.get(call).has("thoughtSignature")) {
                            calls.get(call).put("thoughtSignature", data);
                        } else {
                            loose.add(data);
                        }
                    }
                    default -> { } // summaries carry nothing Gemini can take back
                }
            }
        }
        List<ObjectNode> parts = new ArrayList<>(thoughts.size() + text.size() + calls.size() + 1);
        parts.addAll(thoughts);
        parts.addAll(text);
        parts.addAll(calls);
        for (String signature : loose) {
            placeLoose(signature, text, calls, parts);
        }
        return parts;
    }

    private static void placeLoose(String signature, List<ObjectNode> text, List<ObjectNode> calls,
                                   List<ObjectNode> parts) {
        for (ObjectNode call : calls) {
            if (!call.has("thoughtSignature")) {
                call.put("thoughtSignature", signature);
                return;
            }
        }
        if (!text.isEmpty() && !text.getLast().has("thoughtSignature")) {
            text.getLast().put("thoughtSignature", signature);
            return;
        }
        ObjectNode empty = GeminiParts.text("");
        empty.put("thoughtSignature", signature);
        parts.add(empty);
    }

    private static boolean isGemini(JsonNode detail) {
        JsonNode format = detail.get("format");
        return format == null || format.isNull() || FORMAT.equals(format.asString(""));
    }

    /** A {@code reasoning.text} detail of thought text, signed when the thought part was. */
    static ObjectNode thought(String text, Optional<String> signature, int index) {
        ObjectNode detail = Json.object();
        detail.put("type", "reasoning.text");
        detail.put("text", text);
        signature.ifPresent(s -> detail.put("signature", s));
        detail.put("format", FORMAT);
        detail.put("index", index);
        return detail;
    }

    /** A {@code reasoning.encrypted} detail holding a signature, with the id of the tool call it signs. */
    static ObjectNode signature(String signature, Optional<String> toolCallId, int index) {
        ObjectNode detail = Json.object();
        detail.put("type", "reasoning.encrypted");
        detail.put("data", signature);
        toolCallId.ifPresent(id -> detail.put("id", id));
        detail.put("format", FORMAT);
        detail.put("index", index);
        return detail;
    }
}
