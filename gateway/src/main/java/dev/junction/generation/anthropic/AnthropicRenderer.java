package dev.junction.generation.anthropic;

import dev.junction.generation.Answer;
import dev.junction.generation.ClientError;
import dev.junction.generation.Renderer;
import dev.junction.generation.StreamRenderer;
import dev.junction.wire.FinishReason;
import dev.junction.wire.Json;
import dev.junction.wire.UrlCitations;
import dev.junction.wire.ResponseIdentity;
import io.vertx.core.buffer.Buffer;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

import java.util.Optional;

/**
 * Anthropic's Messages API answers: a whole answer as a {@code message} — {@code content} blocks (thinking first,
 * then the text, then a {@code tool_use} per tool call), {@code stop_reason} and {@code usage} — a stream as
 * Anthropic's events ({@link AnthropicStream}), a {@code ping} event while a stream waits, errors in Anthropic's
 * envelope ({@link AnthropicErrorRenderer}). The message's {@code id} is the generation's, so {@code /generation}
 * finds it, and its {@code model} the Junction model that answered.
 */
public final class AnthropicRenderer implements Renderer {
    public static final AnthropicRenderer INSTANCE = new AnthropicRenderer();

    private AnthropicRenderer() {}

    /**
     * A {@code url_citation} annotation as a Messages text block's citation: a {@code web_search_result_location}
     * (its {@code encrypted_index} empty: the source is not Anthropic's to decode).
     */
    static Optional<ObjectNode> citation(JsonNode annotation) {
        if (!UrlCitations.isUrlCitation(annotation)) {
            return Optional.empty();
        }
        JsonNode c = annotation.get("url_citation");
        return Optional.of(Json.object().put("type", "web_search_result_location")
                .put("cited_text", c.path("content").asString("")).put("url", c.path("url").asString())
                .put("title", c.path("title").asString("")).put("encrypted_index", ""));
    }

    @Override
    public Buffer answer(Answer answer) {
        JsonNode choice = answer.body().path("choices").path(0);
        JsonNode message = choice.path("message");
        ObjectNode out = start(answer.identity());
        ArrayNode content = out.putArray("content");
        ThinkingBlocks.of(message).forEach(content::add);
        String text = text(message.get("content")) + message.path("refusal").asString("");
        if (!text.isEmpty()) {
            ObjectNode block = content.addObject().put("type", "text").put("text", text);
            ArrayNode citations = Json.NODES.arrayNode();
            message.path("annotations").forEach(a -> citation(a).ifPresent(citations::add));
            if (!citations.isEmpty()) {
                block.set("citations", citations);
            }
        }
        for (JsonNode call : message.path("tool_calls")) {
            ObjectNode use = content.addObject().put("type", "tool_use").put("id", call.path("id").asString(""))
                    .put("name", call.path("function").path("name").asString(""));
            use.set("input", input(call.path("function").path("arguments").asString("")));
        }
        Optional<FinishReason> finish = FinishReason.of(answer.body());
        out.put("stop_reason", StopReasons.of(finish.map(FinishReason::normalised), finish.flatMap(FinishReason::nativeReason)));
        out.putNull("stop_sequence");
        out.set("usage", AnthropicUsageJson.of(answer.settlement().usage()));
        return Buffer.buffer(Json.bytes(out));
    }

    /** What a stream sends while it waits for its first token: Anthropic's {@code ping}, which its SDKs skip. */
    @Override
    public Buffer keepAlive() {
        return AnthropicEvents.write(Buffer.buffer(32), Json.object().put("type", "ping"));
    }

    @Override
    public StreamRenderer stream(ResponseIdentity identity) {
        return new AnthropicStream(identity);
    }

    @Override
    public Buffer error(ClientError error) {
        return AnthropicErrorRenderer.INSTANCE.error(error);
    }

    @Override
    public int status(ClientError error) {
        return AnthropicErrorRenderer.INSTANCE.status(error);
    }

    /** The message's leading fields, as a whole answer and {@code message_start} both have them. */
    static ObjectNode start(ResponseIdentity identity) {
        return Json.object().put("id", identity.id()).put("type", "message").put("role", "assistant")
                .put("model", identity.model());
    }

    /** A chat message's content: a string, or text parts. */
    private static String text(JsonNode content) {
        if (content == null || !content.isArray()) {
            return content == null ? "" : content.asString("");
        }
        StringBuilder text = new StringBuilder();
        content.forEach(part -> text.append(part.path("text").asString("")));
        return text.toString();
    }

    /**
     * A tool call's arguments as the object Anthropic's {@code input} is. Arguments that are not a JSON object (a
     * call cut off by {@code max_tokens}) become {@code {}}: a client could not parse them either.
     */
    private static JsonNode input(String arguments) {
        if (arguments.isBlank()) {
            return Json.object();
        }
        try {
            JsonNode parsed = Json.parse(arguments);
            return parsed.isObject() ? parsed : Json.object();
        } catch (JacksonException e) {
            return Json.object();
        }
    }
}
