package dev.junction.sim.openai;

import dev.junction.sim.SimScript;
import dev.junction.sim.SimScriptException;
import dev.junction.sim.engine.Dialect;
import dev.junction.sim.engine.Exchange;
import dev.junction.sim.engine.Headers;
import dev.junction.sim.engine.Json;
import dev.junction.sim.engine.PromptInfo;
import dev.junction.sim.engine.ScriptResolver;
import dev.junction.sim.engine.ScriptedResponder;
import dev.junction.sim.engine.SimProtocol;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import tools.jackson.databind.JsonNode;

/**
 * The OpenAI endpoints: chat completions, legacy completions, embeddings and the model list; and the {@code /rerank}
 * that OpenAI-compatible servers such as vLLM add.
 */
public final class OpenAiProtocol implements SimProtocol {
    /** {@code created} of every listed model: fixed, so that listings compare equal across runs. */
    static final long MODEL_CREATED = 1_735_689_600L;

    private static final String MODELS_PATH = "/v1/models";
    /** Where vLLM serves its Cohere/Jina-style reranker (Jina and Cohere use the first and the second). */
    private static final java.util.Set<String> RERANK_PATHS = java.util.Set.of("/v1/rerank", "/v2/rerank", "/rerank");

    private final Dialect chat = new ChatDialect();
    private final Dialect legacy = new LegacyDialect();

    @Override
    public Optional<Endpoint> endpoint(HttpMethod method, String path) {
        if (method.equals(HttpMethod.POST) && path.equals("/v1/chat/completions")) {
            return Optional.of(exchange -> generate(exchange, chat, OpenAiPrompts::chat));
        }
        if (method.equals(HttpMethod.POST) && path.equals("/v1/completions")) {
            return Optional.of(exchange -> generate(exchange, legacy, OpenAiPrompts::legacy));
        }
        if (method.equals(HttpMethod.POST) && path.equals("/v1/embeddings")) {
            return Optional.of(OpenAiEmbeddings::handle);
        }
        if (method.equals(HttpMethod.POST) && RERANK_PATHS.contains(path)) {
            return Optional.of(RerankEndpoint::handle);
        }
        if (method.equals(HttpMethod.GET) && path.equals(MODELS_PATH)) {
            return Optional.of(this::listModels);
        }
        if (method.equals(HttpMethod.GET) && path.startsWith(MODELS_PATH + "/")) {
            return Optional.of(exchange -> retrieveModel(exchange, path.substring(MODELS_PATH.length() + 1)));
        }
        return Optional.empty();
    }

    private void generate(Exchange exchange, Dialect dialect, Function<JsonNode, PromptInfo> parse) {
        JsonNode body = exchange.body();
        // Recorded before any check, so that a test can see what was sent even when the sim rejects it.
        exchange.record().request(body.path("model").asString(""), OpenAiPrompts.stream(body));
        if (!authorized(exchange)) {
            return;
        }
        if (exchange.bodyError().isPresent() || !body.isObject()) {
            OpenAiErrors.badRequest(exchange, "We could not parse the JSON body of your request. (HINT: This likely "
                    + "means you aren't using your HTTP library correctly. The OpenAI API expects a JSON payload, "
                    + "but what was sent was not valid JSON.)", Optional.empty());
            return;
        }
        PromptInfo prompt;
        SimScript script;
        try {
            prompt = parse.apply(body);
        } catch (OpenAiPrompts.InvalidRequest e) {
            OpenAiErrors.badRequest(exchange, e.getMessage(), e.param);
            return;
        }
        if (overContext(exchange, prompt)) {
            return;
        }
        try {
            script = ScriptResolver.resolve(exchange.options(), prompt.model(), body);
        } catch (SimScriptException e) {
            OpenAiErrors.badRequest(exchange, "Invalid sim script: " + e.getMessage(),
                    Optional.of(ScriptResolver.BODY_FIELD));
            return;
        }
        ScriptedResponder.respond(exchange, prompt, script, dialect);
    }

