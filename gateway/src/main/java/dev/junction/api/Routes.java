package dev.junction.api;

import dev.junction.generation.ChatCompletionsRenderer;
import dev.junction.generation.Dialect;
import dev.junction.generation.Generations;
import dev.junction.generation.LegacyCompletionsRenderer;
import dev.junction.generation.anthropic.AnthropicDialect;
import dev.junction.generation.responses.ResponsesDialect;
import dev.junction.generation.retrieval.EmbeddingsDialect;
import dev.junction.generation.retrieval.RerankDialect;
import dev.junction.observability.AccessLog;
import dev.junction.observability.InFlightRequests;
import dev.junction.teams.PresetMerge;
import dev.junction.wire.ApiKind;
import dev.junction.wire.EmbeddingsRequestParser;
import dev.junction.wire.RerankRequestParser;
import dev.junction.wire.RequestParser;
import io.vertx.core.Vertx;

import java.util.Optional;
import java.util.function.BooleanSupplier;

import static io.vertx.core.http.HttpMethod.DELETE;
import static io.vertx.core.http.HttpMethod.GET;
import static io.vertx.core.http.HttpMethod.PATCH;
import static io.vertx.core.http.HttpMethod.POST;
import static io.vertx.core.http.HttpMethod.PUT;

/**
 * The one route table: every path Junction serves is listed here, and described in {@code openapi.yaml} (served at
 * {@value OpenApiDocument#PATH}; a route missing there stops the start). The OpenAI-style {@code /v1/...} aliases
 * exist for clients that assume OpenAI's base path.
 */
final class Routes {
    private Routes() {}

