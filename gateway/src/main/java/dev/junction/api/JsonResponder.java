package dev.junction.api;

import dev.junction.generation.Generation;
import dev.junction.generation.Renderer;
import io.vertx.core.Future;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerRequest;

/**
 * Answers a non-streaming request: the generation's answer, rendered in the client's dialect. A client that
 * goes away cancels the generation. Socket work only: the generation settles and records.
 */
final class JsonResponder {
    private final HttpServerRequest request;
    private final Generation generation;
    private final Renderer renderer;

    JsonResponder(HttpServerRequest request, Generation generation, Renderer renderer) {
        this.request = request;
        this.generation = generation;
        this.renderer = renderer;
    }

    Future<Void> run() {
        request.response().closeHandler(v -> generation.cancel());
        return generation.complete().compose(answer -> {
            generation.middleOut().ifPresent(note -> request.response().putHeader(CompletionHandler.MIDDLE_OUT_HEADER, note));
            return request.response()
                    .putHeader(HttpHeaders.CONTENT_TYPE, "application/json")
                    .end(renderer.answer(answer));
        });
    }
}
