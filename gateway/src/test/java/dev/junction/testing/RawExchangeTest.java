package dev.junction.testing;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The fuzz client's hang-up: "after N events" means N events of the answer. A Messages stream's pings come
 * before the answer (and before the generation's id): a client that left during them left before any answer,
 * whose cost it could not have seen, so FuzzTest's exact money check would miss what its cancel was billed.
 */
class RawExchangeTest {
    private static final String PING = "event: ping\ndata: {\"type\":\"ping\"}\n\n";
    private static final String START = "event: message_start\ndata: {\"type\":\"message_start\",\"message\":{\"id\":\"gen-1\"}}\n\n";
    private static final String DELTA = "event: content_block_delta\ndata: {\"type\":\"content_block_delta\"}\n\n";

    @Test
    void keepAlivesBeforeTheAnswerDoNotCountTowardsHangingUp() throws Exception {
        try (ServerSocket server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            Thread.ofVirtual().start(() -> answer(server, PING + PING + PING + START + DELTA + DELTA));

            RawExchange.Result result = RawExchange.exchange(server.getLocalPort(),
                    "POST /v1/messages HTTP/1.1\r\nHost: x\r\nContent-Length: 0\r\n\r\n".getBytes(StandardCharsets.US_ASCII),
                    false, 1, false, Duration.ofSeconds(10));

            assertThat(result.hungUp()).isTrue();
            assertThat(result.events()).containsExactly(RawExchange.KEEP_ALIVE, RawExchange.KEEP_ALIVE, RawExchange.KEEP_ALIVE,
                    "{\"type\":\"message_start\",\"message\":{\"id\":\"gen-1\"}}");
        }
    }

    /** An SSE answer, each event its own chunk, the connection then left open as a stream still going would. */
    private static void answer(ServerSocket server, String events) {
        try (Socket socket = server.accept()) {
            OutputStream out = socket.getOutputStream();
            out.write("HTTP/1.1 200 OK\r\nContent-Type: text/event-stream\r\nTransfer-Encoding: chunked\r\n\r\n"
                    .getBytes(StandardCharsets.US_ASCII));
            for (String event : events.split("(?<=\n\n)")) {
                byte[] bytes = event.getBytes(StandardCharsets.UTF_8);
                out.write((Integer.toHexString(bytes.length) + "\r\n").getBytes(StandardCharsets.US_ASCII));
                out.write(bytes);
                out.write("\r\n".getBytes(StandardCharsets.US_ASCII));
                out.flush();
            }
            while (socket.getInputStream().read() >= 0) {
                // the request, then nothing until the client hangs up
            }
        } catch (IOException e) {
            // the client hung up
        }
    }
}