    /**
     * A model given a context window ({@link dev.junction.sim.SimOptions#withContextLength}) refuses a prompt that,
     * with {@code max_tokens}, does not fit it, as OpenAI does; the prompt is counted in words.
     */
    private static boolean overContext(Exchange exchange, PromptInfo prompt) {
        var context = exchange.options().explicitContextLength(prompt.model());
        if (context.isEmpty()) {
            return false;
        }
        int completion = prompt.maxTokens().orElse(0);
        if (prompt.promptTokens() + completion <= context.getAsInt()) {
            return false;
        }
        String message = "This model's maximum context length is " + context.getAsInt() + " tokens. However, you "
                + "requested " + (prompt.promptTokens() + completion) + " tokens (" + prompt.promptTokens()
                + " in the messages, " + completion + " in the completion). Please reduce the length of the "
                + "messages or completion.";
        OpenAiErrors.send(exchange, 400, new OpenAiErrors.ApiError(message, "invalid_request_error",
                Optional.of("messages"), Optional.of("context_length_exceeded")));
        return true;
    }

    private void listModels(Exchange exchange) {
        if (!authorized(exchange)) {
            return;
        }
        if (exchange.options().modelsBody().isPresent()) {
            exchange.respond(200, ScriptedResponder.JSON, Buffer.buffer(exchange.options().modelsBody().get()), Map.of());
            return;
        }
        List<String> ids = exchange.options().models();
        exchange.respond(200, ScriptedResponder.JSON, Json.buffer(g -> {
            g.writeStartObject();
            g.writeStringProperty("object", "list");
            g.writeArrayPropertyStart("data");
            for (String id : ids) {
                writeModel(g, id);
            }
            g.writeEndArray();
            g.writeEndObject();
        }), Map.of());
    }

    private void retrieveModel(Exchange exchange, String id) {
        if (!authorized(exchange)) {
            return;
        }
        if (!exchange.options().models().contains(id)) {
            OpenAiErrors.send(exchange, 404, new OpenAiErrors.ApiError("The model '" + id
                    + "' does not exist or you do not have access to it.", "invalid_request_error",
                    Optional.empty(), Optional.of("model_not_found")));
            return;
        }
        exchange.respond(200, ScriptedResponder.JSON, Json.buffer(g -> writeModel(g, id)), Map.of());
    }

    private static void writeModel(tools.jackson.core.JsonGenerator g, String id) {
        g.writeStartObject();
        g.writeStringProperty("id", id);
        g.writeStringProperty("object", "model");
        g.writeNumberProperty("created", MODEL_CREATED);
        g.writeStringProperty("owned_by", "junction-sim");
        g.writeEndObject();
    }

    /**
     * The start every JSON endpoint beside chat shares (embeddings, rerank): the request recorded under its model,
     * the key checked, and a body that is not a JSON object refused as OpenAI refuses it. False when the answer has
     * already been sent.
     */
    static boolean acceptedJsonObject(Exchange exchange) {
        JsonNode body = exchange.body();
        exchange.record().request(body.path("model").asString(""), false);
        if (!authorized(exchange)) {
            return false;
        }
        if (exchange.bodyError().isPresent() || !body.isObject()) {
            OpenAiErrors.badRequest(exchange, "We could not parse the JSON body of your request.", Optional.empty());
            return false;
        }
        return true;
    }

    /** OpenAI checks the key before anything else; the messages are OpenAI's, without echoing the key. */
    static boolean authorized(Exchange exchange) {
        var required = exchange.options().requiredApiKey();
        var headers = exchange.request().headers();
        if (Headers.bearerAuthorized(required, headers)) {
            return true;
        }
        boolean missing = Headers.bearer(headers).isEmpty();
        OpenAiErrors.send(exchange, 401, missing
                ? new OpenAiErrors.ApiError("You didn't provide an API key. You need to provide your API key in an "
                        + "Authorization header using Bearer auth (i.e. Authorization: Bearer YOUR_KEY).",
                        "invalid_request_error", Optional.empty(), Optional.empty())
                : new OpenAiErrors.ApiError("Incorrect API key provided.", "invalid_request_error",
                        Optional.empty(), Optional.of("invalid_api_key")));
        return false;
    }
}
