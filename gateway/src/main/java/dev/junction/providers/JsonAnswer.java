package dev.junction.providers;

import dev.junction.wire.Json;
import dev.junction.wire.JsonBuffers;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

import java.util.Optional;

/** A whole upstream answer that must be a JSON object: anything else is a protocol failure of the provider. */
public final class JsonAnswer {
    private JsonAnswer() {}

    /**
     * The answer as an object; a body that is not JSON, or not an object, fails as {@code PROTOCOL}, and an
     * {@code error} object sent with a 2xx status (as some compatible servers do) as an upstream error (502).
     */
    public static Future<ObjectNode> object(Buffer buffer, String providerName) {
        JsonNode node;
        try {
            node = JsonBuffers.parse(buffer);
        } catch (JacksonException e) {
            return protocolError(providerName, "answered with a body that is not JSON: " + e.getOriginalMessage());
        }
        if (!(node instanceof ObjectNode body)) {
            return protocolError(providerName, "answered with JSON that is not an object");
        }
        if (body.hasNonNull("error")) {
            String text = Json.text(body);
            return Future.failedFuture(new UpstreamFailure(UpstreamFailure.Kind.HTTP_STATUS, providerName, 502,
                    UpstreamHttp.errorMessage(text).orElse(providerName + " reported an error"),
                    Optional.of(text), Optional.empty()).asException());
        }
        return Future.succeededFuture(body);
    }

    /** A failed future: the provider answered outside its protocol, as {@code what} says. */
    public static <T> Future<T> protocolError(String providerName, String what) {
        return Future.failedFuture(UpstreamFailure.of(UpstreamFailure.Kind.PROTOCOL, providerName,
                providerName + " " + what).asException());
    }
}
