package dev.junction.e2e;

import dev.junction.testing.GatewayExtension;
import dev.junction.testing.RawConnection;
import dev.junction.wire.Json;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.JsonNode;

import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Requests that break HTTP/1.1 itself — which the HTTP layer would answer with an empty body — get
 * their status in OpenRouter's error envelope too, and the connection, which cannot continue, is closed.
 */
class ProtocolErrorsTest {
    @RegisterExtension
    static final GatewayExtension gateway = GatewayExtension.withoutSims().config("catalog: {bundled: false}\n");

    record Case(String name, String request, int status, String message) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<Case> malformedRequests() {
        return Stream.of(
                new Case("URL over 4 KiB", "GET /api/v1/models?q=" + "x".repeat(5 * 1024) + " HTTP/1.1\r\nHost: x\r\n\r\n",
                        414, "request line is longer than the limit of 4096 bytes"),
                new Case("headers over 8 KiB", "GET /api/v1/models HTTP/1.1\r\nHost: x\r\n"
                        + ("X-Padding: " + "y".repeat(1000) + "\r\n").repeat(9) + "\r\n",
                        431, "request headers are larger than the limit of 8192 bytes"),
                new Case("negative Content-Length", "POST /api/v1/chat/completions HTTP/1.1\r\nHost: x\r\n"
                        + "Content-Length: -1\r\n\r\n", 400, "Malformed HTTP request"),
                new Case("Content-Length that is not a number", "POST /api/v1/chat/completions HTTP/1.1\r\nHost: x\r\n"
                        + "Content-Length: lots\r\n\r\n", 400, "Malformed HTTP request"),
                new Case("malformed request line", "THIS IS NOT HTTP\r\n\r\n", 400, "Malformed HTTP request"),
                new Case("unknown HTTP version", "GET /api/v1/models HTTP/9.9\r\nHost: x\r\n\r\n", 505, "Unsupported HTTP version"),
                new Case("garbled HTTP version", "GET /api/v1/models HTTP-1.1\r\nHost: x\r\n\r\n", 400, "Malformed HTTP request"),
                new Case("header line without a colon", "GET /api/v1/models HTTP/1.1\r\nHost: x\r\nno colon here\r\n\r\n",
                        400, "Malformed HTTP request"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("malformedRequests")
    void answersInTheEnvelopeAndClosesTheConnection(Case c) {
        try (RawConnection connection = RawConnection.open(gateway.junction().port())) {
            RawConnection.Response response = connection.send(c.request()).readResponse();

            assertThat(response.status()).as(response.statusLine()).isEqualTo(c.status());
            assertThat(response.header("Content-Type")).isEqualTo("application/json");
            assertThat(response.header("X-Content-Type-Options")).isEqualTo("nosniff");
            assertThat(response.header("Connection")).isEqualToIgnoringCase("close");
            JsonNode error = Json.parse(response.body()).get("error");
            assertThat(error.get("code").asInt()).isEqualTo(c.status());
            assertThat(error.get("message").asString()).containsIgnoringCase(c.message());
            assertThat(connection.closedByServer()).as("connection closed after the answer").isTrue();
        }
    }

    /**
     * A request refused before its body is read (here: an unknown key, checked first) leaves the body on the
     * connection. A keep-alive client then sends its next request behind it; that request must be answered, or
     * the refusal must say the connection closes — not sit unanswered until the body-read timeout.
     */
    @Test
    void aRequestRefusedBeforeItsBodyIsReadLeavesNoStuckConnection() {
        String body = "{\"model\":\"x\",\"pad\":\"" + "p".repeat(200 * 1024) + "\",\"messages\":[]}";
        try (RawConnection connection = RawConnection.open(gateway.junction().port())) {
            connection.send("POST /api/v1/chat/completions HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer sk-jn-v1-nope\r\n"
                    + "Content-Type: application/json\r\nContent-Length: " + body.length() + "\r\n\r\n" + body
                    + "GET /health HTTP/1.1\r\nHost: x\r\n\r\n");
            RawConnection.Response refused = connection.readResponse();
            assertThat(refused.status()).isEqualTo(401);

            if ("close".equalsIgnoreCase(refused.header("Connection"))) {
                assertThat(connection.closedByServer()).as("connection closed after the refusal").isTrue();
            } else {
                assertThat(connection.readResponse().status()).as("the next request on the connection").isEqualTo(200);
            }
        }
    }

    @Test
    void aWellFormedRequestOnTheSameServerIsStillAnswered() {
        try (RawConnection connection = RawConnection.open(gateway.junction().port())) {
            connection.send("GET /api/v1/models HTTP/1.1\r\nHost: x\r\n" + "X-Padding: " + "y".repeat(6000) + "\r\n\r\n");
            RawConnection.Response response = connection.readResponse();
            assertThat(response.status()).isEqualTo(200);
            assertThat(Json.parse(response.body()).get("data").isArray()).isTrue();
        }
    }
}
