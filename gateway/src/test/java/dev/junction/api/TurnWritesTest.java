package dev.junction.api;

import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerResponse;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BiConsumer;

import static org.assertj.core.api.Assertions.assertThat;

/** Over a real HTTP server: what one event-loop turn writes goes out as one write, in order, and nothing else changes. */
class TurnWritesTest {
    /** Shared, as a renderer's constant trailer is: it must never be appended to. */
    private static final Buffer TRAILER = Buffer.buffer("data: [DONE]\n\n");

    private Vertx vertx;
    private HttpServer server;
    private final AtomicInteger writes = new AtomicInteger();
    private volatile BiConsumer<HttpServerResponse, TurnWrites> script;

    @BeforeEach
    void start() {
        vertx = Vertx.vertx();
        server = vertx.createHttpServer().requestHandler(request -> {
            HttpServerResponse response = request.response().setChunked(true);
            script.accept(response, new TurnWrites(response, vertx.getOrCreateContext(), writes::incrementAndGet));
        }).listen(0, "127.0.0.1").await();
    }

    @AfterEach
    void stop() {
        vertx.close().await();
    }

    private String get() throws Exception {
        try (HttpClient http = HttpClient.newHttpClient()) {
            HttpResponse<String> answer = http.send(HttpRequest.newBuilder(
                    URI.create("http://127.0.0.1:" + server.actualPort() + "/")).build(), HttpResponse.BodyHandlers.ofString());
            return answer.body();
        }
    }

    @Test
    void eventsOfOneTurnGoOutAsOneWriteAndTheEndTakesWhatIsPending() throws Exception {
        script = (response, out) -> {
            out.write(Buffer.buffer("data: 1\n\n"));
            out.write(Buffer.buffer("data: 2\n\n"));
            vertx.setTimer(20, id -> { // a later turn
                out.write(Buffer.buffer("data: 3\n\n"));
                out.end(TRAILER);
            });
        };

        assertThat(get()).isEqualTo("data: 1\n\ndata: 2\n\ndata: 3\n\ndata: [DONE]\n\n");
        assertThat(writes).as("1 and 2 in one write; 3 went with the end").hasValue(1);
        assertThat(get()).as("the shared trailer is unchanged for the next stream")
                .isEqualTo("data: 1\n\ndata: 2\n\ndata: 3\n\ndata: [DONE]\n\n");
        assertThat(TRAILER.toString()).isEqualTo("data: [DONE]\n\n");
    }

    @Test
    void aTurnThatRendersMuchWritesAsItGoesSoBackPressureIsCheckedInTime() throws Exception {
        String event = "data: " + "x".repeat(TurnWrites.FLUSH_BYTES / 2) + "\n\n";
        AtomicInteger writtenWithinTheTurn = new AtomicInteger(-1);
        script = (response, out) -> {
            for (int i = 0; i < 4; i++) {
                out.write(Buffer.buffer(event));
            }
            writtenWithinTheTurn.set(writes.get());
            out.end(TRAILER);
        };

        assertThat(get()).isEqualTo(event.repeat(4) + "data: [DONE]\n\n");
        assertThat(writtenWithinTheTurn).as("two writes of two events each, before the turn ended").hasValue(2);
    }

    @Test
    void anEventAloneInItsTurnIsWrittenInThatTurn() throws Exception {
        AtomicInteger writtenByTheNextTurn = new AtomicInteger(-1);
        script = (response, out) -> {
            out.write(Buffer.buffer("data: only\n\n"));
            vertx.setTimer(20, id -> {
                writtenByTheNextTurn.set(writes.get());
                out.end(TRAILER);
            });
        };

        assertThat(get()).isEqualTo("data: only\n\ndata: [DONE]\n\n");
        assertThat(writtenByTheNextTurn).as("written in its own turn, not held for the end").hasValue(1);
    }
}
