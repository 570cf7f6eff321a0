package dev.junction.testing;

import dev.junction.wire.Json;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Golden cases of a protocol translation, run through the real gateway — the production parser, generation,
 * translator and renderer — against an upstream that replays a recorded answer. Each case directory holds:
 * <ul>
 *   <li>{@code client_request.json}: what the client sends (streamed when it says so; a legacy completion
 *       when {@code case.json} names {@code /api/v1/completions} as its {@code path});</li>
 *   <li>{@code upstream_request.json}: the body Junction must send upstream; absent when Junction must refuse
 *       the request itself, sending nothing;</li>
 *   <li>{@code upstream_response.json} or {@code .sse}: the upstream's recorded answer;</li>
 *   <li>{@code client_response.json} or {@code .sse}: what the client must get back, with the generation's
 *       {@code id} and {@code created} normalised to {@code gen-golden} and 0, cost included;</li>
 *   <li>{@code case.json} (optional): {@code path} (default chat completions), {@code upstream_status},
 *       {@code upstream_headers}, {@code client_status} (default 200) and {@code client_headers};
 *       {@code cancel_after_events}: the upstream sends its recorded stream and keeps generating, the client
 *       reads that many events and hangs up — {@code client_response.sse} holds what it read, and the
 *       generation must be recorded as cancelled.</li>
 * </ul>
 * Run with {@code -Djunction.golden.update=true} to rewrite the expected files, then review the diff.
 */
public final class GoldenGateway implements AutoCloseable {
    private static final Duration AWAIT = Duration.ofSeconds(10);

    private final ReplayUpstream upstream;
    private final TestGateway gateway;

    /**
     * @param yaml the gateway's providers and models; {@code ${UPSTREAM}} is the replaying upstream's base URL
     *             (ending in {@code /v1}) and {@code ${UPSTREAM_ROOT}} the same without the path
     */
    public GoldenGateway(String yaml, Map<String, String> env) {
        upstream = new ReplayUpstream();
        Map<String, String> all = new LinkedHashMap<>(env);
        all.put("UPSTREAM", upstream.baseUrl());
        all.put("UPSTREAM_ROOT", upstream.baseUrl().substring(0, upstream.baseUrl().length() - "/v1".length()));
        // No keep-alive ever goes out, so a failure before the first chunk keeps its HTTP status.
        all.put("JUNCTION_SERVER_KEEP_ALIVE_INTERVAL", "1h");
        gateway = TestGateway.start(yaml, all);
    }

    public ReplayUpstream upstream() {
        return upstream;
    }

    public TestGateway gateway() {
        return gateway;
    }

    /** Runs one case: what goes upstream, and what the client gets back. */
    public void check(Path dir) {
        JsonNode meta = Golden.exists(dir, "case.json") ? Golden.json(dir, "case.json") : Json.object();
        boolean sse = Golden.exists(dir, "upstream_response.sse");
        Map<String, String> upstreamHeaders = new LinkedHashMap<>();
        meta.path("upstream_headers").properties().forEach(h -> upstreamHeaders.put(h.getKey(), h.getValue().asString()));
        String recorded = sse ? "upstream_response.sse" : "upstream_response.json";
        int cancelAfter = meta.path("cancel_after_events").asInt(0);
        upstream.reply(Golden.exists(dir, recorded)
                ? new ReplayUpstream.Reply(meta.path("upstream_status").asInt(200), upstreamHeaders,
                        sse ? "text/event-stream; charset=utf-8" : "application/json", Golden.text(dir, recorded),
                        cancelAfter > 0)
                : new ReplayUpstream.Reply(599, Map.of(), "text/plain", "this case must not reach the upstream"));
        String path = meta.path("path").asString("/api/v1/chat/completions");
        if (cancelAfter > 0) {
            checkCancel(dir, path, cancelAfter);
            checkSent(dir);
            return;
        }

        HttpResponse<String> response = gateway.post(path, Golden.text(dir, "client_request.json"));
        checkSent(dir);
        assertThat(response.statusCode()).as("client status; body: %s", response.body())
                .isEqualTo(meta.path("client_status").asInt(200));
        meta.path("client_headers").properties().forEach(h -> assertThat(response.headers().firstValue(h.getKey()))
                .as("client header %s", h.getKey()).hasValue(h.getValue().asString()));
        if (response.headers().firstValue("content-type").orElse("").startsWith("text/event-stream")) {
            assertEventNamesMatchTypes(response.body());
            List<JsonNode> events = Golden.sseData(response.body()).stream().map(GoldenGateway::normalise).toList();
            Golden.assertSse(dir, "client_response.sse", events);
        } else {
            Golden.assertJson(dir, "client_response.json", normalise(Golden.parse(response.body())));
        }
    }

