package dev.junction.api;

import dev.junction.money.Money;
import dev.junction.catalog.Endpoint;
import dev.junction.catalog.Model;
import dev.junction.catalog.Pricing;
import dev.junction.config.ProviderConfig;
import dev.junction.routing.AutoRouter;
import dev.junction.routing.EndpointHealth;
import dev.junction.routing.Percentiles;
import dev.junction.wire.Json;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

import java.math.BigDecimal;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * The catalog in OpenRouter's shapes ({@code Model}, {@code PublicEndpoint}, providers), every key the
 * SDK requires present. Prices are decimal strings in USD per token (per request, image or search for
 * those prices); latencies are milliseconds to first token, throughput tokens per second, uptime a
 * percentage.
 */
public final class CatalogJson {
    private CatalogJson() {}

    public static ObjectNode model(Model m, EndpointHealth health) {
        ObjectNode n = Json.object();
        n.put("id", m.slug());
        // OpenAI's model-list fields, so OpenAI SDKs listing /v1/models read the same objects.
        n.put("object", "model");
        n.put("owned_by", m.slug().substring(0, m.slug().indexOf('/')));
        n.put("canonical_slug", m.canonicalSlug());
        n.put("hugging_face_id", m.huggingFaceId().orElse(null));
        n.put("name", m.name());
        n.put("created", m.created());
        n.put("description", m.description());
        n.put("context_length", m.contextLength() > 0 ? Integer.valueOf(m.contextLength()) : null);
        n.set("architecture", architecture(m));
        Optional<Endpoint> top = topEndpoint(m);
        n.set("pricing", m.slug().equals(AutoRouter.MODEL_ID) ? routerPricing()
                : pricing(top.map(Endpoint::pricing).orElse(Pricing.FREE)));
        ObjectNode topProvider = n.putObject("top_provider");
        topProvider.put("context_length", top.filter(e -> e.contextLength() > 0).map(Endpoint::contextLength).orElse(null));
        topProvider.put("max_completion_tokens", top.flatMap(e -> boxed(e.maxCompletionTokens())).orElse(null));
        topProvider.put("is_moderated", top.map(Endpoint::moderated).orElse(false));
        n.putNull("per_request_limits");
        ArrayNode params = n.putArray("supported_parameters");
        m.supportedParameters().forEach(params::add);
        n.set("default_parameters", defaults(m.defaultParameters()));
        n.putObject("links").put("details", "/api/v1/models/" + m.slug() + "/endpoints");
        n.putNull("supported_voices");
        return n;
    }

    /** {@code /models/{author}/{slug}/endpoints} data: the model and its endpoints with live health. */
    public static ObjectNode modelEndpoints(Model m, List<Endpoint> endpoints, EndpointHealth health) {
        ObjectNode n = Json.object();
        n.put("id", m.slug());
        n.put("name", m.name());
        n.put("created", m.created());
        n.put("description", m.description());
        ObjectNode architecture = architecture(m);
        n.set("architecture", architecture);
        ArrayNode list = n.putArray("endpoints");
        endpoints.forEach(e -> list.add(endpoint(m, e, health)));
        return n;
    }

