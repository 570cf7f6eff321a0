package dev.junction.api;

import dev.junction.generation.ClientError;
import dev.junction.generation.ErrorRenderer;
import dev.junction.generation.OpenRouterErrors;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpConnection;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Map;

/**
 * Writes any failure as an error answer, if the response has not started yet: in the envelope of the route's
 * dialect ({@link ErrorRenderer}), OpenRouter's unless the route says otherwise.
 */
final class ErrorResponder {
    /** How long a refused request's remaining body is read before its connection is closed anyway. */
    private static final long LINGER_MILLIS = 2_000;
    /** How much of a refused request's remaining body is read before its connection is closed anyway. */
    private static final long LINGER_BYTES = 16L * 1024 * 1024;

    private static final Logger LOG = LoggerFactory.getLogger(ErrorResponder.class);
    /** An error body is JSON whatever it quotes back; browsers must not guess otherwise. */
    private static final String NO_SNIFF_HEADER = "X-Content-Type-Options";

    private ErrorResponder() {}

    static void write(HttpServerRequest request, Throwable error, ErrorRenderer errors) {
        HttpServerResponse response = request.response();
        if (response.ended() || response.closed() || error instanceof BodyReader.ConnectionGoneException) {
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
        // A 413 leaves the rest of the body unread, so the connection cannot carry another request.
        send(request, api, api.status() == 413 || bodyUnread(request), errors);
    }

    /**
     * The request has a body its handler never read: refused before reading (a wrong key is checked first). The
     * handler paused the request to wait for that check, so nothing drains the body, and once it is more than
     * the connection buffers the next request behind it is never read — the client waits for the body-read
     * timeout. Such a connection is closed after the answer, as after a 413.
     */
    private static boolean bodyUnread(HttpServerRequest request) {
        if (request.isEnded()) {
            return false;
        }
        String length = request.getHeader(HttpHeaders.CONTENT_LENGTH);
        return request.getHeader(HttpHeaders.TRANSFER_ENCODING) != null || length != null && !length.trim().equals("0");
    }

    /**
     * Sends the envelope with {@code Connection: close}, then closes the connection: for a request whose
     * remaining bytes will never be read, or could not be trusted.
     */
    static void sendAndClose(HttpServerRequest request, ApiException api) {
        sendAndClose(request, api, OpenRouterErrors.INSTANCE);
    }

    /** The same, in the envelope of the route the request was for. */
    static void sendAndClose(HttpServerRequest request, ApiException api, ErrorRenderer errors) {
        send(request, api, true, errors);
    }

    private static void send(HttpServerRequest request, ApiException api, boolean close, ErrorRenderer errors) {
        HttpServerResponse response = request.response();
        ClientError error = new ClientError(api.status(), api.getMessage(), api.metadata(), api.headers());
        response.setStatusCode(errors.status(error));
        response.putHeader(HttpHeaders.CONTENT_TYPE, "application/json");
        response.putHeader(NO_SNIFF_HEADER, "nosniff");
        for (Map.Entry<String, String> header : api.headers().entrySet()) {
            response.putHeader(header.getKey(), header.getValue());
        }
        if (close) {
            response.putHeader(HttpHeaders.CONNECTION, "close");
        }
        response.end(errors.error(error)).onComplete(v -> {
            if (close) {
                closeAfterDraining(request);
            }
        });
    }

    /**
     * Closes the connection once the client has finished sending what it was sending. Closing a socket whose
     * unread request body is still arriving makes the kernel answer with a reset, and a client that is still
     * writing loses the answer it was sent (it sees the connection die, not the 413). So, as web servers do
     * ("lingering close"), the rest of the body is read and thrown away — for at most {@link #LINGER_MILLIS}
     * and {@link #LINGER_BYTES} — and only then is the connection closed.
     */
    private static void closeAfterDraining(HttpServerRequest request) {
        HttpConnection connection = request.connection();
        if (request.isEnded() || Vertx.currentContext() == null) {
            connection.close();
            return;
        }
        Vertx vertx = Vertx.currentContext().owner();
        long[] drained = {0};
        long timer = vertx.setTimer(LINGER_MILLIS, id -> connection.close());
        Runnable close = () -> {
            vertx.cancelTimer(timer);
            connection.close();
        };
        request.handler(chunk -> {
            drained[0] += chunk.length();
            if (drained[0] > LINGER_BYTES) {
                close.run();
            }
        });
        request.exceptionHandler(t -> close.run());
        request.endHandler(v -> close.run());
        request.resume();
    }
}
