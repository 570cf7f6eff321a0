package dev.junction.wire;

import tools.jackson.databind.JsonNode;

import java.util.Set;

/**
 * Checks the shape of {@code messages} — enough for a clear 400 at the gateway instead of an opaque
 * upstream error — and measures the prompt on the way (text characters, image parts).
 */
final class MessagesValidator {
    private static final Set<String> ROLES = Set.of("system", "developer", "user", "assistant", "tool");

    private final long[] promptChars;
    private final int[] images;
    private final java.util.Set<String> modalities;

    MessagesValidator(long[] promptChars, int[] images, java.util.Set<String> modalities) {
        this.promptChars = promptChars;
        this.images = images;
        this.modalities = modalities;
    }

    void validate(JsonNode messages) {
        if (messages == null || messages.isNull()) {
            throw new InvalidRequestException("messages: required (a non-empty array of messages)");
        }
        if (!messages.isArray()) {
            throw new InvalidRequestException("messages: expected an array, got " + FieldCheck.describe(messages));
        }
        if (messages.isEmpty()) {
            throw new InvalidRequestException("messages: must contain at least one message");
        }
        for (int i = 0; i < messages.size(); i++) {
            message(messages.get(i), "messages[" + i + "]");
        }
    }

    private void message(JsonNode message, String path) {
        if (!message.isObject()) {
            throw new InvalidRequestException(path + ": expected an object, got " + FieldCheck.describe(message));
        }
        JsonNode role = message.get("role");
        if (role == null || role.isNull()) {
            throw new InvalidRequestException(path + ".role: required");
        }
        if (!role.isString() || !ROLES.contains(role.asString())) {
            throw new InvalidRequestException(path + ".role: expected one of system, developer, user, assistant, tool");
        }
        JsonNode content = message.get("content");
        boolean isAssistant = role.asString().equals("assistant");
        if (content == null || content.isNull()) {
            if (!isAssistant) {
                throw new InvalidRequestException(path + ".content: required for " + role.asString() + " messages");
            }
        } else if (content.isString()) {
            promptChars[0] += content.asString().length();
        } else if (content.isArray()) {
            parts(content, path + ".content");
        } else {
            throw new InvalidRequestException(path + ".content: expected a string or an array of content parts, got "
                    + FieldCheck.describe(content));
        }
        if (role.asString().equals("tool")) {
            JsonNode id = message.get("tool_call_id");
            if (id == null || !id.isString()) {
                throw new InvalidRequestException(path + ".tool_call_id: required (a string) for tool messages");
            }
        }
        JsonNode toolCalls = message.get("tool_calls");
        if (toolCalls != null && !toolCalls.isNull()) {
            if (!toolCalls.isArray()) {
                throw new InvalidRequestException(path + ".tool_calls: expected an array");
            }
            for (JsonNode call : toolCalls) {
                promptChars[0] += call.path("function").path("arguments").asString("").length();
            }
        }
    }

    private void parts(JsonNode parts, String path) {
        for (int i = 0; i < parts.size(); i++) {
            JsonNode part = parts.get(i);
            String partPath = path + "[" + i + "]";
            if (!part.isObject()) {
                throw new InvalidRequestException(partPath + ": expected a content part object, got " + FieldCheck.describe(part));
            }
            JsonNode type = part.get("type");
            if (type == null || !type.isString()) {
                throw new InvalidRequestException(partPath + ".type: required (text, image_url, file, input_audio, …)");
            }
            switch (type.asString()) {
                case "text" -> {
                    JsonNode text = part.get("text");
                    if (text == null || !text.isString()) {
                        throw new InvalidRequestException(partPath + ".text: required (a string) for text parts");
                    }
                    promptChars[0] += text.asString().length();
                }
                case "image_url" -> {
                    if (!part.path("image_url").isObject() && !part.path("image_url").isString()) {
                        throw new InvalidRequestException(partPath + ".image_url: required for image_url parts");
                    }
                    images[0]++;
                    modalities.add("image");
                }
                case "file" -> modalities.add("file");
                case "input_audio" -> modalities.add("audio");
                case "input_video", "video_url" -> modalities.add("video");
                default -> {
                    // future part types go to the upstream as they are
                }
            }
        }
    }
}
