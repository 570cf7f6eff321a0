package dev.junction.e2e;

import dev.junction.sim.SimOptions;
import dev.junction.sim.SimScript;
import dev.junction.testing.GatewayExtension;
import dev.junction.testing.RawConnection;
import dev.junction.testing.SseReader;
import dev.junction.wire.Json;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import tools.jackson.databind.JsonNode;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Clients that hold a connection without making progress — a body that stops halfway, a connection
 * that sits idle or never finishes its request head — are cut off after the configured timeouts
 * (short here: 500 ms), while a request the gateway itself is slow to answer is never cut.
 */
class SlowClientsTest {
    private static final String CHAT = "/api/v1/chat/completions";
    /** Five times the idle timeout: long enough that cutting quiet-but-busy requests would show. */
    private static final int SLOW_UPSTREAM_MS = 2500;

    @RegisterExtension
    static final GatewayExtension gateway = GatewayExtension
            .withSim(SimOptions.defaults()
                    .withScript("slow", SimScript.empty().withTtftMs(SLOW_UPSTREAM_MS).withReply("worth the wait")))
            .config("""
                    catalog: {bundled: false}
                    providers:
                      sim:
                        name: Sim
                        base-url: ${SIM_URL}
                    models:
                      test/ok:
                        endpoints: [{provider: sim, upstream-model: ok}]
                      test/slow:
                        endpoints: [{provider: sim, upstream-model: slow}]
                    """)
            .env("JUNCTION_SERVER_IDLE_TIMEOUT", "500ms")
            .env("JUNCTION_SERVER_BODY_READ_TIMEOUT", "500ms")
            .env("JUNCTION_SERVER_KEEP_ALIVE_INTERVAL", "100ms");

    private static String chat(String model, boolean stream) {
        return "{\"model\":\"" + model + "\",\"stream\":" + stream + ",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}";
    }

    /** A request head announcing 1000 bytes of body, and the first 10 of them. */
    private static String stalledUpload() {
        return "POST " + CHAT + " HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer " + gateway.key() + "\r\n"
                + "Content-Type: application/json\r\nContent-Length: 1000\r\n\r\n" + "{\"model\":\"";
    }

    private static RawConnection connect() {
        return RawConnection.open(gateway.junction().port());
    }

    private static void assertTimedOutUpload(RawConnection connection) {
        RawConnection.Response response = connection.readResponse();
        assertThat(response.status()).isEqualTo(408);
        assertThat(response.header("Content-Type")).isEqualTo("application/json");
        assertThat(response.header("Connection")).isEqualToIgnoringCase("close");
        JsonNode error = Json.parse(response.body()).get("error");
        assertThat(error.get("code").asInt()).isEqualTo(408);
        assertThat(error.get("message").asString()).contains("request body did not arrive within 500ms");
        assertThat(connection.closedByServer()).as("connection closed after the 408").isTrue();
    }

    @Test
    void aBodyThatStallsHalfwayGets408AndItsConnectionClosed() {
        try (RawConnection connection = connect()) {
            connection.send(stalledUpload());
            assertTimedOutUpload(connection);
        }
    }

    @Test
    void aStalledUploadToTheMessagesApiGetsItsTimeoutInAnthropicsEnvelope() {
        try (RawConnection connection = connect()) {
            connection.send("POST /v1/messages HTTP/1.1\r\nHost: x\r\nx-api-key: " + gateway.key() + "\r\n"
                    + "Content-Type: application/json\r\nContent-Length: 1000\r\n\r\n{\"model\":\"");
            RawConnection.Response response = connection.readResponse();
            assertThat(response.status()).isEqualTo(408);
            JsonNode body = Json.parse(response.body());
            assertThat(body.get("type").asString()).isEqualTo("error");
            assertThat(body.at("/error/type").asString()).isEqualTo("timeout_error");
            assertThat(body.at("/error/message").asString()).contains("request body did not arrive within 500ms");
            assertThat(connection.closedByServer()).isTrue();
        }
    }

