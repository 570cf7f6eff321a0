package dev.junction.sim.anthropic;

import dev.junction.sim.SimScript;
import dev.junction.sim.SimScriptException;
import dev.junction.sim.engine.Exchange;
import dev.junction.sim.engine.PromptInfo;
import dev.junction.sim.engine.ScriptResolver;
import dev.junction.sim.engine.ScriptedResponder;
import dev.junction.sim.engine.SimProtocol;
import io.vertx.core.http.HttpMethod;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Optional;

/**
 * Anthropic's {@code POST /v1/messages}. Checked in Anthropic's order: the key ({@code x-api-key}, when the sim
 * requires one), the {@code anthropic-version} header, the JSON body, then the request itself.
 *
 * <p>A simulated model calls a tool (the scripted ones, else the first offered) once per user turn: when the last
 * user turn carries tool results, it answers them in text instead (echoing the results unless a reply is scripted),
 * so a client's tool loop ends.
 */
public final class AnthropicProtocol implements SimProtocol {
    static final String PATH = "/v1/messages";

    @Override
    public Optional<Endpoint> endpoint(HttpMethod method, String path) {
        if (method.equals(HttpMethod.POST) && path.equals(PATH)) {
            return Optional.of(this::messages);
        }
        return Optional.empty();
    }

    private void messages(Exchange exchange) {
        var body = exchange.body();
        exchange.record().request(body.path("model").asString(""), body.path("stream").asBoolean(false));
        if (!authorized(exchange)) {
            return;
        }
        if (exchange.request().getHeader("anthropic-version") == null) {
            AnthropicErrors.invalid(exchange, "anthropic-version: header is required");
            return;
        }
        if (exchange.bodyError().isPresent() || !body.isObject()) {
            AnthropicErrors.invalid(exchange, "There was an issue with the format of your request: the body is not "
                    + "valid JSON.");
            return;
        }
        PromptInfo prompt;
        SimScript script;
        try {
            prompt = AnthropicPrompts.parse(body);
            script = ScriptResolver.resolve(exchange.options(), prompt.model(), body);
        } catch (AnthropicPrompts.InvalidRequest e) {
            AnthropicErrors.invalid(exchange, e.getMessage());
            return;
        } catch (SimScriptException e) {
            AnthropicErrors.invalid(exchange, ScriptResolver.BODY_FIELD + ": Invalid sim script: " + e.getMessage());
            return;
        }
        ScriptedResponder.respond(exchange, prompt, script, new MessagesDialect(script));
    }

    /** Anthropic takes the key in {@code x-api-key}; a bearer token does not count. */
    private static boolean authorized(Exchange exchange) {
        Optional<String> required = exchange.options().requiredApiKey();
        String given = exchange.request().getHeader("x-api-key");
        boolean ok = required.isEmpty() || (given != null && MessageDigest.isEqual(
                given.getBytes(StandardCharsets.UTF_8), required.get().getBytes(StandardCharsets.UTF_8)));
        exchange.record().authorized(ok);
        if (!ok) {
            AnthropicErrors.send(exchange, 401, new AnthropicErrors.ApiError("authentication_error",
                    given == null ? "x-api-key header is required" : "invalid x-api-key"));
        }
        return ok;
    }
}
