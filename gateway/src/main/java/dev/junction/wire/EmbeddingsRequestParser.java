package dev.junction.wire;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Parses and validates a {@code POST /embeddings} body: {@code input} as a string, an array of strings, an array of
 * token ids, an array of token-id arrays, or an array of multimodal inputs ({@code {"content":[parts]}} with
 * {@code text} and {@code image_url} parts) — at most {@value #MAX_INPUTS} inputs, none empty, one shape throughout;
 * {@code encoding_format} ({@code float}, {@code base64}), {@code dimensions}, {@code input_type}, {@code user},
 * {@code provider}, {@code models}. Anything else is passed on untouched.
 */
public final class EmbeddingsRequestParser {
    /** OpenAI's limit on the inputs of one request, which clients already respect. */
    public static final int MAX_INPUTS = 2048;
    /** Larger than any embedding model's vector. */
    public static final int MAX_DIMENSIONS = 65_536;

    public ClientRequest parse(byte[] bytes, int offset, int length) {
        return parse(RequestParser.object(bytes, offset, length));
    }

    public ClientRequest parse(ObjectNode body) {
        Size size = new Size();
        input(body.get("input"), size);
        JsonNode format = body.get("encoding_format");
        if (format != null && !format.isNull() && !(format.isString()
                && (format.asString().equals("float") || format.asString().equals("base64")))) {
            throw new InvalidRequestException("encoding_format: expected \"float\" or \"base64\", got " + FieldCheck.describe(format));
        }
        JsonNode dimensions = body.get("dimensions");
        if (dimensions != null && !dimensions.isNull()) {
            ClientNumbers.wholeNumber(dimensions, "dimensions", 1, MAX_DIMENSIONS);
        }
        JsonNode inputType = body.get("input_type");
        if (inputType != null && !inputType.isNull() && !inputType.isString()) {
            throw new InvalidRequestException("input_type: expected a string, got " + FieldCheck.describe(inputType));
        }
        return RetrievalRequest.of(ApiKind.EMBEDDINGS, body, size.chars, size.images, "embeddings");
    }

    /** The input's size so far: characters (a token id counts as one) and images. */
    private static final class Size {
        long chars;
        int images;
    }

    private static void input(JsonNode input, Size size) {
        if (input == null || input.isNull()) {
            throw new InvalidRequestException("input: required (a string, an array of strings, or token ids)");
        }
        if (input.isString()) {
            text(input, "input", size);
            return;
        }
        if (!input.isArray()) {
            throw new InvalidRequestException("input: expected a string or an array, got " + FieldCheck.describe(input));
        }
        if (input.isEmpty()) {
            throw new InvalidRequestException("input: must not be empty");
        }
        JsonNode first = input.get(0);
        if (first.isNumber()) {
            tokens(input, "input", size);
            return;
        }
        if (input.size() > MAX_INPUTS) {
            throw new InvalidRequestException("input: at most " + MAX_INPUTS + " inputs in one request, got " + input.size());
        }
        for (int i = 0; i < input.size(); i++) {
            JsonNode item = input.get(i);
            String field = "input[" + i + "]";
            if (item.getNodeType() != first.getNodeType()) {
                throw new InvalidRequestException(field + ": every input must have the same shape as input[0] ("
                        + FieldCheck.describe(first) + "), got " + FieldCheck.describe(item));
            }
            switch (item.getNodeType()) {
                case STRING -> text(item, field, size);
                case ARRAY -> tokens(item, field, size);
                case OBJECT -> multimodal(item, field, size);
                default -> throw new InvalidRequestException(field + ": expected a string, token ids or "
                        + "{\"content\": [...]}, got " + FieldCheck.describe(item));
            }
        }
    }

    private static void text(JsonNode text, String field, Size size) {
        if (text.asString().isEmpty()) {
            throw new InvalidRequestException(field + ": must not be empty");
        }
        size.chars += text.asString().length();
    }

    private static void tokens(JsonNode tokens, String field, Size size) {
        if (tokens.isEmpty()) {
            throw new InvalidRequestException(field + ": must not be empty");
        }
        for (int i = 0; i < tokens.size(); i++) {
            ClientNumbers.wholeNumber(tokens.get(i), field + "[" + i + "]", 0, Integer.MAX_VALUE);
        }
        size.chars += tokens.size();
    }

    private static void multimodal(JsonNode item, String field, Size size) {
        JsonNode content = item.get("content");
        if (content == null || !content.isArray() || content.isEmpty()) {
            throw new InvalidRequestException(field + ".content: expected a non-empty array of parts");
        }
        for (int i = 0; i < content.size(); i++) {
            JsonNode part = content.get(i);
            String partField = field + ".content[" + i + "]";
            String type = part.path("type").asString("");
            switch (type) {
                case "text" -> {
                    if (!part.path("text").isString()) {
                        throw new InvalidRequestException(partField + ".text: expected a string");
                    }
                    size.chars += part.path("text").asString().length();
                }
                case "image_url" -> {
                    JsonNode url = part.path("image_url").isString() ? part.path("image_url") : part.path("image_url").path("url");
                    if (!url.isString() || url.asString().isEmpty()) {
                        throw new InvalidRequestException(partField + ".image_url.url: expected a URL or data: URL");
                    }
                    size.images++;
                }
                default -> throw new InvalidRequestException(partField + ".type: expected \"text\" or \"image_url\", got "
                        + FieldCheck.describe(part.path("type")));
            }
        }
    }
}