    /** What went upstream: the expected body, or nothing when Junction must refuse the request itself. */
    private void checkSent(Path dir) {
        boolean sends = Golden.exists(dir, "upstream_request.json");
        Optional<ReplayUpstream.Received> sent = upstream.nextRequest(sends || Golden.UPDATE ? AWAIT : Duration.ZERO);
        if (sends || (Golden.UPDATE && sent.isPresent())) {
            assertThat(sent).as("the request sent upstream").isPresent();
            Golden.assertJson(dir, "upstream_request.json", Golden.parse(sent.get().body()));
        } else {
            assertThat(sent).as("nothing should have been sent upstream").isEmpty();
        }
    }

    /** The client reads {@code events} events of a stream, hangs up, and the generation is recorded as cancelled. */
    private void checkCancel(Path dir, String path, int events) {
        List<JsonNode> read = new ArrayList<>();
        try (SseReader sse = new SseReader(gateway.postStreaming(path, Golden.text(dir, "client_request.json")).body())) {
            while (read.size() < events) {
                read.add(Golden.parse(sse.nextData().orElseThrow(() -> new AssertionError("the stream ended early"))));
            }
        }
        JsonNode first = read.getFirst();
        // The id is the Responses API's response's, Anthropic's message's, or the chunk's own.
        JsonNode owner = first.has("response") ? first.get("response") : first.has("message") ? first.get("message") : first;
        String id = owner.get("id").asString();
        Golden.assertSse(dir, "client_response.sse", read.stream().map(GoldenGateway::normalise).toList());
        JsonNode generation = Poll.value("the cancelled generation " + id, () -> {
            HttpResponse<String> r = gateway.get("/api/v1/generation?id=" + id);
            return r.statusCode() == 200 ? Optional.of(Json.parse(r.body()).get("data")) : Optional.empty();
        });
        assertThat(generation.get("cancelled").asBoolean()).as("recorded as cancelled").isTrue();
    }

    /**
     * In a stream whose events are named (the Responses API's, Anthropic's), each {@code event:} line names its
     * data's {@code type}: the name is what the SDKs dispatch on, and the golden files hold the data only.
     */
    private static void assertEventNamesMatchTypes(String sse) {
        for (NamedEvents.Event event : NamedEvents.of(sse)) {
            if (!event.name().isEmpty()) {
                assertThat(Golden.parse(event.data()).path("type").asString(""))
                        .as("the type of the data of event '%s'", event.name()).isEqualTo(event.name());
            }
        }
    }

    /** Junction's generation id and creation time differ on every run; the golden files hold placeholders. */
    private static JsonNode normalise(JsonNode node) {
        if (node instanceof ObjectNode object) {
            if (object.path("id").asString("").startsWith("gen-")) {
                object.put("id", "gen-golden");
            }
            if (object.has("created")) {
                object.put("created", 0);
            }
            // The Responses API's ids and times: the response's, and its items' (which derive from it).
            if (object.path("id").asString("").startsWith("resp_")) {
                object.put("id", "resp_golden");
            }
            if (object.has("created_at")) {
                object.put("created_at", 0);
            }
            object.properties().forEach(field -> normalise(field.getValue()));
            if (object.path("item_id").isString()) {
                object.put("item_id", goldenItemId(object.get("item_id").asString()));
            }
            if (object.path("type").isString() && object.path("id").isString()) {
                object.put("id", goldenItemId(object.get("id").asString()));
            }
        } else if (node instanceof ArrayNode array) {
            array.forEach(GoldenGateway::normalise);
        }
        return node;
    }

    /** {@code msg_1733-Ab3…} → {@code msg_golden}, {@code fc_1733-Ab3…_0} → {@code fc_golden_0}. */
    private static String goldenItemId(String id) {
        return id.replaceFirst("^(msg|rs|fc)_[0-9]+-[A-Za-z0-9]{20}", "$1_golden");
    }

    @Override
    public void close() {
        gateway.close();
        upstream.close();
    }
}
