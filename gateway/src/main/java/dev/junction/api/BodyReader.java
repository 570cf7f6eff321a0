package dev.junction.api;

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
 * reading resumes it.
 */
final class BodyReader {
    private BodyReader() {}

    static Future<Buffer> read(HttpServerRequest request, long maxBytes) {
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
        request.exceptionHandler(promise::tryFail);
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

    private static ApiException tooLarge(long maxBytes) {
        return new ApiException(413, "Request body is larger than the limit of " + maxBytes + " bytes");
    }
}
