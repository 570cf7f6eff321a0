package dev.junction.wire;

import tools.jackson.databind.JsonNode;

/** The text of a request's prompt — message contents, text parts, tool arguments, or the legacy prompt — for counting tokens. */
public final class PromptText {
    private PromptText() {}

    public static String of(ClientRequest request) {
        StringBuilder text = new StringBuilder((int) Math.min(request.promptChars() + 64, Integer.MAX_VALUE - 8));
        JsonNode messages = request.body().get("messages");
        if (messages != null && messages.isArray()) {
            for (JsonNode message : messages) {
                JsonNode content = message.get("content");
                if (content != null && content.isString()) {
                    text.append(content.asString()).append('\n');
                } else if (content != null && content.isArray()) {
                    for (JsonNode part : content) {
                        text.append(part.path("text").asString("")).append('\n');
                    }
                }
                for (JsonNode call : message.path("tool_calls")) {
                    text.append(call.path("function").path("arguments").asString("")).append('\n');
                }
            }
        }
        JsonNode prompt = request.body().get("prompt");
        if (prompt != null && prompt.isString()) {
            text.append(prompt.asString());
        } else if (prompt != null && prompt.isArray()) {
            for (JsonNode p : prompt) {
                text.append(p.isString() ? p.asString() : "");
            }
        }
        return text.toString();
    }
}
