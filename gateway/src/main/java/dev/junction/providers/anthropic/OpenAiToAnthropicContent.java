package dev.junction.providers.anthropic;

import dev.junction.wire.Json;
import dev.junction.wire.PercentDecoding;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * OpenAI content parts as Anthropic content blocks: {@code text} (keeping {@code cache_control}), {@code image_url}
 * as an {@code image} block (a base64 data URL or a plain URL), and {@code file} as a {@code document} block (PDF
 * as base64 or URL, plain text decoded into a text source). Empty text parts are dropped: the Messages API rejects
 * empty text blocks.
 */
final class OpenAiToAnthropicContent {
    private OpenAiToAnthropicContent() {}

    /** The blocks of a message's {@code content}: a string, an array of parts, or absent/null (no blocks). */
    static List<ObjectNode> blocks(JsonNode content, String path) {
        List<ObjectNode> blocks = new ArrayList<>();
        if (content == null || content.isNull()) {
            return blocks;
        }
        if (content.isString()) {
            if (!content.asString().isEmpty()) {
                blocks.add(text(content.asString()));
            }
            return blocks;
        }
        for (int i = 0; i < content.size(); i++) {
            part(content.get(i), path + "[" + i + "]").ifPresent(blocks::add);
        }
        return blocks;
    }

    static ObjectNode text(String text) {
        ObjectNode block = Json.object();
        block.put("type", "text");
        block.put("text", text);
        return block;
    }

    private static Optional<ObjectNode> part(JsonNode part, String path) {
        String type = part.path("type").asString("");
        ObjectNode block = switch (type) {
            case "text" -> part.path("text").asString("").isEmpty() ? null : text(part.path("text").asString());
            case "image_url" -> image(part.get("image_url"), path);
            case "file" -> document(part.path("file"), path);
            default -> throw new UnsupportedInputException(path + ": content parts of type '" + type
                    + "' cannot be sent to Anthropic (text, image_url and file are supported)");
        };
        if (block == null) {
            return Optional.empty();
        }
        copyCacheControl(part, block);
        return Optional.of(block);
    }

    /** Prompt-caching breakpoints pass through unchanged: the OpenRouter dialect borrowed Anthropic's shape. */
    static void copyCacheControl(JsonNode from, ObjectNode to) {
        JsonNode cacheControl = from.get("cache_control");
        if (cacheControl != null && cacheControl.isObject()) {
            to.set("cache_control", cacheControl.deepCopy());
        }
    }

    private static ObjectNode image(JsonNode imageUrl, String path) {
        String url = imageUrl.isString() ? imageUrl.asString() : imageUrl.path("url").asString("");
        ObjectNode block = Json.object();
        block.put("type", "image");
        ObjectNode source = block.putObject("source");
        Optional<DataUrl> data = DataUrl.parse(url);
        if (data.isPresent()) {
            source.put("type", "base64");
            source.put("media_type", imageMediaType(data.get().mediaType()));
            source.put("data", data.get().base64(path));
        } else if (url.startsWith("https://") || url.startsWith("http://")) {
            source.put("type", "url");
            source.put("url", url);
        } else {
            throw new UnsupportedInputException(path + ".image_url.url: expected a data: URL or an http(s) URL");
        }
        return block;
    }

    /** Browsers and SDKs write {@code image/jpg}; Anthropic only knows {@code image/jpeg}. */
    private static String imageMediaType(String mediaType) {
        String lower = mediaType.toLowerCase(Locale.ROOT);
        return lower.equals("image/jpg") ? "image/jpeg" : lower;
    }

    private static ObjectNode document(JsonNode file, String path) {
        if (file.hasNonNull("file_id") && !file.hasNonNull("file_data")) {
            throw new UnsupportedInputException(path + ".file.file_id: uploaded file ids cannot be sent to "
                    + "Anthropic; send the file's content as file_data");
        }
        String fileData = file.path("file_data").asString("");
        ObjectNode block = Json.object();
        block.put("type", "document");
        ObjectNode source = block.putObject("source");
        Optional<DataUrl> data = DataUrl.parse(fileData);
        if (data.isPresent()) {
            String mediaType = data.get().mediaType().toLowerCase(Locale.ROOT);
            if (mediaType.equals("application/pdf")) {
                source.put("type", "base64");
                source.put("media_type", mediaType);
                source.put("data", data.get().base64(path));
            } else if (mediaType.equals("text/plain")) {
                source.put("type", "text");
                source.put("media_type", mediaType);
                source.put("data", data.get().text(path + ".file.file_data"));
            } else {
                throw new UnsupportedInputException(path + ".file: files of type " + mediaType
                        + " cannot be sent to Anthropic (application/pdf and text/plain are supported)");
            }
        } else if (fileData.startsWith("https://") || fileData.startsWith("http://")) {
            source.put("type", "url");
            source.put("url", fileData);
        } else {
            throw new UnsupportedInputException(path + ".file.file_data: expected a data: URL or an http(s) URL");
        }
        JsonNode filename = file.get("filename");
        if (filename != null && filename.isString() && !filename.asString().isBlank()) {
            block.put("title", filename.asString());
        }
        return block;
    }

    /** A {@code data:<media type>[;base64],<payload>} URL. */
    record DataUrl(String mediaType, boolean isBase64, String payload) {

        static Optional<DataUrl> parse(String url) {
            if (!url.startsWith("data:")) {
                return Optional.empty();
            }
            int comma = url.indexOf(',');
            if (comma < 0) {
                return Optional.empty();
            }
            String meta = url.substring(5, comma);
            boolean base64 = meta.endsWith(";base64");
            String mediaType = base64 ? meta.substring(0, meta.length() - 7) : meta;
            int parameters = mediaType.indexOf(';');
            if (parameters >= 0) {
                mediaType = mediaType.substring(0, parameters);
            }
            return Optional.of(new DataUrl(mediaType, base64, url.substring(comma + 1)));
        }

        String base64(String path) {
            if (!isBase64) {
                throw new UnsupportedInputException(path + ": only base64 data: URLs can be sent to Anthropic");
            }
            return payload;
        }

        String text(String path) {
            if (!isBase64) {
                // Percent-encoding as in RFC 2397; a '+' in a data: URL is a plus, not a space.
                try {
                    return PercentDecoding.text(payload);
                } catch (PercentDecoding.MalformedEscapeException e) {
                    throw new UnsupportedInputException(path + ": the data: URL has a " + e.getMessage());
                }
            }
            try {
                return new String(Base64.getDecoder().decode(payload), StandardCharsets.UTF_8);
            } catch (IllegalArgumentException e) {
                throw new UnsupportedInputException(path + ": the data: URL is not valid base64");
            }
        }
    }
}
