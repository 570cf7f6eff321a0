package dev.junction.catalog.discovery;

import dev.junction.config.ProviderConfig;
import io.vertx.core.Context;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.Map;

/**
 * The blocking HTTP of discovery: JSON GETs and POSTs to a provider with its key and headers, on the JDK
 * client. Callers run on virtual threads, so a blocked call costs no platform thread; on an event loop it
 * refuses to run. Error messages name the provider and the URL without its query (where keys sometimes
 * hide), never the key.
 */
public final class DiscoveryHttp implements AutoCloseable {
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final Duration connectTimeout;
    private final Duration timeout;
    /**
     * Made at the first call: making a JDK client sets up TLS (the default {@code SSLContext}), about a tenth of
     * the gateway's start, which a configuration without discovery never needs.
     */
    private HttpClient client;
    private boolean closed;

    public DiscoveryHttp(Duration connectTimeout, Duration timeout) {
        this.connectTimeout = connectTimeout;
        this.timeout = timeout;
    }

    private synchronized HttpClient client() throws IOException {
        if (closed) {
            throw new IOException("the gateway is stopping");
        }
        if (client == null) {
            client = HttpClient.newBuilder()
                    .version(HttpClient.Version.HTTP_1_1)
                    .connectTimeout(connectTimeout)
                    .followRedirects(HttpClient.Redirect.NORMAL)
                    .build();
        }
        return client;
    }

    public JsonNode get(ProviderConfig provider, URI uri) {
        return send(provider, request(provider, uri).GET().build());
    }

    public JsonNode post(ProviderConfig provider, URI uri, JsonNode body) {
        return send(provider, request(provider, uri)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(JSON.writeValueAsBytes(body)))
                .build());
    }

    /** {@code path} appended to {@code base}'s path: {@code http://h:1/v1} + {@code /models}. */
    static URI resolve(URI base, String path) {
        return URI.create(base.toString() + path);
    }

    /**
     * The server root of a local server whose OpenAI-compatible base URL ends in {@code /v1}: LM Studio's
     * {@code /api/v0} and Ollama's {@code /api} live beside {@code /v1}, not under it.
     */
    static URI serverRoot(URI base) {
        String text = base.toString();
        return text.endsWith("/v1") ? URI.create(text.substring(0, text.length() - 3)) : base;
    }

    private HttpRequest.Builder request(ProviderConfig provider, URI uri) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(uri)
                .timeout(timeout)
                .header("Accept", "application/json")
                .header("User-Agent", "junction/0.1");
        provider.apiKey().ifPresent(key -> builder.header("Authorization", "Bearer " + key));
        for (Map.Entry<String, String> h : provider.headers().entrySet()) {
            builder.setHeader(h.getKey(), h.getValue());
        }
        return builder;
    }

    private JsonNode send(ProviderConfig provider, HttpRequest request) {
        if (Context.isOnEventLoopThread()) {
            throw new IllegalStateException("model discovery blocks; it must not run on an event loop");
        }
        String what = provider.id() + ": " + request.method() + " " + describe(request.uri());
        HttpResponse<byte[]> response;
        try {
            response = client().send(request, HttpResponse.BodyHandlers.ofByteArray());
        } catch (HttpTimeoutException e) {
            throw new DiscoveryException(what + " timed out after " + timeout.toMillis() + " ms");
        } catch (IOException e) {
            throw new DiscoveryException(what + " failed: " + e.getClass().getSimpleName()
                    + (e.getMessage() == null ? "" : " " + e.getMessage()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new DiscoveryException(what + " was interrupted");
        }
        if (response.statusCode() / 100 != 2) {
            throw new DiscoveryException(what + " answered HTTP " + response.statusCode());
        }
        try {
            return JSON.readTree(response.body());
        } catch (JacksonException e) {
            throw new DiscoveryException(what + " answered with a body that is not JSON: " + e.getOriginalMessage());
        }
    }

    /** The URL without user info or query. */
    static String describe(URI uri) {
        return uri.getScheme() + "://" + uri.getHost() + (uri.getPort() < 0 ? "" : ":" + uri.getPort())
                + (uri.getRawPath() == null ? "" : uri.getRawPath());
    }

    @Override
    public synchronized void close() {
        closed = true;
        if (client != null) {
            // Stop at once: a shutdown must not wait for a slow provider's model list.
            client.shutdownNow();
        }
    }
}
