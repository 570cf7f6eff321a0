package dev.junction.api;

import dev.junction.catalog.Catalog;
import dev.junction.catalog.Endpoint;
import dev.junction.catalog.Model;
import dev.junction.routing.EndpointHealth;
import dev.junction.wire.Json;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerRequest;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The catalog endpoints: {@code /models} (with filters, paging and RSS), {@code /models/count},
 * {@code /models/user}, {@code /models/embeddings} (also {@code /embeddings/models}),
 * {@code /model(s)/{author}/{slug}}, {@code /models/{author}/{slug}/endpoints},
 * {@code /parameters/{author}/{slug}} (each also with the id in one segment, {@code openai%2Fgpt-4o}),
 * {@code /providers} and {@code /endpoints/zdr}. Like OpenRouter's,
 * they are public except {@code /models/user}. Only models with a routable endpoint are listed unless
 * {@code include_unavailable=true}.
 */
final class CatalogHandler {
    private final Services services;
    private final EndpointHealth health;
    private final Auth auth;

    CatalogHandler(Services services) {
        this.services = services;
        this.health = services.router().health();
        this.auth = new Auth(services.keys());
    }

    Future<?> models(HttpServerRequest request, Map<String, String> params) {
        List<Model> models = ModelQuery.from(request, health, "text").apply(listed(request));
        if ("true".equals(request.getParam("use_rss"))) {
            return ModelsRss.send(request, models, "true".equals(request.getParam("use_rss_chat_links")));
        }
        return page(request, models);
    }

    Future<?> userModels(HttpServerRequest request, Map<String, String> params) {
        return auth.any(request).compose(key -> page(request, ModelQuery.from(request, health, "text").apply(listed(request))));
    }

    Future<?> embeddingModels(HttpServerRequest request, Map<String, String> params) {
        return page(request, ModelQuery.from(request, health, "embeddings").apply(listed(request)));
    }

    Future<?> count(HttpServerRequest request, Map<String, String> params) {
        int count = ModelQuery.from(request, health, "text").apply(listed(request)).size();
        ObjectNode body = Json.object();
        body.putObject("data").put("count", count);
        return json(request, body);
    }

    /**
     * One model, twice over: its fields at the top level, as OpenAI's SDKs read {@code GET /models/{model}} (its
     * {@code id}, {@code object}, {@code created}, {@code owned_by}), and under {@code data}, as OpenRouter wraps
     * every answer.
     */
    Future<?> model(HttpServerRequest request, Map<String, String> params) {
        ObjectNode model = CatalogJson.model(find(params), health);
        ObjectNode body = model.deepCopy();
        body.set("data", model);
        return json(request, body);
    }

    Future<?> endpoints(HttpServerRequest request, Map<String, String> params) {
        Model model = find(params);
        ObjectNode body = Json.object();
        body.set("data", CatalogJson.modelEndpoints(model, model.routableEndpoints(), health));
        return json(request, body);
    }

    Future<?> parameters(HttpServerRequest request, Map<String, String> params) {
        Model model = find(params);
        String provider = request.getParam("provider");
        List<Endpoint> endpoints = model.routableEndpoints();
        if (provider != null && !provider.isBlank()) {
            endpoints = endpoints.stream().filter(e -> provider.equalsIgnoreCase(e.provider().id())
                    || provider.equalsIgnoreCase(e.providerName()) || provider.equalsIgnoreCase(e.tag())).toList();
            if (endpoints.isEmpty()) {
                throw ApiException.notFound("Provider " + provider + " does not serve " + model.slug());
            }
        }
        ObjectNode data = Json.object();
        data.put("model", model.slug());
        ArrayNode list = data.putArray("supported_parameters");
        endpoints.stream().flatMap(e -> e.supportedParameters().stream()).distinct().sorted().forEach(list::add);
        ObjectNode body = Json.object();
        body.set("data", data);
        return json(request, body);
    }

    Future<?> providers(HttpServerRequest request, Map<String, String> params) {
        ObjectNode body = Json.object();
        ArrayNode data = body.putArray("data");
        services.catalogs().current().providers().values().forEach(p -> data.add(CatalogJson.provider(p)));
        return json(request, body);
    }

    Future<?> zdrEndpoints(HttpServerRequest request, Map<String, String> params) {
        ObjectNode body = Json.object();
        ArrayNode data = body.putArray("data");
        for (Model model : services.catalogs().current().models()) {
            model.routableEndpoints().stream().filter(Endpoint::zeroDataRetention)
                    .forEach(e -> data.add(CatalogJson.endpoint(model, e, health)));
        }
        return json(request, body);
    }

    /** The catalog's models, and {@code openrouter/auto} when the auto-router is configured. */
    private Stream<Model> listed(HttpServerRequest request) {
        boolean all = "true".equals(request.getParam("include_unavailable"));
        return Stream.concat(services.catalogs().current().models().stream(), services.router().autoModel().stream())
                .filter(m -> all || !m.routableEndpoints().isEmpty());
    }

    /** The model a path names: {@code {author}/{slug}} in two segments, or {@code {model}} in one (slash encoded). */
    private Model find(Map<String, String> params) {
        String id = params.containsKey("model") ? params.get("model") : params.get("author") + "/" + params.get("slug");
        Catalog catalog = services.catalogs().current();
        return catalog.model(id).or(() -> services.router().autoModel().filter(m -> m.slug().equals(id)))
                .orElseThrow(() -> ApiException.notFound("Model " + id + " does not exist"));
    }

    private Future<Void> page(HttpServerRequest request, List<Model> models) {
        ModelQuery query = ModelQuery.from(request, health, "text");
        int from = Math.min(query.offset(), models.size());
        int to = (int) Math.min((long) from + query.limit(), models.size());
        ObjectNode body = Json.object();
        body.put("object", "list");
        ArrayNode data = body.putArray("data");
        models.subList(from, to).forEach(m -> data.add(CatalogJson.model(m, health)));
        String next = to < models.size() ? request.path() + "?offset=" + to + "&limit=" + query.limit() : null;
        body.putObject("links").put("next", next);
        body.put("total_count", models.size());
        return json(request, body);
    }

    static Future<Void> json(HttpServerRequest request, ObjectNode body) {
        return request.response()
                .putHeader(HttpHeaders.CONTENT_TYPE, "application/json")
                .end(Buffer.buffer(Json.bytes(body)));
    }
}
