package dev.junction.api;

import io.netty.handler.codec.DecoderException;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerRequest;

/**
 * Reads a request body up to a limit. A declared {@code Content-Length} over the limit is refused
 * before a byte is read; a chunked body is refused as soon as it crosses the limit, so an oversized
 * upload never occupies more memory than the limit. A caller that does asynchronous work (key lookup)
 * before reading must {@link HttpServerRequest#pause()} the request first, or body data would be lost;
 * reading resumes it. How long a body may take to arrive is {@link ConnectionDeadlines}' business.
 */
final class BodyReader {
    private BodyReader() {}

    static Future<Buffer> read(HttpServerRequest request, long maxBytes) {
        if (request.response().closed()) {
            // The connection went (a body-read timeout, a hang-up) while the caller was busy: its close
            // was reported before these handlers existed, so waiting for the body would wait forever.
            return Future.failedFuture(new ConnectionGoneException());
        }
        String declared = request.getHeader(HttpHeaders.CONTENT_LENGTH);
        long length = parse(declared);
        if (length > maxBytes) {
            return Future.failedFuture(tooLarge(maxBytes));
        }
        Promise<Buffer> promise = Promise.promise();
        Buffer body = Buffer.buffer(length > 0 ? (int) length : 1024);
        request.handler(chunk -> {
            if (body.length() + chunk.length() > maxBytes) {
                request.pause();
                promise.tryFail(tooLarge(maxBytes));
            } else {
                body.appendBuffer(chunk);
            }
        });
        request.exceptionHandler(error -> promise.tryFail(bodyFailure(error)));
        request.endHandler(v -> promise.tryComplete(body));
        request.resume();
        return promise.future();
    }

    private static long parse(String header) {
        if (header == null) {
            return -1;
        }
        try {
            return Long.parseLong(header.trim());
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    /**
     * Why a body could not be read. The request decoder rejects a malformed body (a bad chunk size, say)
     * by failing the request, and Vert.x closes the connection straight after, before any answer can
     * leave; anything else is the connection going away (a reset, a close). Neither is the gateway's
     * fault, so neither may be logged as an unexpected failure: clients could flood the log with them.
     */
    private static RuntimeException bodyFailure(Throwable error) {
        if (error instanceof IllegalArgumentException || error instanceof DecoderException) {
            return ApiException.badRequest("Malformed request body: " + error.getMessage());
        }
        return new ConnectionGoneException(error.toString());
    }

    /** The client's connection went before its body was read; there is nobody left to answer. */
    static final class ConnectionGoneException extends RuntimeException {
        ConnectionGoneException() {
            this("the connection closed before the request body was read");
        }

        ConnectionGoneException(String message) {
            super(message, null, false, false);
        }
    }

    private static ApiException tooLarge(long maxBytes) {
        return new ApiException(413, "Request body is larger than the limit of " + maxBytes + " bytes");
    }
}
