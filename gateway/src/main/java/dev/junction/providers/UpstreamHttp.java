package dev.junction.providers;

import dev.junction.config.ProviderConfig;
import dev.junction.config.UpstreamConfig;
import dev.junction.wire.Json;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.MultiMap;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientRequest;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;

import javax.net.ssl.SSLException;
import java.net.ConnectException;
import java.net.URI;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeoutException;

/**
 * The HTTP plumbing every provider shares: sending a request with the configured timeouts, tying it to
 * the client's {@link AbortSignal}, turning a non-2xx answer into an {@link UpstreamFailure} carrying
 * the upstream's own error, and classifying transport exceptions.
 */
public final class UpstreamHttp {
    private static final int MAX_ERROR_BODY_CHARS = 8 * 1024;

    private final HttpClient client;
    private final UpstreamConfig config;

    public UpstreamHttp(HttpClient client, UpstreamConfig config) {
        this.client = client;
        this.config = config;
    }

    /**
     * The headers of every request to a provider: JSON in, {@code accept} out, Junction's user agent, the
     * provider's own {@code protocol} headers (its credentials, its API version), then the operator's
     * configured headers, which win.
     */
    public static MultiMap headers(ProviderConfig config, String accept, Map<String, String> protocol) {
        MultiMap headers = HttpHeaders.headers()
                .add(HttpHeaders.CONTENT_TYPE, "application/json")
                .add(HttpHeaders.ACCEPT, accept)
                .add(HttpHeaders.USER_AGENT, "junction/0.1");
        protocol.forEach(headers::set);
        config.headers().forEach(headers::set);
        return headers;
    }

    /** Request options for {@code POST baseUrl + path}, with the first-byte timeout as idle timeout. */
    public RequestOptions post(URI baseUrl, String path, MultiMap headers) {
        boolean ssl = "https".equals(baseUrl.getScheme());
        int port = baseUrl.getPort() > 0 ? baseUrl.getPort() : ssl ? 443 : 80;
        String basePath = baseUrl.getRawPath() == null ? "" : baseUrl.getRawPath();
        return new RequestOptions()
                .setMethod(HttpMethod.POST)
                .setHost(baseUrl.getHost())
                .setPort(port)
                .setSsl(ssl)
                .setURI(basePath + path)
                .setHeaders(headers)
                .setConnectTimeout(config.connectTimeout().toMillis())
                .setIdleTimeout(config.firstByteTimeout().toMillis());
    }

    /** Sends one attempt's call: {@link #send(RequestOptions, Buffer, AbortSignal, String)} with the call's own headers. */
    public Future<Exchange> send(RequestOptions options, Buffer body, UpstreamRequest call, String providerName) {
        return send(withCallHeaders(options, call), body, call.abort(), providerName);
    }

    /** Sends one attempt's streaming call, with the call's own headers. */
    public Future<Exchange> sendStream(RequestOptions options, Buffer body, UpstreamRequest call, String providerName) {
        return sendStream(withCallHeaders(options, call), body, call.abort(), providerName);
    }

    /** The provider's headers are shared by every call: a call that adds its own gets a copy. */
    private static RequestOptions withCallHeaders(RequestOptions options, UpstreamRequest call) {
        if (call.headers().isEmpty()) {
            return options;
        }
        MultiMap headers = HttpHeaders.headers().addAll(options.getHeaders());
        call.headers().forEach(headers::set);
        return new RequestOptions(options).setHeaders(headers);
    }

    /**
     * Sends the request. The returned response has a 2xx status and is paused, so the caller decides
     * when its body flows; any other status fails the future with the upstream's error.
     */
    public Future<Exchange> send(RequestOptions options, Buffer body, AbortSignal abort, String providerName) {
        if (abort.aborted()) {
            return Future.failedFuture(cancelled(providerName).asException());
        }
        return client.request(options)
                .recover(t -> Future.failedFuture(classify(t, abort, providerName).asException()))
                .compose(request -> {
                    Exchange exchange = new Exchange(request, Vertx.currentContext().owner(), options);
                    // Vert.x refuses handlers on a request once it is sent, so route failures that come
                    // later (idle timeout, reset) through the exchange. Set before the abort listener: a client
                    // gone while the connection was being obtained resets the request at once, and a reset
                    // without a handler is logged by Vert.x as an unhandled error.
                    request.exceptionHandler(exchange::fail);
                    abort.onAbort(request::reset);
                    return request.send(body)
                            .recover(t -> Future.failedFuture(classify(t, abort, providerName).asException()))
                            .compose(response -> accept(exchange, response, providerName));
                });
    }

    /**
     * Sends a streaming request: as {@link #send}, and a 2xx answer must be an event stream. An upstream
     * that answers a stream with anything else (a whole JSON completion, an HTML page from a proxy) has not
     * streamed: that is a protocol failure before the commit point, so the next endpoint gets the request.
     */
    public Future<Exchange> sendStream(RequestOptions options, Buffer body, AbortSignal abort, String providerName) {
        return send(options, body, abort, providerName).compose(exchange -> {
            String type = exchange.response().getHeader(HttpHeaders.CONTENT_TYPE);
            if (type == null || type.regionMatches(true, 0, "text/event-stream", 0, "text/event-stream".length())) {
                return Future.succeededFuture(exchange); // no type at all: the body decides (see SseRelay)
            }
            Future<Buffer> whole = exchange.body();
            exchange.response().resume();
            return whole
                    .recover(t -> Future.succeededFuture(Buffer.buffer()))
                    .compose(answer -> {
                        exchange.request().reset();
                        String text = truncated(answer.toString(StandardCharsets.UTF_8));
                        return Future.failedFuture(new UpstreamFailure(UpstreamFailure.Kind.PROTOCOL, providerName,
                                0, providerName + " answered a streaming request with "
                                + type + " instead of an event stream",
                                text.isEmpty() ? Optional.empty() : Optional.of(text), Optional.empty()).asException());
                    });
        });
    }

