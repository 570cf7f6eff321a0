package dev.junction.sim.gemini;

import dev.junction.sim.SimScript;
import dev.junction.sim.SimScriptException;
import dev.junction.sim.engine.Exchange;
import dev.junction.sim.engine.ScriptResolver;
import dev.junction.sim.engine.ScriptedResponder;
import dev.junction.sim.engine.SimProtocol;
import io.vertx.core.http.HttpMethod;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import tools.jackson.databind.JsonNode;

/**
 * Google's Gemini API: {@code POST /v1beta/models/{model}:generateContent} and
 * {@code :streamGenerateContent} ({@code ?alt=sse} for SSE), also under {@code /v1} and for
 * {@code tunedModels/}; and its embeddings, {@code :embedContent} and {@code :batchEmbedContents}
 * ({@link GeminiEmbeddings}). The model is the path's; the script is resolved as for every protocol. Two
 * behaviours make tool-calling loops work as with a real model:
 * <ul>
 *   <li>A turn that only answers function calls gets an answer, not the scripted calls again: the reply, or
 *       the function responses echoed back.</li>
 *   <li>A script with {@code reasoning} simulates a thinking model: it signs its answers
 *       ({@code thoughtSignature}), and, like Gemini 3, refuses (400) a request whose current turn holds one of
 *       its function calls without the signature it issued, or any signature it never issued.</li>
 * </ul>
 */
public final class GeminiProtocol implements SimProtocol {
    private static final Pattern PATH = Pattern.compile(
            "^/(?:v1beta|v1)/((?:models|tunedModels)/[^/:]+):(generateContent|streamGenerateContent|embedContent|batchEmbedContents)$");

    @Override
    public Optional<Endpoint> endpoint(HttpMethod method, String path) {
        Matcher m = PATH.matcher(path);
        if (!method.equals(HttpMethod.POST) || !m.matches()) {
            return Optional.empty();
        }
        String resource = m.group(1);
        String model = resource.startsWith("models/") ? resource.substring("models/".length()) : resource;
        if (m.group(2).equals("embedContent")) {
            return Optional.of(exchange -> GeminiEmbeddings.single(exchange, model));
        }
        if (m.group(2).equals("batchEmbedContents")) {
            return Optional.of(exchange -> GeminiEmbeddings.batch(exchange, model));
        }
        boolean stream = m.group(2).equals("streamGenerateContent");
        return Optional.of(exchange -> generate(exchange, model, stream));
    }

    private void generate(Exchange exchange, String model, boolean stream) {
        JsonNode body = exchange.body();
        exchange.record().request(model, stream);
        if (!authorized(exchange)) {
            return;
        }
        if (exchange.bodyError().isPresent() || !body.isObject()) {
            GeminiErrors.invalid(exchange, "Invalid JSON payload received. "
                    + exchange.bodyError().orElse("Expected a JSON object."));
            return;
        }
        SimScript script;
        GeminiRequest request;
        try {
            GeminiValidator.validate(body);
            script = ScriptResolver.resolve(exchange.options(), model, body);
            request = GeminiRequest.parse(body, model, stream, "sse".equals(exchange.request().getParam("alt")));
            if (script.reasoning().isPresent() && script.raw().isEmpty()) {
                GeminiSignatureCheck.check(body);
            }
        } catch (GeminiValidator.Invalid e) {
            GeminiErrors.invalid(exchange, e.getMessage());
            return;
        } catch (SimScriptException e) {
            GeminiErrors.invalid(exchange, "Invalid sim script: " + e.getMessage());
            return;
        }
        ScriptedResponder.respond(exchange, request.prompt(), script,
                new GeminiDialect(request, script.reasoning().isPresent()));
    }

    /** Google takes the key from {@code x-goog-api-key} or the {@code key} query parameter. */
    static boolean authorized(Exchange exchange) {
        Optional<String> required = exchange.options().requiredApiKey();
        if (required.isEmpty()) {
            return true;
        }
        var request = exchange.request();
        String given = Optional.ofNullable(request.getHeader("x-goog-api-key")).orElse(request.getParam("key"));
        boolean ok = given != null && MessageDigest.isEqual(given.getBytes(StandardCharsets.UTF_8),
                required.get().getBytes(StandardCharsets.UTF_8));
        exchange.record().authorized(ok);
        if (!ok) {
            if (given == null) {
                GeminiErrors.missingKey(exchange);
            } else {
                GeminiErrors.invalidKey(exchange);
            }
        }
        return ok;
    }
}
