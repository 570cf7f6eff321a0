package dev.junction.testing;

import dev.junction.wire.Json;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
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
 *       {@code upstream_headers}, {@code client_status} (default 200) and {@code client_headers}.</li>
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
        upstream.reply(Golden.exists(dir, recorded)
                ? new ReplayUpstream.Reply(meta.path("upstream_status").asInt(200), upstreamHeaders,
                        sse ? "text/event-stream; charset=utf-8" : "application/json", Golden.text(dir, recorded))
                : new ReplayUpstream.Reply(599, Map.of(), "text/plain", "this case must not reach the upstream"));

        HttpResponse<String> response = gateway.post(meta.path("path").asString("/api/v1/chat/completions"),
                Golden.text(dir, "client_request.json"));

        boolean sends = Golden.exists(dir, "upstream_request.json");
        Optional<ReplayUpstream.Received> sent = upstream.nextRequest(sends || Golden.UPDATE ? AWAIT : Duration.ZERO);
        if (sends || (Golden.UPDATE && sent.isPresent())) {
            assertThat(sent).as("the request sent upstream").isPresent();
            Golden.assertJson(dir, "upstream_request.json", Golden.parse(sent.get().body()));
        } else {
            assertThat(sent).as("nothing should have been sent upstream").isEmpty();
        }
        assertThat(response.statusCode()).as("client status; body: %s", response.body())
                .isEqualTo(meta.path("client_status").asInt(200));
        meta.path("client_headers").properties().forEach(h -> assertThat(response.headers().firstValue(h.getKey()))
                .as("client header %s", h.getKey()).hasValue(h.getValue().asString()));
        if (response.headers().firstValue("content-type").orElse("").startsWith("text/event-stream")) {
            List<JsonNode> events = Golden.sseData(response.body()).stream().map(GoldenGateway::normalise).toList();
            Golden.assertSse(dir, "client_response.sse", events);
        } else {
            Golden.assertJson(dir, "client_response.json", normalise(Golden.parse(response.body())));
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
        }
        return node;
    }

    @Override
    public void close() {
        gateway.close();
        upstream.close();
    }
}
