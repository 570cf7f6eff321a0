package dev.junction.api;

import dev.junction.catalog.Catalog;
import dev.junction.generation.ErrorRenderer;
import dev.junction.generation.anthropic.AnthropicDialect;
import dev.junction.generation.anthropic.PromptTokens;
import dev.junction.routing.ModelRef;
import dev.junction.routing.UnknownModelException;
import dev.junction.wire.ClientRequest;
import dev.junction.wire.JsonBuffers;
import dev.junction.wire.RequestParser;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerRequest;

import java.util.Map;

/**
 * {@code POST /messages/count_tokens}: how many tokens a Messages API prompt holds, estimated by the gateway's
 * tokenizer off the event loop ({@link PromptTokens}) and labelled as an estimate. Nothing goes upstream and nothing
 * is billed; the request is read and checked like a {@code /messages} request (without {@code max_tokens}), its
 * errors in Anthropic's envelope, and its model must be one the catalog knows.
 */
final class CountTokensHandler implements RouteTable.Handler {
    private final AnthropicDialect dialect;
    private final Services services;
    private final Vertx vertx;
    private final Auth auth;

    CountTokensHandler(AnthropicDialect dialect, Services services, Vertx vertx) {
        this.dialect = dialect;
        this.services = services;
        this.vertx = vertx;
        this.auth = new Auth(services.keys());
    }

    @Override
    public ErrorRenderer errors() {
        return dialect.errors();
    }

    @Override
    public Future<?> handle(HttpServerRequest request, Map<String, String> pathParams) {
        request.pause(); // the key lookup may go to the store; the body must wait, not be dropped
        return auth.standard(request)
                .compose(key -> BodyReader.read(request, services.config().server().maxBodyBytes()))
                .compose(body -> {
                    ClientRequest prompt = JsonBuffers.apply(body,
                            (bytes, offset, length) -> dialect.prompt(RequestParser.object(bytes, offset, length)));
                    prompt.models().forEach(this::known);
                    return vertx.executeBlocking(() -> PromptTokens.estimate(prompt), false);
                })
                .compose(tokens -> request.response().putHeader(HttpHeaders.CONTENT_TYPE, "application/json")
                        .end(PromptTokens.answer(tokens)));
    }

    /** A model the catalog knows, by its id or an alias, with or without a variant. */
    private void known(String id) {
        Catalog catalog = services.catalogs().current();
        if (!catalog.knows(ModelRef.parse(id, catalog::knows).slug())) {
            throw new UnknownModelException(id);
        }
    }
}
