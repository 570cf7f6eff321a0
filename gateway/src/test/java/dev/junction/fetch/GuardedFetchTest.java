package dev.junction.fetch;

import dev.junction.config.AddressRange;
import dev.junction.config.FetchConfig;
import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.InetAddress;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The guard in front of every URL Junction fetches, against a real HTTP server on loopback: internal addresses
 * refused before any connection (the server counts what reaches it), allowed ones fetched from the address checked,
 * and the size and time caps.
 */
class GuardedFetchTest {
    private Vertx vertx;
    private HttpClient client;
    private HttpServer server;
    private final AtomicInteger served = new AtomicInteger();
    private volatile String lastHost;

    @BeforeEach
    void start() throws Exception {
        vertx = Vertx.vertx();
        client = vertx.createHttpClient();
        server = vertx.createHttpServer().requestHandler(request -> {
            served.incrementAndGet();
            lastHost = request.getHeader("Host");
            switch (request.path()) {
                case "/big" -> request.response().end(Buffer.buffer(new byte[4096]));
                case "/slow" -> { } // never answers
                case "/missing" -> request.response().setStatusCode(404).end("no");
                default -> request.response().end("hello");
            }
        }).listen(0, "127.0.0.1").toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    @AfterEach
    void stop() {
        vertx.close().await();
    }

    private GuardedFetch fetch(List<String> allow, HostResolver resolver, long maxBytes, Duration timeout) {
        FetchConfig config = new FetchConfig(allow, timeout, maxBytes);
        return new GuardedFetch(vertx, client, new FetchGuard(config, resolver), config);
    }

    private GuardedFetch production() {
        return fetch(List.of(), names(Map.of()), 1 << 20, Duration.ofSeconds(10));
    }

    /** A resolver knowing only the names given, and literal addresses; never DNS. */
    private static HostResolver names(Map<String, String> known) {
        return host -> {
            String address = known.getOrDefault(host, host);
            if (!address.matches("[0-9a-fA-F:.]+")) {
                throw new java.net.UnknownHostException(host);
            }
            return List.of(InetAddress.getByName(address));
        };
    }

    private int port() {
        return server.actualPort();
    }

    private static String refusal(GuardedFetch fetch, String url) {
        Throwable t = org.assertj.core.api.Assertions.catchThrowable(() ->
                fetch.get(URI.create(url), MultiMap.caseInsensitiveMultiMap()).await());
        assertThat(t).isInstanceOf(FetchRefusedException.class);
        return t.getMessage();
    }

    @Test
    void refusesTheCloudMetadataAddress() {
        assertThat(refusal(production(), "http://169.254.169.254/latest/meta-data/")).contains("169.254.169.254")
                .contains("internal address");
    }

    @Test
    void refusesLoopbackByAddressWithoutConnecting() {
        assertThat(refusal(production(), "http://127.0.0.1:" + port() + "/")).contains("internal address");
        assertThat(refusal(production(), "http://[::1]:" + port() + "/")).contains("internal address");
        assertThat(served).hasValue(0);
    }

    @Test
    void refusesANameThatResolvesToLoopback() {
        GuardedFetch fetch = fetch(List.of(), names(Map.of("localhost", "127.0.0.1", "rebind.example", "127.0.0.1")),
                1 << 20, Duration.ofSeconds(10));
        assertThat(refusal(fetch, "http://localhost:" + port() + "/")).contains("'localhost' resolves to 127.0.0.1");
        assertThat(refusal(fetch, "http://rebind.example:" + port() + "/")).contains("internal address");
        assertThat(served).hasValue(0);
    }

    @Test
    void refusesTheSystemsLocalhostToo() {
        GuardedFetch fetch = fetch(List.of(), HostResolver.SYSTEM, 1 << 20, Duration.ofSeconds(10));
        assertThat(refusal(fetch, "http://localhost:" + port() + "/")).contains("internal address");
        assertThat(served).hasValue(0);
    }

    @Test
    void refusesPrivateRangesOtherSchemesAndCredentials() {
        for (String url : List.of("http://10.1.2.3/", "http://192.168.0.1/", "http://172.16.5.4/", "http://100.64.0.1/",
                "http://0.0.0.0/", "http://[fd00:ec2::254]/", "http://[::ffff:127.0.0.1]/", "http://[::127.0.0.1]/")) {
            assertThat(refusal(production(), url)).as(url).contains("internal address");
        }
        assertThat(refusal(production(), "file:///etc/passwd")).contains("only http and https");
        assertThat(refusal(production(), "ftp://example.com/")).contains("only http and https");
        assertThat(refusal(production(), "http://user:pw@93.184.216.34/")).contains("credentials");
        assertThat(refusal(production(), "http://no-such-host.invalid/")).contains("does not resolve");
    }

    @Test
    void aNameWithAnyInternalAddressIsRefused() {
        HostResolver both = host -> List.of(InetAddress.getByName("93.184.216.34"), InetAddress.getByName("10.0.0.1"));
        GuardedFetch fetch = fetch(List.of(), both, 1 << 20, Duration.ofSeconds(10));
        assertThat(refusal(fetch, "http://mixed.example/")).contains("10.0.0.1");
    }

    @Test
    void anAllowedRangeIsFetchedFromTheAddressChecked() throws Exception {
        // search.example is known to the guard's resolver only: the connection can only have gone to its address
        GuardedFetch fetch = fetch(List.of("127.0.0.0/8"), names(Map.of("search.example", "127.0.0.1")), 1 << 20,
                Duration.ofSeconds(10));
        GuardedFetch.Fetched got = fetch.get(URI.create("http://search.example:" + port() + "/hi?q=1"),
                MultiMap.caseInsensitiveMultiMap()).await();
        assertThat(got.body().toString()).isEqualTo("hello");
        assertThat(lastHost).isEqualTo("search.example:" + port());
        assertThat(fetch.get(URI.create("http://127.0.0.1:" + port() + "/"), MultiMap.caseInsensitiveMultiMap())
                .await().status()).isEqualTo(200);
    }

    @Test
    void aBodyOverTheCapIsRefused() {
        GuardedFetch fetch = fetch(List.of("127.0.0.1"), names(Map.of()), 1000, Duration.ofSeconds(10));
        assertThat(refusal(fetch, "http://127.0.0.1:" + port() + "/big")).contains("more than 1000 bytes");
    }

    @Test
    void aSlowAnswerIsAbandonedAtTheTimeCap() {
        GuardedFetch fetch = fetch(List.of("127.0.0.1"), names(Map.of()), 1000, Duration.ofMillis(300));
        assertThat(refusal(fetch, "http://127.0.0.1:" + port() + "/slow")).contains("took longer than");
    }

    @Test
    void anErrorStatusIsAFailure() {
        GuardedFetch fetch = fetch(List.of("127.0.0.1"), names(Map.of()), 1000, Duration.ofSeconds(10));
        assertThat(refusal(fetch, "http://127.0.0.1:" + port() + "/missing")).contains("HTTP 404");
    }

    @Test
    void aConfiguredRangeMustBeALiteral() {
        assertThatThrownBy(() -> new FetchGuard(new FetchConfig(List.of("localhost"), Duration.ofSeconds(1), 1),
                HostResolver.SYSTEM)).isInstanceOf(IllegalArgumentException.class);
        assertThat(AddressRange.parse("10.0.0.0/33")).isEmpty();
        assertThat(AddressRange.of("10.0.0.0/8").contains(addr("10.255.0.1"))).isTrue();
        assertThat(AddressRange.of("10.0.0.0/8").contains(addr("11.0.0.1"))).isFalse();
        assertThat(AddressRange.of("172.16.0.0/12").contains(addr("172.31.255.255"))).isTrue();
        assertThat(AddressRange.of("172.16.0.0/12").contains(addr("172.32.0.0"))).isFalse();
    }

    private static InetAddress addr(String s) {
        try {
            return InetAddress.getByName(s);
        } catch (java.net.UnknownHostException e) {
            throw new AssertionError(e);
        }
    }
}
