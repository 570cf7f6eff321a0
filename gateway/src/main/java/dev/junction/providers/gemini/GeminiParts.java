package dev.junction.providers.gemini;

import dev.junction.wire.Json;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A message's {@code content} (a string, or OpenAI content parts) as Gemini parts: text, images
 * ({@code image_url}), files such as PDFs ({@code file.file_data}), audio ({@code input_audio}) and video
 * ({@code video_url}, legacy {@code input_video}). {@code cache_control} markers are dropped: Gemini caches
 * implicitly and has no per-part breakpoints.
 */
final class GeminiParts {
    private GeminiParts() {}

    static List<ObjectNode> of(JsonNode content, String path) {
        List<ObjectNode> parts = new ArrayList<>();
        if (content == null || content.isNull()) {
            return parts;
        }
        if (content.isString()) {
            if (!content.asString().isEmpty()) {
                parts.add(text(content.asString()));
            }
            return parts;
        }
        if (!content.isArray()) {
            throw new GeminiRequestException(path + ": expected a string or an array of content parts");
        }
        for (int i = 0; i < content.size(); i++) {
            part(content.get(i), path + "[" + i + "]").ifPresent(parts::add);
        }
        return parts;
    }

    /** Only the text of {@code content}, for places Gemini takes nothing else (system instructions). */
    static String textOf(JsonNode content) {
        if (content == null || content.isNull()) {
            return "";
        }
        if (content.isString()) {
            return content.asString();
        }
        StringBuilder text = new StringBuilder();
        for (JsonNode part : content) {
            if (part.path("text").isString()) {
                if (!text.isEmpty()) {
                    text.append('\n');
                }
                text.append(part.get("text").asString());
            }
        }
        return text.toString();
    }

    static ObjectNode text(String text) {
        ObjectNode part = Json.object();
        part.put("text", text);
        return part;
    }

    private static Optional<ObjectNode> part(JsonNode part, String path) {
        String type = part.path("type").asString("");
        return switch (type) {
            case "text" -> {
                String text = part.path("text").asString("");
                yield text.isEmpty() ? Optional.empty() : Optional.of(text(text));
            }
            case "image_url" -> {
                JsonNode image = part.get("image_url");
                String url = image != null && image.isString() ? image.asString() : image == null ? ""
                        : image.path("url").asString("");
                yield Optional.of(GeminiMedia.part(required(url, path + ".image_url.url"), Optional.empty(),
                        "image/jpeg", path + ".image_url.url"));
            }
            case "file" -> Optional.of(file(part.path("file"), path + ".file"));
            case "input_audio" -> {
                JsonNode audio = part.path("input_audio");
                String data = required(audio.path("data").asString(""), path + ".input_audio.data");
                String format = required(audio.path("format").asString(""), path + ".input_audio.format");
                yield Optional.of(GeminiMedia.inline(GeminiMedia.audioMime(format), data));
            }
            case "video_url", "input_video" -> {
                String url = part.path("video_url").path("url").asString("");
                yield Optional.of(GeminiMedia.part(required(url, path + ".video_url.url"), Optional.empty(),
                        "video/mp4", path + ".video_url.url"));
            }
            default -> throw new GeminiRequestException(path + ".type: content parts of type '" + type
                    + "' have no Gemini equivalent");
        };
    }

    private static ObjectNode file(JsonNode file, String path) {
        Optional<String> filename = Optional.of(file.path("filename").asString("")).filter(s -> !s.isEmpty());
        String data = file.path("file_data").asString("");
        if (data.isEmpty()) {
            throw new GeminiRequestException(path + ".file_data: required; Gemini cannot read files by file_id");
        }
        // OpenRouter's file parts are documents, PDFs above all.
        return GeminiMedia.part(data, filename, "application/pdf", path + ".file_data");
    }

    private static String required(String value, String path) {
        if (value.isEmpty()) {
            throw new GeminiRequestException(path + ": required");
        }
        return value;
    }
}
