package dev.junction.bench.mock;

import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.VerticleBase;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;

/**
 * The lean upstream every benchmark talks to, in its own process. It answers OpenAI chat requests
 * without looking at the body, so its cost per request is an HTTP parse and one write:
 *
 * <ul>
 *   <li>{@code POST /v1/chat/completions}: a pre-rendered chat completion, at once;</li>
 *   <li>{@code POST /stream/<n>/<ms>/v1/chat/completions}: an SSE stream of {@code n} content chunks,
 *       the first at once and then one every {@code ms} milliseconds, then the finish chunk, a usage
 *       chunk and {@code [DONE]}.</li>
 * </ul>
 * The behaviour lives in the path so that a gateway provider's {@code base-url} selects it.
 *
 * <p>Usage: {@code java -cp junction-bench.jar dev.junction.bench.mock.MockUpstream [--port 18091] [--loops 1]}
 */
public final class MockUpstream extends VerticleBase {
    private static final CharSequence JSON = HttpHeaders.createOptimized("application/json");
    private static final CharSequence EVENT_STREAM = HttpHeaders.createOptimized("text/event-stream");
    private static final CharSequence NO_CACHE = HttpHeaders.createOptimized("no-cache");
    private static final String FAST_PATH = "/v1/chat/completions";
    private static final String STREAM_PREFIX = "/stream/";

    private final int port;
    private final MockBodies bodies = new MockBodies();
    private HttpServer server;

    MockUpstream(int port) {
        this.port = port;
    }

    public static void main(String[] args) {
        int port = 18091;
        int loops = 1;
        for (int i = 0; i + 1 < args.length; i += 2) {
            switch (args[i]) {
                case "--port" -> port = Integer.parseInt(args[i + 1]);
                case "--loops" -> loops = Integer.parseInt(args[i + 1]);
                default -> throw new IllegalArgumentException("unknown option " + args[i]);
            }
        }
        int listenPort = port;
        // One event loop by default: the mock should be cheap and never the bottleneck's competitor.
        Vertx vertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(loops).setPreferNativeTransport(false));
        vertx.deployVerticle(() -> new MockUpstream(listenPort), new DeploymentOptions().setInstances(loops)).await();
        System.out.println("mock upstream listening on http://127.0.0.1:" + port);
    }

    /** OTLP/HTTP's traces path: the mock doubles as the traced gateway's collector. */
    static final String OTLP_TRACES_PATH = "/v1/traces";

    @Override
    public Future<?> start() {
        server = vertx.createHttpServer(new HttpServerOptions()
                        .setHost("127.0.0.1")
                        .setPort(port)
                        .setTcpNoDelay(true)
                        .setAcceptBacklog(8192)
                        .setIdleTimeout(0))
                .requestHandler(this::handle);
        return server.listen();
    }

    private void handle(HttpServerRequest request) {
        String path = request.path();
        if (path.equals(FAST_PATH)) {
            request.endHandler(v -> request.response().putHeader(HttpHeaders.CONTENT_TYPE, JSON).end(MockBodies.COMPLETION));
        } else if (path.startsWith(STREAM_PREFIX) && path.endsWith(FAST_PATH)) {
            int[] pace = pace(path);
            if (pace == null) {
                request.response().setStatusCode(400).end("bad stream path: " + path);
                return;
            }
            request.endHandler(v -> stream(request.response(), pace[0], pace[1]));
        } else if (path.equals(OTLP_TRACES_PATH)) {
            // An OTLP/HTTP collector that keeps nothing: where a traced gateway's spans go (an empty response is
            // a successful ExportTraceServiceResponse).
            request.endHandler(v -> request.response().putHeader(HttpHeaders.CONTENT_TYPE, "application/x-protobuf").end());
        } else {
            request.response().setStatusCode(404).end("no such path: " + path);
        }
    }

    /** {@code /stream/<n>/<ms>/v1/chat/completions} → {n, ms}, or null when malformed. */
    private static int[] pace(String path) {
        String[] parts = path.substring(STREAM_PREFIX.length()).split("/", 3);
        try {
            int n = Integer.parseInt(parts[0]);
            int ms = Integer.parseInt(parts[1]);
            return n > 0 && n <= MockBodies.MAX_CHUNKS && ms >= 0 ? new int[] {n, ms} : null;
        } catch (RuntimeException e) {
            return null;
        }
    }

    private void stream(HttpServerResponse response, int chunks, int intervalMs) {
        response.setChunked(true)
                .putHeader(HttpHeaders.CONTENT_TYPE, EVENT_STREAM)
                .putHeader(HttpHeaders.CACHE_CONTROL, NO_CACHE);
        new PacedStream(vertx, response, bodies, chunks, intervalMs).start();
    }
}
