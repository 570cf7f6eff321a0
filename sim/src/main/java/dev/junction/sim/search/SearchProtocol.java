package dev.junction.sim.search;

import dev.junction.sim.engine.Exchange;
import dev.junction.sim.engine.Json;
import dev.junction.sim.engine.ScriptedResponder;
import dev.junction.sim.engine.SimProtocol;
import io.vertx.core.http.HttpMethod;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Web search over the {@link SearchCorpus}, as two real search services answer it:
 * <ul>
 *   <li>{@code GET /search?q=…&format=json} — a self-hosted SearXNG's JSON API ({@code results[]} of {@code url},
 *   {@code title}, {@code content}, {@code engine}, {@code score}); without {@code format=json} SearXNG answers 403,
 *   as an instance with the JSON format switched off does;</li>
 *   <li>{@code POST /search} with {@code {"query", "max_results"}} and a bearer key — Tavily's search API
 *   ({@code results[]} of {@code title}, {@code url}, {@code content}, {@code score}).</li>
 * </ul>
 * SearXNG pages ten results and has no count parameter; the client keeps as many as it wants.
 */
public final class SearchProtocol implements SimProtocol {
    private static final String PATH = "/search";

    @Override
    public Optional<Endpoint> endpoint(HttpMethod method, String path) {
        if (!path.equals(PATH)) {
            return Optional.empty();
        }
        if (method.equals(HttpMethod.GET)) {
            return Optional.of(SearchProtocol::searxng);
        }
        if (method.equals(HttpMethod.POST)) {
            return Optional.of(SearchProtocol::tavily);
        }
        return Optional.empty();
    }

    private static void searxng(Exchange exchange) {
        var request = exchange.request();
        if (!"json".equals(request.getParam("format"))) {
            exchange.respond(403, "text/html", io.vertx.core.buffer.Buffer.buffer("<h1>403 Forbidden</h1>"), Map.of());
            return;
        }
        String query = Optional.ofNullable(request.getParam("q")).orElse("");
        List<SearchCorpus.Result> results = SearchCorpus.search(query, SearchCorpus.MAX_RESULTS);
        exchange.respond(200, ScriptedResponder.JSON, Json.buffer(g -> {
            g.writeStartObject();
            g.writeStringProperty("query", query);
            g.writeNumberProperty("number_of_results", results.size());
            g.writeArrayPropertyStart("results");
            double score = 1.0;
            for (SearchCorpus.Result r : results) {
                g.writeStartObject();
                g.writeStringProperty("url", r.url());
                g.writeStringProperty("title", r.title());
                g.writeStringProperty("content", r.content());
                g.writeStringProperty("engine", "sim");
                g.writeArrayPropertyStart("engines");
                g.writeString("sim");
                g.writeEndArray();
                g.writeNumberProperty("score", score);
                g.writeStringProperty("category", "general");
                g.writeEndObject();
                score /= 2;
            }
            g.writeEndArray();
            g.writeArrayPropertyStart("answers");
            g.writeEndArray();
            g.writeArrayPropertyStart("suggestions");
            g.writeEndArray();
            g.writeArrayPropertyStart("unresponsive_engines");
            g.writeEndArray();
            g.writeEndObject();
        }), Map.of());
    }

    private static void tavily(Exchange exchange) {
        String auth = Optional.ofNullable(exchange.request().getHeader("Authorization")).orElse("");
        if (!auth.startsWith("Bearer ") || auth.length() <= "Bearer ".length()) {
            exchange.respond(401, ScriptedResponder.JSON,
                    io.vertx.core.buffer.Buffer.buffer("{\"detail\":{\"error\":\"Unauthorized: missing or invalid API key.\"}}"),
                    Map.of());
            return;
        }
        var body = exchange.body();
        String query = body == null ? "" : body.path("query").asString("");
        if (query.isBlank()) {
            exchange.respond(400, ScriptedResponder.JSON,
                    io.vertx.core.buffer.Buffer.buffer("{\"detail\":{\"error\":\"Query is missing.\"}}"), Map.of());
            return;
        }
        int max = body.path("max_results").asInt(5);
        List<SearchCorpus.Result> results = SearchCorpus.search(query, max);
        exchange.respond(200, ScriptedResponder.JSON, Json.buffer(g -> {
            g.writeStartObject();
            g.writeStringProperty("query", query);
            g.writeNullProperty("answer");
            g.writeArrayPropertyStart("images");
            g.writeEndArray();
            g.writeArrayPropertyStart("results");
            double score = 0.9;
            for (SearchCorpus.Result r : results) {
                g.writeStartObject();
                g.writeStringProperty("title", r.title());
                g.writeStringProperty("url", r.url());
                g.writeStringProperty("content", r.content());
                g.writeNumberProperty("score", score);
                g.writeNullProperty("raw_content");
                g.writeEndObject();
                score /= 2;
            }
            g.writeEndArray();
            g.writeNumberProperty("response_time", 0.01);
            g.writeEndObject();
        }), Map.of());
    }
}