    @Test
    void manyStalledUploadsAreAllCutOffAndTheGatewayStillAnswers() {
        List<RawConnection> connections = new ArrayList<>();
        try {
            for (int i = 0; i < 50; i++) {
                connections.add(connect().send(stalledUpload()));
            }
            connections.forEach(SlowClientsTest::assertTimedOutUpload);
        } finally {
            connections.forEach(RawConnection::close);
        }
        HttpResponse<String> answer = freshClientPost(chat("test/ok", false));
        assertThat(answer.statusCode()).isEqualTo(200);
        assertThat(Json.parse(answer.body()).get("choices").get(0).get("message").get("content").asString()).isNotEmpty();
    }

    @Test
    void anIdleKeepAliveConnectionIsClosed() {
        try (RawConnection connection = connect()) {
            RawConnection.Response models = connection.send("GET /api/v1/models HTTP/1.1\r\nHost: x\r\n\r\n").readResponse();
            assertThat(models.status()).isEqualTo(200);
            assertThat(models.header("Connection")).as("kept alive after the answer").isNull();
            assertThat(connection.closedByServer()).as("closed once idle").isTrue();
        }
    }

    @Test
    void aConnectionThatNeverSendsARequestIsClosed() {
        try (RawConnection connection = connect()) {
            assertThat(connection.closedByServer()).isTrue();
        }
    }

    @Test
    void aConnectionThatNeverFinishesItsRequestHeadIsClosed() {
        try (RawConnection connection = connect()) {
            connection.send("GET /api/v1/models HTTP/1.1\r\nHost: x\r\nX-Slow: ");
            assertThat(connection.closedByServer()).isTrue();
        }
    }

    @Test
    void aStreamWaitingForItsFirstTokenLongerThanTheIdleTimeoutIsNotCut() throws IOException {
        try (HttpClient client = freshClient()) {
            HttpResponse<InputStream> response = send(client, chat("test/slow", true), HttpResponse.BodyHandlers.ofInputStream());
            assertThat(response.statusCode()).isEqualTo(200);
            try (SseReader sse = new SseReader(response.body())) {
                List<String> data = sse.readAll();
                assertThat(data).last().isEqualTo("[DONE]");
                StringBuilder content = new StringBuilder();
                for (String d : data.subList(0, data.size() - 1)) {
                    content.append(Json.parse(d).get("choices").path(0).path("delta").path("content").asString(""));
                }
                assertThat(content.toString()).isEqualTo("worth the wait");
                assertThat(sse.lines()).contains(": OPENROUTER PROCESSING");
            }
        }
    }

    @Test
    void aNonStreamingAnswerSlowerThanTheIdleTimeoutIsNotCut() {
        HttpResponse<String> response = freshClientPost(chat("test/slow", false));
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(Json.parse(response.body()).get("choices").get(0).get("message").get("content").asString())
                .isEqualTo("worth the wait");
    }

    /**
     * A client of its own for each call: a pooled connection could be the one the server closes as idle
     * (500 ms here) just as the next request goes out on it — a race real clients meet only at the
     * default two minutes, and that is not what these tests are about.
     */
    private static HttpClient freshClient() {
        return HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(5)).build();
    }

    private static HttpResponse<String> freshClientPost(String json) {
        try (HttpClient client = freshClient()) {
            return send(client, json, HttpResponse.BodyHandlers.ofString());
        }
    }

    private static <T> HttpResponse<T> send(HttpClient client, String json, HttpResponse.BodyHandler<T> body) {
        HttpRequest request = HttpRequest.newBuilder(URI.create(gateway.url(CHAT)))
                .timeout(Duration.ofSeconds(30))
                .header("Authorization", "Bearer " + gateway.key())
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)).build();
        try {
            return client.send(request, body);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
