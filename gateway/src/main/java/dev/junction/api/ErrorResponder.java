package dev.junction.api;

import dev.junction.wire.ErrorBody;
import dev.junction.wire.Json;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Map;

/** Writes any failure as the OpenRouter error envelope, if the response has not started yet. */
final class ErrorResponder {
    private static final Logger LOG = LoggerFactory.getLogger(ErrorResponder.class);

    private ErrorResponder() {}

    static void write(HttpServerRequest request, Throwable error) {
        HttpServerResponse response = request.response();
        if (response.ended() || response.closed()) {
            // The client went away (or the answer is already out): there is nobody to tell.
            LOG.debug("{} {} ended before its error could be sent: {}", request.method(), request.path(), error.toString());
            return;
        }
        ApiException api = ErrorMapping.map(error).orElseGet(() -> {
            LOG.error("unexpected failure on {} {}", request.method(), request.path(), error);
            return new ApiException(500, "Internal server error");
        });
        if (response.headWritten()) {
            // A streaming response already committed to 200: the relay reports errors in-stream.
            response.end();
            return;
        }
        send(request, api);
    }

    static void send(HttpServerRequest request, ApiException api) {
        HttpServerResponse response = request.response();
        response.setStatusCode(api.status());
        response.putHeader(HttpHeaders.CONTENT_TYPE, "application/json");
        for (Map.Entry<String, String> header : api.headers().entrySet()) {
            response.putHeader(header.getKey(), header.getValue());
        }
        boolean unreadBody = api.status() == 413;
        if (unreadBody) {
            response.putHeader(HttpHeaders.CONNECTION, "close");
        }
        response.end(Buffer.buffer(Json.bytes(ErrorBody.envelope(api.status(), api.getMessage(), api.metadata())))).onComplete(v -> {
            if (unreadBody) {
                request.connection().close();
            }
        });
    }
}