    static RouteTable build(Services services, Generations generations, Vertx vertx, BooleanSupplier accepting,
                            InFlightRequests inFlight) {
        RequestParser parser = services.parser();
        var tracker = new RequestTracker(new AccessLog(services.config().logging()), services.telemetry().requests(),
                inFlight, System::nanoTime);
        Dialect chatDialect = (bytes, offset, length) ->
                new Dialect.Parsed(parser.parse(bytes, offset, length, ApiKind.CHAT), ChatCompletionsRenderer.INSTANCE);
        Dialect legacyDialect = (bytes, offset, length) ->
                new Dialect.Parsed(parser.parse(bytes, offset, length, ApiKind.COMPLETION), LegacyCompletionsRenderer.INSTANCE);
        var chat = new CompletionHandler(chatDialect, Optional.of(PresetMerge.Dialect.CHAT), services, generations, vertx, tracker);
        var completions = new CompletionHandler(legacyDialect, services, generations, vertx, tracker);
        var responses = new CompletionHandler(new ResponsesDialect(parser), Optional.of(PresetMerge.Dialect.RESPONSES), services,
                generations, vertx, tracker);
        var anthropic = new AnthropicDialect(parser);
        var messages = new CompletionHandler(anthropic, Optional.of(PresetMerge.Dialect.MESSAGES), services, generations, vertx,
                tracker);
        var embeddings = new CompletionHandler(new EmbeddingsDialect(new EmbeddingsRequestParser()), services, generations,
                vertx, tracker);
        var rerank = new CompletionHandler(new RerankDialect(new RerankRequestParser()), services, generations, vertx, tracker);
        var countTokens = new CountTokensHandler(anthropic, services, vertx);
        var generation = new GenerationHandler(services, vertx);
        var health = new HealthHandler(accepting, services);
        var catalog = new CatalogHandler(services);
        var keys = new KeysHandler(services, vertx);
        var account = new AccountHandler(services, vertx);
        var guardrails = new GuardrailsHandler(services, vertx);
        var auditLog = new AuditLogHandler(services, vertx);
        var presets = new PresetsHandler(services, vertx);
        var byok = new ByokHandler(services, vertx);
        var workspaces = new WorkspacesHandler(services, vertx);
        var oauth = new OAuthHandler(services, vertx);
        var generationList = new GenerationListHandler(services, vertx);
        var usageSeries = new UsageSeriesHandler(services, vertx);
        var catalogStatus = new CatalogStatusHandler(services);
        var dashboard = new DashboardHandler(services.dashboard());
        var metrics = MetricsHandler.onApiPort(services, vertx);
        var openApi = new OpenApiDocument();
        RouteTable table = new RouteTable(new Cors(services.config().server().corsAllowedOrigins()), tracker)
                .add(GET, "/health", health::health)
                .add(GET, "/ready", health::ready)
                .add(GET, "/metrics", metrics)
                .add(GET, OpenApiDocument.PATH, openApi)
                .add(POST, "/api/v1/chat/completions", chat)
                .add(POST, "/v1/chat/completions", chat)
                .add(POST, "/api/v1/completions", completions)
                .add(POST, "/v1/completions", completions)
                .add(POST, "/api/v1/responses", responses)
                .add(POST, "/v1/responses", responses)
                .add(POST, "/api/v1/messages", messages)
                .add(POST, "/v1/messages", messages)
                .add(POST, "/api/v1/messages/count_tokens", countTokens)
                .add(POST, "/v1/messages/count_tokens", countTokens)
                .add(POST, "/api/v1/embeddings", embeddings)
                .add(POST, "/v1/embeddings", embeddings)
                .add(POST, "/api/v1/rerank", rerank)
                .add(POST, "/v1/rerank", rerank)
                .add(GET, "/api/v1/generation", generation)
                .add(GET, "/v1/generation", generation)
                .add(GET, "/api/v1/generations", generationList)
                .add(GET, "/api/v1/models", catalog::models)
                .add(GET, "/v1/models", catalog::models)
                .add(GET, "/api/v1/models/count", catalog::count)
                .add(GET, "/api/v1/models/user", catalog::userModels)
                .add(GET, "/api/v1/models/embeddings", catalog::embeddingModels)
                .add(GET, "/api/v1/embeddings/models", catalog::embeddingModels)
                .add(GET, "/api/v1/model/{author}/{slug}", catalog::model)
                .add(GET, "/api/v1/models/{author}/{slug}", catalog::model)
                .add(GET, "/v1/models/{author}/{slug}", catalog::model)
                .add(GET, "/api/v1/models/{author}/{slug}/endpoints", catalog::endpoints)
                .add(GET, "/api/v1/parameters/{author}/{slug}", catalog::parameters)
                // The same with the model id in one segment, its slash encoded (%2F): OpenAI's SDKs
                // retrieve a model as GET /models/{model}, encoding the id.
                .add(GET, "/api/v1/model/{model}", catalog::model)
                .add(GET, "/api/v1/models/{model}", catalog::model)
                .add(GET, "/v1/models/{model}", catalog::model)
                .add(GET, "/api/v1/models/{model}/endpoints", catalog::endpoints)
                .add(GET, "/api/v1/parameters/{model}", catalog::parameters)
                .add(GET, "/api/v1/providers", catalog::providers)
                .add(GET, "/api/v1/endpoints/zdr", catalog::zdrEndpoints)
                .add(GET, "/api/v1/key", keys::current)
                .add(GET, "/api/v1/auth/key", keys::current)
                .add(GET, "/api/v1/keys", keys::list)
                .add(POST, "/api/v1/keys", keys::create)
                .add(GET, "/api/v1/keys/{hash}", keys::get)
                .add(PATCH, "/api/v1/keys/{hash}", keys::update)
                .add(DELETE, "/api/v1/keys/{hash}", keys::delete)
                .add(GET, "/api/v1/guardrails", guardrails::list)
                .add(POST, "/api/v1/guardrails", guardrails::create)
                .add(GET, "/api/v1/guardrails/assignments/keys", guardrails::allKeys)
                .add(GET, "/api/v1/guardrails/{id}", guardrails::get)
                .add(PATCH, "/api/v1/guardrails/{id}", guardrails::update)
                .add(DELETE, "/api/v1/guardrails/{id}", guardrails::delete)
                .add(GET, "/api/v1/guardrails/{id}/assignments/keys", guardrails::keysOf)
                .add(POST, "/api/v1/guardrails/{id}/assignments/keys", guardrails::assignKeys)
                .add(POST, "/api/v1/guardrails/{id}/assignments/keys/remove", guardrails::unassignKeys)
                .add(GET, "/api/v1/audit-log", auditLog::list)
                .add(GET, "/api/v1/byok", byok::list)
                .add(POST, "/api/v1/byok", byok::create)
                .add(GET, "/api/v1/byok/{id}", byok::get)
                .add(PATCH, "/api/v1/byok/{id}", byok::update)
                .add(DELETE, "/api/v1/byok/{id}", byok::delete)
                .add(GET, "/api/v1/workspaces", workspaces::list)
                .add(POST, "/api/v1/workspaces", workspaces::create)
                .add(GET, "/api/v1/workspaces/{id}", workspaces::get)
                .add(PATCH, "/api/v1/workspaces/{id}", workspaces::update)
                .add(DELETE, "/api/v1/workspaces/{id}", workspaces::delete)
                .add(GET, "/api/v1/workspaces/{workspace_ref}/budgets", workspaces::budgets)
                .add(GET, "/api/v1/workspaces/{workspace_ref}/budgets/{interval}", workspaces::budget)
                .add(PUT, "/api/v1/workspaces/{workspace_ref}/budgets/{interval}", workspaces::setBudget)
                .add(DELETE, "/api/v1/workspaces/{workspace_ref}/budgets/{interval}", workspaces::deleteBudget)
                .add(GET, "/api/v1/presets", presets::list)
                .add(POST, "/api/v1/presets", presets::create)
                .add(GET, "/api/v1/presets/{slug}", presets::get)
                .add(PATCH, "/api/v1/presets/{slug}", presets::update)
                .add(DELETE, "/api/v1/presets/{slug}", presets::delete)
                .add(GET, "/api/v1/presets/{slug}/versions", presets::versions)
                .add(GET, "/api/v1/presets/{slug}/versions/{version}", presets::version)
                .add(POST, "/api/v1/presets/{slug}/chat/completions", chat)
                .add(POST, "/api/v1/presets/{slug}/responses", responses)
                .add(POST, "/api/v1/presets/{slug}/messages", messages)
                .add(GET, "/api/v1/credits", account::credits)
                .add(POST, "/api/v1/credits", account::grant)
                .add(GET, "/api/v1/activity", account::activity)
                .add(GET, "/api/v1/activity/series", usageSeries)
                .add(GET, "/api/v1/health/catalog", catalogStatus)
                .add(POST, "/api/v1/auth/keys/code", oauth::createCode)
                .add(POST, "/api/v1/auth/keys", oauth::exchange)
                .add(GET, "/auth", oauth::consentPage)
                .add(POST, "/auth/approve", oauth::approve)
                .add(GET, "/", dashboard::root)
                .add(GET, "/dashboard", dashboard::file)
                .add(GET, "/dashboard/{file}", dashboard::file)
                .add(GET, "/dashboard/js/{module}", dashboard::file)
                .add(GET, "/dashboard/vendor/{file}", dashboard::file);
        openApi.describe(table.routes());
        return table;
    }
}
