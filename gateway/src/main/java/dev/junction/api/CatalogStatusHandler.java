package dev.junction.api;

import dev.junction.catalog.Catalog;
import dev.junction.catalog.Endpoint;
import dev.junction.catalog.Model;
import dev.junction.catalog.discovery.RefreshReport;
import dev.junction.config.ProviderConfig;
import dev.junction.wire.Json;
import io.vertx.core.Future;
import io.vertx.core.http.HttpServerRequest;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * {@code GET /api/v1/health/catalog} (any key): the catalog's state for an operator — each provider, whether it
 * has its credentials and how many of its endpoints can be routed, and the latest refresh: when it ran, and what
 * failed (an invalid configuration edit, a provider whose model list could not be read). Behind a key, as discovery
 * errors may name internal servers.
 */
final class CatalogStatusHandler implements RouteTable.Handler {
    private final Services services;
    private final Auth auth;

    CatalogStatusHandler(Services services) {
        this.services = services;
        this.auth = new Auth(services.keys());
    }

    @Override
    public Future<?> handle(HttpServerRequest request, Map<String, String> pathParams) {
        return auth.any(request).compose(key -> {
            ObjectNode body = Json.object();
            ObjectNode data = body.putObject("data");
            Catalog catalog = services.catalogs().current();
            data.put("models", catalog.models().size());
            data.put("routable_models", catalog.models().stream().filter(m -> !m.routableEndpoints().isEmpty()).count());
            data.put("refresh_interval_seconds", services.config().catalog().refreshInterval().toSeconds());
            providers(catalog, data.putArray("providers"));
            refresh(services.catalogRefreshes().get(), data);
            return KeysHandler.send(request, 200, body);
        });
    }

    private static void providers(Catalog catalog, ArrayNode into) {
        for (ProviderConfig provider : catalog.providers().values()) {
            long endpoints = 0;
            for (Model model : catalog.models()) {
                for (Endpoint endpoint : model.endpoints()) {
                    if (endpoint.provider().id().equals(provider.id())) {
                        endpoints++;
                    }
                }
            }
            into.addObject()
                    .put("id", provider.id())
                    .put("name", provider.name())
                    .put("kind", provider.kind().name().toLowerCase(Locale.ROOT))
                    .put("has_credentials", provider.hasCredentials())
                    .put("credentials_env", provider.apiKeyEnv().orElse(null))
                    .put("discovery", provider.discovery().name().toLowerCase(Locale.ROOT))
                    .put("endpoints", endpoints);
        }
    }

    private static void refresh(Optional<RefreshReport> last, ObjectNode data) {
        if (last.isEmpty()) {
            data.putNull("last_refresh");
            return;
        }
        RefreshReport r = last.get();
        ObjectNode node = data.putObject("last_refresh")
                .put("at", r.at().toString())
                .put("config_reloaded", r.configReloaded())
                .put("config_error", r.configError().orElse(null))
                .put("catalog_changed", r.catalogChanged())
                .put("models", r.models())
                .put("routable_models", r.routableModels());
        ObjectNode errors = node.putObject("discovery_errors");
        r.discoveryErrors().forEach(errors::put);
    }
}
