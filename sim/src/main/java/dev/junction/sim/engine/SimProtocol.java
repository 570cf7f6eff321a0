package dev.junction.sim.engine;

import io.vertx.core.http.HttpMethod;
import java.util.Optional;

/** One wire protocol the sim speaks (OpenAI; later Anthropic Messages, Gemini): the paths it owns. */
public interface SimProtocol {

    /** Handles one request whose body has been read. Runs on the request's event loop. */
    @FunctionalInterface
    interface Endpoint {
        void handle(Exchange exchange);
    }

    /** The endpoint for this method and path (query excluded), when this protocol owns it. */
    Optional<Endpoint> endpoint(HttpMethod method, String path);
}
