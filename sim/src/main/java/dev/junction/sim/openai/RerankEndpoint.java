package dev.junction.sim.openai;

import dev.junction.sim.SimScript;
import dev.junction.sim.SimScriptException;
import dev.junction.sim.embeddings.RerankScores;
import dev.junction.sim.engine.Exchange;
import dev.junction.sim.engine.Json;
import dev.junction.sim.engine.ScriptResolver;
import dev.junction.sim.engine.ScriptedResponder;
import io.vertx.core.buffer.Buffer;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import tools.jackson.databind.JsonNode;

/**
 * The Cohere/Jina-style {@code POST /rerank} that vLLM, llama.cpp server, Jina and Cohere serve: {@code query},
 * {@code documents} (strings or objects with {@code text}, at most {@value #MAX_DOCUMENTS}), {@code top_n},
 * {@code return_documents} (default true, as Jina and vLLM). Results come most relevant first (ties by index),
 * scored by {@link RerankScores}; the answer carries Jina's {@code usage.total_tokens} and Cohere's
 * {@code meta.billed_units.search_units} (a query with up to 100 documents is one unit). Errors are OpenAI's envelope,
 * as vLLM sends them. A script's {@code status}, {@code ttft_ms} and {@code hang} apply.
 */
final class RerankEndpoint {
    static final int MAX_DOCUMENTS = 1000;
    private static final int DOCUMENTS_PER_SEARCH_UNIT = 100;

    private RerankEndpoint() {
    }

    private record Scored(int index, String text, double score) {
    }

    static void handle(Exchange exchange) {
        if (!OpenAiProtocol.acceptedJsonObject(exchange)) {
            return;
        }
        JsonNode body = exchange.body();
        String model = body.path("model").asString("");
        SimScript script;
        String query;
        List<String> documents;
        int topN;
        try {
            if (model.isEmpty()) {
                throw invalid("model is required", "model");
            }
            query = body.path("query").asString("");
            if (query.isEmpty()) {
                throw invalid("query must be a non-empty string", "query");
            }
            documents = documents(body.get("documents"));
            topN = topN(body.get("top_n"), documents.size());
            script = ScriptResolver.resolve(exchange.options(), model, body);
        } catch (OpenAiPrompts.InvalidRequest e) {
            OpenAiErrors.badRequest(exchange, e.getMessage(), e.param);
            return;
        } catch (SimScriptException e) {
            OpenAiErrors.badRequest(exchange, "Invalid sim script: " + e.getMessage(),
                    Optional.of(ScriptResolver.BODY_FIELD));
            return;
        }
        boolean returnDocuments = body.path("return_documents").asBoolean(true);
        ScriptedResponder.respondWhole(exchange, script, status -> OpenAiErrors.body(OpenAiErrors.scripted(status, script)),
                () -> answer(model, query, documents, topN, returnDocuments));
    }

    private static Buffer answer(String model, String query, List<String> documents, int topN, boolean returnDocuments) {
        List<Scored> scored = new ArrayList<>(documents.size());
        for (int i = 0; i < documents.size(); i++) {
            scored.add(new Scored(i, documents.get(i), RerankScores.score(query, documents.get(i))));
        }
        scored.sort(Comparator.comparingDouble(Scored::score).reversed().thenComparingInt(Scored::index));
        int tokens = RerankScores.tokens(query, documents);
        int searchUnits = (documents.size() + DOCUMENTS_PER_SEARCH_UNIT - 1) / DOCUMENTS_PER_SEARCH_UNIT;
        return Json.buffer(g -> {
            g.writeStartObject();
            g.writeStringProperty("id", OpenAiIds.rerank());
            g.writeStringProperty("model", model);
            g.writeObjectPropertyStart("usage");
            g.writeNumberProperty("total_tokens", tokens);
            g.writeEndObject();
            g.writeArrayPropertyStart("results");
            for (Scored s : scored.subList(0, topN)) {
                g.writeStartObject();
                g.writeNumberProperty("index", s.index());
                g.writeNumberProperty("relevance_score", s.score());
                if (returnDocuments) {
                    g.writeObjectPropertyStart("document");
                    g.writeStringProperty("text", s.text());
                    g.writeEndObject();
                }
                g.writeEndObject();
            }
            g.writeEndArray();
            g.writeObjectPropertyStart("meta");
            g.writeObjectPropertyStart("billed_units");
            g.writeNumberProperty("search_units", searchUnits);
            g.writeEndObject();
            g.writeEndObject();
            g.writeEndObject();
        });
    }

    private static List<String> documents(JsonNode documents) {
        if (documents == null || !documents.isArray() || documents.isEmpty()) {
            throw invalid("documents must be a non-empty array", "documents");
        }
        if (documents.size() > MAX_DOCUMENTS) {
            throw invalid("at most " + MAX_DOCUMENTS + " documents are allowed, got " + documents.size(), "documents");
        }
        List<String> texts = new ArrayList<>(documents.size());
        for (JsonNode d : documents) {
            if (d.isString()) {
                texts.add(d.asString());
            } else if (d.isObject() && d.path("text").isString()) {
                texts.add(d.path("text").asString());
            } else {
                throw invalid("each document must be a string or an object with text", "documents");
            }
        }
        return texts;
    }

    private static int topN(JsonNode value, int documents) {
        if (value == null || value.isNull()) {
            return documents;
        }
        if (!value.isIntegralNumber() || value.asLong() < 1) {
            throw invalid("top_n must be a positive integer", "top_n");
        }
        return (int) Math.min(value.asLong(), documents);
    }

    private static OpenAiPrompts.InvalidRequest invalid(String message, String param) {
        return new OpenAiPrompts.InvalidRequest(message, Optional.of(param));
    }
}
