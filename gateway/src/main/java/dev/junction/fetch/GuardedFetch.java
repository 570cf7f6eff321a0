package dev.junction.fetch;

import dev.junction.config.FetchConfig;
import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientRequest;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.net.SocketAddress;

import java.net.URI;
import java.util.Optional;

/**
 * Every HTTP request Junction makes on its own behalf (not to a configured provider): the URL through the
 * {@link FetchGuard} off the event loop, then the connection to the very address checked (the URL's host only as
 * the {@code Host} header and TLS server name), no redirects followed, the body refused beyond
 * {@link FetchConfig#maxBytes} and the whole exchange abandoned after {@link FetchConfig#timeout}.
 */
public final class GuardedFetch {
    private final Vertx vertx;
    private final HttpClient client;
    private final FetchGuard guard;
    private final FetchConfig config;

    public GuardedFetch(Vertx vertx, HttpClient client, FetchGuard guard, FetchConfig config) {
        this.vertx = vertx;
        this.client = client;
        this.guard = guard;
        this.config = config;
    }

    /** A fetched answer: its status (always 2xx), headers and whole body. */
    public record Fetched(int status, MultiMap headers, Buffer body) {}

    public Future<Fetched> get(URI uri, MultiMap headers) {
        return send(HttpMethod.GET, uri, headers, Optional.empty());
    }

    public Future<Fetched> post(URI uri, MultiMap headers, Buffer body) {
        return send(HttpMethod.POST, uri, headers, Optional.of(body));
    }

    private Future<Fetched> send(HttpMethod method, URI uri, MultiMap headers, Optional<Buffer> body) {
        Promise<Fetched> result = Promise.promise();
        long timer = vertx.setTimer(Math.max(1, config.timeout().toMillis()), t -> result.tryFail(
                new FetchRefusedException("fetching " + redacted(uri) + " took longer than " + config.timeout())));
        result.future().onComplete(r -> vertx.cancelTimer(timer));
        vertx.executeBlocking(() -> guard.check(uri), false)
                .compose(target -> exchange(method, target, headers, body, result.future()))
                .onComplete(r -> {
                    if (r.succeeded()) {
                        result.tryComplete(r.result());
                    } else {
                        result.tryFail(r.cause());
                    }
                });
        return result.future();
    }

    private Future<Fetched> exchange(HttpMethod method, FetchGuard.Target target, MultiMap headers,
                                     Optional<Buffer> body, Future<Fetched> overall) {
        boolean defaultPort = target.port() == (target.ssl() ? 443 : 80);
        RequestOptions options = new RequestOptions()
                .setMethod(method)
                .setServer(SocketAddress.inetSocketAddress(target.port(), target.address().getHostAddress()))
                .setHost(target.host())
                .setPort(target.port())
                .setSsl(target.ssl())
                .setURI(target.pathAndQuery())
                .setFollowRedirects(false)
                .setConnectTimeout(config.timeout().toMillis())
                .setIdleTimeout(config.timeout().toMillis())
                .setHeaders(MultiMap.caseInsensitiveMultiMap().addAll(headers));
        options.getHeaders().set(HttpHeaders.HOST, defaultPort ? target.host() : target.host() + ":" + target.port());
        return client.request(options).compose(request -> {
            overall.onFailure(e -> request.reset()); // a timeout stops the exchange itself, not only the waiting
            return (body.isPresent() ? request.send(body.get()) : request.send()).compose(response -> {
                if (response.statusCode() / 100 != 2) {
                    response.pause();
                    request.reset();
                    return Future.failedFuture(new FetchRefusedException(
                            redacted(target.uri()) + " answered HTTP " + response.statusCode()));
                }
                String length = response.getHeader(HttpHeaders.CONTENT_LENGTH);
                if (length != null && length.matches("\\d{1,18}") && Long.parseLong(length) > config.maxBytes()) {
                    request.reset();
                    return Future.failedFuture(tooLarge(target));
                }
                return readCapped(request, response, target);
            });
        });
    }

    private Future<Fetched> readCapped(HttpClientRequest request, io.vertx.core.http.HttpClientResponse response,
                                       FetchGuard.Target target) {
        Promise<Fetched> done = Promise.promise();
        Buffer whole = Buffer.buffer();
        response.handler(part -> {
            if (whole.length() + (long) part.length() > config.maxBytes()) {
                done.tryFail(tooLarge(target));
                request.reset();
                return;
            }
            whole.appendBuffer(part);
        });
        response.exceptionHandler(done::tryFail);
        response.endHandler(v -> done.tryComplete(new Fetched(response.statusCode(), response.headers(), whole)));
        return done.future();
    }

    private FetchRefusedException tooLarge(FetchGuard.Target target) {
        return new FetchRefusedException(redacted(target.uri()) + " answered more than " + config.maxBytes() + " bytes");
    }

    /** The URL without its query, which may hold a search backend's key. */
    private static String redacted(URI uri) {
        return uri.getScheme() + "://" + uri.getRawAuthority() + Optional.ofNullable(uri.getRawPath()).orElse("");
    }
}