    public static ObjectNode endpoint(Model m, Endpoint e, EndpointHealth health) {
        EndpointHealth.Snapshot s = health.snapshot(e);
        ObjectNode n = Json.object();
        n.put("name", e.displayName());
        n.put("model_id", m.canonicalSlug());
        n.put("model_name", m.name());
        n.put("context_length", e.contextLength());
        n.set("pricing", pricing(e.pricing()));
        n.put("provider_name", e.providerName());
        n.put("tag", e.tag());
        n.put("quantization", e.quantization().orElse(null));
        n.put("max_completion_tokens", boxed(e.maxCompletionTokens()).orElse(null));
        n.put("max_prompt_tokens", boxed(e.maxPromptTokens()).orElse(null));
        ArrayNode params = n.putArray("supported_parameters");
        e.supportedParameters().stream().sorted().forEach(params::add);
        n.put("status", s.recentOutage() ? -1 : 0);
        n.put("uptime_last_5m", orNull(s.uptime5m()));
        n.put("uptime_last_30m", orNull(s.uptime30m()));
        n.put("uptime_last_1d", orNull(s.uptime1d()));
        n.put("supports_implicit_caching", e.supportsImplicitCaching());
        n.set("latency_last_30m", percentiles(s.latency()));
        n.set("throughput_last_30m", percentiles(s.throughput()));
        boolean toolChoice = e.supportedParameters().contains("tool_choice");
        n.putObject("supports_tool_choice").put("auto", toolChoice).put("none", toolChoice)
                .put("required", toolChoice).put("function", toolChoice);
        ObjectNode policy = n.putObject("data_policy");
        policy.put("training", e.dataPolicy().training());
        policy.put("retains_prompts", e.dataPolicy().retainsPrompts());
        policy.put("retention_days", e.dataPolicy().retentionDays().isPresent()
                ? Integer.valueOf(e.dataPolicy().retentionDays().getAsInt()) : null);
        policy.put("zero_data_retention", e.zeroDataRetention());
        return n;
    }

    public static ObjectNode provider(ProviderConfig p) {
        ObjectNode n = Json.object();
        n.put("name", p.name());
        n.put("slug", p.id());
        n.putNull("privacy_policy_url");
        n.putNull("terms_of_service_url");
        n.putNull("status_page_url");
        n.putNull("headquarters");
        n.putNull("datacenters");
        n.put("kind", p.kind().configName());
        n.put("has_credentials", p.hasCredentials());
        return n;
    }

    /** The endpoint whose prices and limits a model's summary shows: its cheapest routable one. */
    public static Optional<Endpoint> topEndpoint(Model m) {
        List<Endpoint> candidates = m.routableEndpoints().isEmpty() ? m.endpoints() : m.routableEndpoints();
        return candidates.stream().min(Comparator.comparingLong(e -> e.pricing().prompt().picos() + e.pricing().completion().picos()));
    }

    private static ObjectNode architecture(Model m) {
        ObjectNode a = Json.object();
        a.put("modality", m.architecture().modality());
        ArrayNode in = a.putArray("input_modalities");
        m.architecture().inputModalities().forEach(in::add);
        ArrayNode out = a.putArray("output_modalities");
        m.architecture().outputModalities().forEach(out::add);
        a.put("tokenizer", m.architecture().tokenizer().orElse("Other"));
        a.put("instruct_type", m.architecture().instructType().orElse(null));
        return a;
    }

    public static ObjectNode pricing(Pricing p) {
        ObjectNode n = Json.object();
        n.put("prompt", p.prompt().toPlainString());
        n.put("completion", p.completion().toPlainString());
        n.put("request", p.request().toPlainString());
        n.put("image", p.image().toPlainString());
        n.put("web_search", p.webSearch().toPlainString());
        n.put("internal_reasoning", p.internalReasoning().orElse(Money.ZERO).toPlainString());
        n.put("input_cache_read", p.inputCacheRead().toPlainString());
        n.put("input_cache_write", p.inputCacheWrite().toPlainString());
        return n;
    }

    /** A router's price depends on the model it picks: OpenRouter shows {@code -1} for it, as here. */
    private static ObjectNode routerPricing() {
        ObjectNode n = pricing(Pricing.FREE);
        n.put("prompt", "-1");
        n.put("completion", "-1");
        return n;
    }

    private static ObjectNode defaults(Map<String, BigDecimal> values) {
        if (values.isEmpty()) {
            return null;
        }
        ObjectNode n = Json.object();
        values.forEach(n::put);
        return n;
    }

    private static ObjectNode percentiles(Optional<Percentiles> p) {
        return p.map(v -> Json.object().put("p50", v.p50()).put("p75", v.p75()).put("p90", v.p90()).put("p99", v.p99()))
                .orElse(null);
    }

    private static Double orNull(OptionalDouble d) {
        return d.isPresent() ? d.getAsDouble() : null;
    }

    private static Optional<Integer> boxed(java.util.OptionalInt i) {
        return i.isPresent() ? Optional.of(i.getAsInt()) : Optional.empty();
    }
}