    private Future<Exchange> accept(Exchange exchange, HttpClientResponse response, String providerName) {
        // Vert.x cancelled the first-byte timeout when the head arrived; from here the idle timeout runs.
        exchange.idle.start(config.idleTimeout().toMillis());
        exchange.response = response;
        if (response.statusCode() / 100 == 2) {
            response.pause();
            return Future.succeededFuture(exchange);
        }
        return exchange.body()
                .recover(t -> Future.succeededFuture(Buffer.buffer()))
                .compose(errorBody -> Future.failedFuture(
                        statusFailure(response, errorBody, providerName).asException()));
    }

    private static UpstreamFailure statusFailure(HttpClientResponse response, Buffer body, String providerName) {
        String text = truncated(body.toString(StandardCharsets.UTF_8));
        String detail = errorMessage(text).orElse(response.statusMessage());
        return new UpstreamFailure(UpstreamFailure.Kind.HTTP_STATUS, providerName, response.statusCode(),
                providerName + " returned HTTP " + response.statusCode() + ": " + detail,
                text.isEmpty() ? Optional.empty() : Optional.of(text),
                Optional.ofNullable(response.getHeader("retry-after")));
    }

    private static String truncated(String text) {
        return text.length() > MAX_ERROR_BODY_CHARS ? text.substring(0, MAX_ERROR_BODY_CHARS) : text;
    }

    /** The human message inside an upstream error body: OpenAI's {@code error.message} and its relatives. */
    public static Optional<String> errorMessage(String body) {
        if (body.isBlank()) {
            return Optional.empty();
        }
        try {
            JsonNode node = Json.parse(body);
            JsonNode error = node.path("error");
            if (error.isString()) {
                return Optional.of(error.asString());
            }
            for (JsonNode candidate : new JsonNode[] {error.path("message"), node.path("message"), node.path("detail")}) {
                if (candidate.isString() && !candidate.asString().isBlank()) {
                    return Optional.of(candidate.asString());
                }
            }
            return Optional.of(body.strip());
        } catch (JacksonException e) {
            return Optional.of(body.strip().length() > 200 ? body.strip().substring(0, 200) : body.strip());
        }
    }

    public static UpstreamFailure classify(Throwable t, AbortSignal abort, String providerName) {
        if (t instanceof UpstreamException e) {
            return e.failure();
        }
        if (abort.aborted()) {
            return cancelled(providerName);
        }
        String message = t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
        if (t instanceof TimeoutException || t.getClass().getSimpleName().contains("Timeout")) {
            return UpstreamFailure.of(UpstreamFailure.Kind.TIMEOUT, providerName,
                    providerName + " did not answer in time: " + message);
        }
        if (t instanceof ConnectException || t instanceof UnknownHostException || t instanceof SSLException) {
            return UpstreamFailure.of(UpstreamFailure.Kind.CONNECT, providerName,
                    "cannot connect to " + providerName + ": " + message);
        }
        return UpstreamFailure.of(UpstreamFailure.Kind.STREAM_ERROR, providerName,
                "connection to " + providerName + " failed: " + message);
    }

    static UpstreamFailure cancelled(String providerName) {
        return UpstreamFailure.of(UpstreamFailure.Kind.CANCELLED, providerName, "the client closed the connection");
    }

    /**
     * A request and its 2xx response, paused until the caller reads it. Whoever consumes the response
     * reports data as it arrives ({@link #dataReceived}) and calls {@link #done} when the exchange ends
     * in any way, which stops its idle timeout.
     */
    public static final class Exchange {
        private final HttpClientRequest request;
        private final IdleTimeout idle;
        private HttpClientResponse response;
        private io.vertx.core.Handler<Throwable> failureHandler = t -> { };

        Exchange(HttpClientRequest request, Vertx vertx, RequestOptions options) {
            this.request = request;
            this.idle = new IdleTimeout(vertx, options, this::timedOut);
        }

        public void dataReceived() {
            idle.dataReceived();
        }

        public void done() {
            idle.cancel();
        }

        /**
         * The whole response body, read now; a transport failure is classified for this provider. The
         * exchange is done (its idle timeout stopped) when the body is read or fails.
         */
        public Future<Buffer> readBody(AbortSignal abort, String providerName) {
            Future<Buffer> body = body();
            response.resume();
            return body.recover(t -> Future.failedFuture(classify(t, abort, providerName).asException()));
        }

        /** The whole response body; the exchange is done when it is read or fails. */
        public Future<Buffer> body() {
            Promise<Buffer> promise = Promise.promise();
            Buffer body = Buffer.buffer();
            failureHandler = promise::tryFail;
            response.handler(chunk -> {
                idle.dataReceived();
                body.appendBuffer(chunk);
            });
            response.exceptionHandler(promise::tryFail);
            response.endHandler(v -> promise.tryComplete(body));
            return promise.future().onComplete(ignored -> idle.cancel());
        }

        /** As Vert.x's own idle timeout does: the consumer sees the timeout, then the request is reset. */
        private void timedOut(java.util.concurrent.TimeoutException timeout) {
            fail(timeout);
            request.reset(0, timeout);
        }

        public HttpClientRequest request() {
            return request;
        }

        public HttpClientResponse response() {
            return response;
        }

        /** Where transport failures of the request go once its response has started. */
        public void onFailure(io.vertx.core.Handler<Throwable> handler) {
            this.failureHandler = handler;
        }

        private void fail(Throwable t) {
            idle.cancel();
            failureHandler.handle(t);
        }
    }
}
