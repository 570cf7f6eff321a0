package dev.junction.generation;

import dev.junction.wire.ErrorBody;
import dev.junction.wire.Json;
import io.vertx.core.buffer.Buffer;

/** OpenRouter's error envelope, {@code {"error":{"code":<status>,"message":"…","metadata":{…}}}}: every route's but Anthropic's. */
public final class OpenRouterErrors implements ErrorRenderer {
    public static final OpenRouterErrors INSTANCE = new OpenRouterErrors();

    private OpenRouterErrors() {}

    @Override
    public Buffer error(ClientError error) {
        return Buffer.buffer(Json.bytes(ErrorBody.envelope(error.status(), error.message(), error.metadata())));
    }
}
