package dev.junction.wire.responses;

import dev.junction.wire.InvalidRequestException;
import dev.junction.wire.Json;
import dev.junction.wire.JsonShapes;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * One content part of a Responses input message as a chat content part: {@code input_text} → {@code text},
 * {@code input_image} → {@code image_url}, {@code input_file} → {@code file}, {@code input_audio} as it is.
 * A part that names an uploaded file ({@code file_id}) is refused: Junction keeps no files.
 */
final class ResponsesParts {
    private ResponsesParts() {}

    static ObjectNode part(JsonNode part, String path) {
        if (!part.isObject()) {
            throw new InvalidRequestException(path + ": expected a content part object, got " + JsonShapes.describe(part));
        }
        String type = ResponsesInput.text(part, "type", path);
        return switch (type) {
            case "input_text", "output_text" -> Json.object().put("type", "text")
                    .put("text", ResponsesInput.text(part, "text", path));
            case "input_image" -> image(part, path);
            case "input_file" -> file(part, path);
            case "input_audio" -> Json.object().put("type", "input_audio").set("input_audio", required(part, "input_audio", path));
            default -> throw new InvalidRequestException(path + ".type: '" + type
                    + "' is not supported (expected input_text, input_image, input_file or input_audio)");
        };
    }

    private static ObjectNode image(JsonNode part, String path) {
        refuseFileId(part, path);
        ObjectNode url = Json.object().put("url", ResponsesInput.text(part, "image_url", path));
        if (part.path("detail").isString()) {
            url.put("detail", part.get("detail").asString());
        }
        ObjectNode out = Json.object().put("type", "image_url");
        out.set("image_url", url);
        return out;
    }

    private static ObjectNode file(JsonNode part, String path) {
        refuseFileId(part, path);
        ObjectNode file = Json.object();
        if (part.path("filename").isString()) {
            file.put("filename", part.get("filename").asString());
        }
        if (part.path("file_data").isString()) {
            file.put("file_data", part.get("file_data").asString());
        } else if (part.path("file_url").isString()) {
            file.put("file_data", part.get("file_url").asString()); // OpenRouter's file parts take a URL there too
        } else {
            throw new InvalidRequestException(path + ".file_data: required (a data: URL), or file_url");
        }
        ObjectNode out = Json.object().put("type", "file");
        out.set("file", file);
        return out;
    }

    private static void refuseFileId(JsonNode part, String path) {
        if (part.hasNonNull("file_id")) {
            throw new InvalidRequestException(path + ".file_id: files by id are not supported (Junction keeps no"
                    + " uploaded files); send the content as a data: URL or a URL");
        }
    }

    private static JsonNode required(JsonNode part, String field, String path) {
        JsonNode value = part.get(field);
        if (value == null || value.isNull()) {
            throw new InvalidRequestException(path + "." + field + ": required");
        }
        return value;
    }
}
