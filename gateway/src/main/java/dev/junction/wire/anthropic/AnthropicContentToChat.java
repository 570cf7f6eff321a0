package dev.junction.wire.anthropic;

import dev.junction.wire.InvalidRequestException;
import dev.junction.wire.Json;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * Messages API content blocks a user sends as chat content parts — the mirror of the Anthropic provider's
 * {@code OpenAiToAnthropicContent}, so that a request to a Claude endpoint comes back as it was sent: {@code text}
 * → a text part, {@code image} → an {@code image_url} part (base64 as a {@code data:} URL, or the URL), a
 * {@code document} → a {@code file} part (a PDF as a {@code data:} URL or its URL, plain text as a
 * {@code text/plain} data URL; its {@code title} as the file name). {@code cache_control} stays on the part, where
 * OpenRouter's chat dialect has it. A text block's {@code citations} (an earlier answer's, sent back) are left
 * out: no other API takes them. Files by id and documents made of content blocks are refused.
 */
final class AnthropicContentToChat {
    private AnthropicContentToChat() {}

    /** One block of a user turn or a tool result; {@code path} names it, e.g. {@code messages.0.content.2}. */
    static ObjectNode part(JsonNode block, String path) {
        String type = AnthropicFields.type(block, path);
        ObjectNode part = switch (type) {
            case "text" -> text(AnthropicFields.text(block, "text", path));
            case "image" -> image(AnthropicFields.object(block, "source", path), path + ".source");
            case "document" -> document(block, AnthropicFields.object(block, "source", path), path + ".source");
            default -> throw new InvalidRequestException(path + ".type: '" + type + "' is not supported here (expected"
                    + " text, image or document)");
        };
        cacheControl(block, part);
        return part;
    }

    static ObjectNode text(String text) {
        return Json.object().put("type", "text").put("text", text);
    }

    /** A prompt-caching breakpoint, kept where it was set: OpenRouter's chat dialect borrowed Anthropic's shape. */
    static void cacheControl(JsonNode from, ObjectNode to) {
        JsonNode cacheControl = from.get("cache_control");
        if (cacheControl != null && cacheControl.isObject()) {
            to.set("cache_control", cacheControl);
        }
    }

    private static ObjectNode image(JsonNode source, String path) {
        String url = switch (AnthropicFields.text(source, "type", path)) {
            case "base64" -> dataUrl(AnthropicFields.text(source, "media_type", path), AnthropicFields.text(source, "data", path));
            case "url" -> AnthropicFields.text(source, "url", path);
            default -> throw unsupportedSource(source, path, "base64 or url");
        };
        ObjectNode part = Json.object().put("type", "image_url");
        part.putObject("image_url").put("url", url);
        return part;
    }

    private static ObjectNode document(JsonNode block, JsonNode source, String path) {
        String data = switch (AnthropicFields.text(source, "type", path)) {
            case "base64" -> dataUrl(AnthropicFields.text(source, "media_type", path), AnthropicFields.text(source, "data", path));
            case "url" -> AnthropicFields.text(source, "url", path);
            case "text" -> dataUrl("text/plain", Base64.getEncoder().encodeToString(
                    AnthropicFields.text(source, "data", path).getBytes(StandardCharsets.UTF_8)));
            default -> throw unsupportedSource(source, path, "base64, url or text");
        };
        ObjectNode file = Json.object();
        AnthropicFields.present(block, "title").filter(JsonNode::isString).ifPresent(title -> file.set("filename", title));
        file.put("file_data", data);
        ObjectNode part = Json.object().put("type", "file");
        part.set("file", file);
        return part;
    }

    private static String dataUrl(String mediaType, String base64) {
        return "data:" + mediaType + ";base64," + base64;
    }

    private static InvalidRequestException unsupportedSource(JsonNode source, String path, String supported) {
        String type = source.path("type").asString("");
        String why = type.equals("file") ? ": files by id are not supported (Junction keeps no uploaded files); send"
                + " the content as base64 or a URL" : " is not supported";
        return new InvalidRequestException(path + ".type: '" + type + "'" + why + " (expected " + supported + ")");
    }
}
