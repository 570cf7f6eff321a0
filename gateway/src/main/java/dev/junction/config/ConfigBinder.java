package dev.junction.config;

import dev.junction.money.Money;


import java.math.BigDecimal;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.Set;
import java.util.regex.Pattern;

/** Turns the resolved YAML tree into {@link JunctionConfig}, defaulting and validating every key. */
final class ConfigBinder {
    static final long DEFAULT_MAX_BODY = 32L * 1024 * 1024;
    private static final Pattern MODEL_SLUG = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]*/[A-Za-z0-9][A-Za-z0-9._:-]*");
    private static final Pattern PROVIDER_ID = Pattern.compile("[a-z0-9][a-z0-9._-]*");
    private static final Pattern SHA256_HEX = Pattern.compile("[0-9a-fA-F]{64}");
    private static final Set<String> VARIANTS = Set.of("free", "nitro", "floor", "online", "thinking", "exacto", "extended");

    private final Map<String, String> env;

    ConfigBinder(Map<String, String> env) {
        this.env = env;
    }

    JunctionConfig bind(ConfigNode root) {
        root.allowOnly(Set.of("server", "upstream", "auth", "providers", "models", "aliases", "default-model", "catalog",
                "routing", "auto-router", "storage", "accounting", "limits", "cluster", "logging", "metrics", "tracing",
                "web-search", "fetch"));
        ServerConfig server = server(root.section("server"));
        UpstreamConfig upstream = upstream(root.section("upstream"));
        ConfigNode auth = root.section("auth");
        auth.allowOnly(Set.of("keys", "require-pkce"));
        List<KeyConfig> keys = keys(auth);
        Map<String, ProviderConfig> providers = providers(root);
        Map<String, ModelConfig> models = models(root, providers);
        Optional<String> defaultModel = root.optionalString("default-model");
        defaultModel.filter(m -> !models.containsKey(m))
                .ifPresent(m -> root.problem("default-model", "'" + m + "' is not a model defined under models"));
        return new JunctionConfig(server, upstream, keys, providers, models, aliases(root, models), defaultModel,
                catalog(root.section("catalog")), routing(root.section("routing")), autoRouter(root.section("auto-router")),
                storage(root.section("storage")), accounting(root.section("accounting")), limits(root.section("limits")),
                cluster(root.section("cluster")), new OAuthConfig(auth.bool("require-pkce", true)),
                logging(root.section("logging")), metrics(root.section("metrics")), tracing(root.section("tracing")),
                webSearch(root.section("web-search")), fetch(root.section("fetch")));
    }

    private static MetricsConfig metrics(ConfigNode node) {
        node.allowOnly(Set.of("enabled", "port", "host", "bearer-token", "max-label-values"));
        OptionalInt port = node.has("port") ? OptionalInt.of(node.integer("port", 0, 0, 65535)) : OptionalInt.empty();
        return new MetricsConfig(node.bool("enabled", true), port, node.string("host", "127.0.0.1"),
                node.optionalString("bearer-token").filter(t -> !t.isBlank()),
                node.integer("max-label-values", 100, 1, 10_000));
    }

    private static TracingConfig tracing(ConfigNode node) {
        node.allowOnly(Set.of("enabled", "exporter", "endpoint", "protocol", "service-name", "sample-ratio",
                "capture-content", "properties"));
        double ratio = node.decimal("sample-ratio").map(java.math.BigDecimal::doubleValue).orElse(1.0);
        if (ratio > 1) {
            node.problem("sample-ratio", "expected a share between 0 and 1, got " + ratio);
        }
        String protocol = node.string("protocol", "http/protobuf");
        if (!protocol.equals("http/protobuf") && !protocol.equals("grpc")) {
            node.problem("protocol", "expected http/protobuf or grpc, got '" + protocol + "'");
        }
        return new TracingConfig(node.bool("enabled", false), node.string("exporter", "otlp"),
                node.optionalString("endpoint").filter(e -> !e.isBlank()), protocol,
                node.string("service-name", "junction"), ratio, node.bool("capture-content", false),
                node.stringMap("properties"));
    }

    private WebSearchConfig webSearch(ConfigNode node) {
        node.allowOnly(Set.of("price-per-result", "default-backend", "backends"));
        java.math.BigDecimal price = node.decimal("price-per-result").orElse(WebSearchConfig.DEFAULT_PRICE_PER_RESULT);
        if (price.signum() < 0) {
            node.problem("price-per-result", "must not be negative");
        }
        Map<String, WebSearchConfig.Backend> backends = new java.util.LinkedHashMap<>();
        node.entries("backends").forEach((name, b) -> {
            b.allowOnly(Set.of("kind", "url", "api-key-env"));
            WebSearchConfig.Kind kind = enumValue(b, "kind", b.string("kind", "searxng"), WebSearchConfig.Kind.class,
                    WebSearchConfig.Kind.SEARXNG);
            URI url = url(b, "url");
            Optional<String> keyEnv = b.optionalString("api-key-env");
            if (kind == WebSearchConfig.Kind.TAVILY && keyEnv.isEmpty()) {
                b.problem("api-key-env", "a tavily backend needs the variable holding its key");
            }
            backends.put(name, new WebSearchConfig.Backend(name, kind, url, keyEnv,
                    keyEnv.map(env::get).filter(v -> !v.isBlank())));
        });
        Optional<String> defaultBackend = node.optionalString("default-backend")
                .or(() -> backends.keySet().stream().findFirst());
        defaultBackend.filter(b -> !backends.containsKey(b)).ifPresent(b ->
                node.problem("default-backend", "'" + b + "' is not a backend defined under backends"));
        return new WebSearchConfig(price, defaultBackend, Map.copyOf(backends));
    }

    private static FetchConfig fetch(ConfigNode node) {
        node.allowOnly(Set.of("allow", "timeout", "max-bytes"));
        List<String> allow = node.strings("allow", List.of());
        for (String range : allow) {
            if (AddressRange.parse(range).isEmpty()) {
                node.problem("allow", "expected address ranges like 127.0.0.0/8 or ::1, got '" + range + "'");
            }
        }
        return new FetchConfig(allow.stream().filter(r -> AddressRange.parse(r).isPresent()).toList(),
                node.duration("timeout", FetchConfig.DEFAULT.timeout(), Duration.ofMillis(1)),
                node.size("max-bytes", FetchConfig.DEFAULT.maxBytes(), 1, Integer.MAX_VALUE));
    }

    private ServerConfig server(ConfigNode node) {
        node.allowOnly(Set.of("host", "port", "event-loops", "max-body-size", "keep-alive-interval",
                "idle-timeout", "body-read-timeout", "cors-allowed-origins", "drain-timeout"));
        return new ServerConfig(
                node.string("host", "127.0.0.1"),
                node.integer("port", 8080, 0, 65535),
                node.integer("event-loops", 0, 0, 256),
                node.size("max-body-size", DEFAULT_MAX_BODY, 1024, Integer.MAX_VALUE),
                node.duration("keep-alive-interval", Duration.ofSeconds(1), Duration.ofMillis(10)),
                node.duration("idle-timeout", Duration.ofMinutes(2), Duration.ofMillis(10)),
                node.duration("body-read-timeout", Duration.ofSeconds(30), Duration.ofMillis(10)),
                node.strings("cors-allowed-origins", List.of("*")),
                node.duration("drain-timeout", Duration.ofSeconds(15), Duration.ZERO));
    }

    private UpstreamConfig upstream(ConfigNode node) {
        node.allowOnly(Set.of("connect-timeout", "first-byte-timeout", "idle-timeout", "max-connections-per-host"));
        return new UpstreamConfig(
                node.duration("connect-timeout", Duration.ofSeconds(10), Duration.ofMillis(1)),
                node.duration("first-byte-timeout", Duration.ofMinutes(10), Duration.ofMillis(1)),
                node.duration("idle-timeout", Duration.ofMinutes(2), Duration.ofMillis(1)),
                node.integer("max-connections-per-host", 8192, 1, 1_000_000));
    }

    private static LoggingConfig logging(ConfigNode node) {
        node.allowOnly(Set.of("access-log", "access-log-format", "format"));
        return new LoggingConfig(node.bool("access-log", true), logFormat(node, "access-log-format"),
                logFormat(node, "format"));
    }

    private static LoggingConfig.Format logFormat(ConfigNode node, String key) {
        String format = node.string(key, "text");
        return switch (format) {
            case "text" -> LoggingConfig.Format.TEXT;
            case "json" -> LoggingConfig.Format.JSON;
            default -> {
                node.problem(key, "expected text or json, got '" + format + "'");
                yield LoggingConfig.Format.TEXT;
            }
        };
    }

    private static AccountingConfig accounting(ConfigNode node) {
        node.allowOnly(Set.of("enforce-balance"));
        return new AccountingConfig(node.bool("enforce-balance", true));
    }

    private static LimitsConfig limits(ConfigNode node) {
        node.allowOnly(Set.of("key-default", "credit-rate-min", "credit-rate-max", "free-per-minute", "free-per-day",
                "free-per-day-paid", "free-paid-threshold"));
        String keyDefault = node.string("key-default", "credits").trim();
        LimitsConfig.KeyDefault kind = LimitsConfig.KeyDefault.CREDITS;
        Optional<RateLimit> fixed = Optional.empty();
        if (keyDefault.equals("none")) {
            kind = LimitsConfig.KeyDefault.NONE;
        } else if (!keyDefault.equals("credits")) {
            kind = LimitsConfig.KeyDefault.FIXED;
            fixed = RateLimit.parse(keyDefault);
            if (fixed.isEmpty()) {
                node.problem("key-default", "expected credits, none or a rate like 100/10s, got '" + keyDefault + "'");
                kind = LimitsConfig.KeyDefault.NONE;
            }
        }
        int min = node.integer("credit-rate-min", 1, 1, 1_000_000);
        int max = node.integer("credit-rate-max", 500, 1, 1_000_000);
        if (max < min) {
            node.problem("credit-rate-max", "must not be below credit-rate-min (" + min + "), got " + max);
        }
        return new LimitsConfig(kind, fixed, min, max,
                node.integer("free-per-minute", 20, 1, 1_000_000),
                node.integer("free-per-day", 50, 1, 100_000_000),
                node.integer("free-per-day-paid", 1000, 1, 100_000_000),
                Money.ofUsd(node.decimal("free-paid-threshold").orElse(java.math.BigDecimal.TEN)
                        .setScale(Money.SCALE, java.math.RoundingMode.DOWN)));
    }

    private static ClusterConfig cluster(ConfigNode node) {
        node.allowOnly(Set.of("redis-url", "on-outage", "redis-timeout", "instance-ttl", "key-prefix"));
        Optional<String> url = node.optionalString("redis-url").filter(u -> !u.isBlank());
        url.filter(u -> !u.startsWith("redis://") && !u.startsWith("rediss://")).ifPresent(u ->
                node.problem("redis-url", "expected a redis:// or rediss:// URL"));
        String outage = node.string("on-outage", "fail-closed");
        ClusterConfig.OnOutage onOutage = switch (outage) {
            case "fail-closed" -> ClusterConfig.OnOutage.FAIL_CLOSED;
            case "fail-open" -> ClusterConfig.OnOutage.FAIL_OPEN;
            default -> {
                node.problem("on-outage", "expected fail-closed or fail-open, got '" + outage + "'");
                yield ClusterConfig.OnOutage.FAIL_CLOSED;
            }
        };
        return new ClusterConfig(url, onOutage,
                node.duration("redis-timeout", Duration.ofSeconds(1), Duration.ofMillis(1)),
                node.duration("instance-ttl", Duration.ofSeconds(15), Duration.ofMillis(100)),
                node.string("key-prefix", "junction:"));
    }

    private static StorageConfig storage(ConfigNode node) {
        node.allowOnly(Set.of("data-dir", "database-url", "sync-interval"));
        Optional<String> url = node.optionalString("database-url");
        url.filter(u -> !u.startsWith("jdbc:sqlite:") && !u.startsWith("jdbc:postgresql:")).ifPresent(u ->
                node.problem("database-url", "expected a jdbc:sqlite: or jdbc:postgresql: URL"));
        return new StorageConfig(java.nio.file.Path.of(node.string("data-dir", "junction-data")), url,
                node.duration("sync-interval", Duration.ofMillis(100), Duration.ofMillis(1)));
    }

    private static CatalogConfig catalog(ConfigNode node) {
        node.allowOnly(Set.of("bundled", "refresh-interval", "discovery-timeout"));
        return new CatalogConfig(node.bool("bundled", true),
                node.duration("refresh-interval", Duration.ofMinutes(5), Duration.ZERO),
                node.duration("discovery-timeout", Duration.ofSeconds(10), Duration.ofMillis(1)));
    }

    private static RoutingConfig routing(ConfigNode node) {
        node.allowOnly(Set.of("outage-window", "stats-window"));
        return new RoutingConfig(
                node.duration("outage-window", Duration.ofSeconds(60), Duration.ofSeconds(1)),
                node.duration("stats-window", Duration.ofMinutes(30), Duration.ofMinutes(1)));
    }

    private static AutoRouterConfig autoRouter(ConfigNode node) {
        node.allowOnly(Set.of("default-model", "rules"));
        List<AutoRouterConfig.Rule> rules = new ArrayList<>();
        for (ConfigNode rule : node.list("rules")) {
            rule.allowOnly(Set.of("name", "model", "min-prompt-tokens", "max-prompt-tokens", "input-modalities",
                    "tools", "max-prompt-price"));
            rules.add(new AutoRouterConfig.Rule(
                    rule.string("name", rule.path()),
                    rule.requiredString("model"),
                    rule.has("min-prompt-tokens") ? OptionalLong.of(rule.integer("min-prompt-tokens", 0, 0, Integer.MAX_VALUE)) : OptionalLong.empty(),
                    rule.has("max-prompt-tokens") ? OptionalLong.of(rule.integer("max-prompt-tokens", 0, 0, Integer.MAX_VALUE)) : OptionalLong.empty(),
                    rule.strings("input-modalities", List.of()),
                    rule.has("tools") ? Optional.of(rule.bool("tools", false)) : Optional.empty(),
                    rule.decimal("max-prompt-price")));
        }
        return new AutoRouterConfig(node.optionalString("default-model"), List.copyOf(rules));
    }

    private List<KeyConfig> keys(ConfigNode auth) {
        List<KeyConfig> keys = new ArrayList<>();
        for (ConfigNode node : auth.list("keys")) {
            node.allowOnly(Set.of("name", "key-env", "sha256"));
            String name = node.requiredString("name");
            Optional<String> keyEnv = node.optionalString("key-env");
            Optional<String> sha = node.optionalString("sha256");
            if (keyEnv.isPresent() == sha.isPresent()) {
                node.problem("key-env", "give exactly one of key-env (a variable holding the key) or sha256 (its hash)");
                continue;
            }
            if (sha.isPresent()) {
                if (!SHA256_HEX.matcher(sha.get()).matches()) {
                    node.problem("sha256", "expected 64 hexadecimal characters");
                    continue;
                }
                keys.add(new KeyConfig(name, sha.get().toLowerCase(Locale.ROOT)));
            } else {
                String secret = env.get(keyEnv.get());
                if (secret == null || secret.isBlank()) {
                    node.problem("key-env", "environment variable " + keyEnv.get() + " is not set");
                    continue;
                }
                keys.add(new KeyConfig(name, KeyHash.sha256Hex(secret)));
            }
        }
        return List.copyOf(keys);
    }

    private Map<String, ProviderConfig> providers(ConfigNode root) {
        Map<String, ProviderConfig> providers = new LinkedHashMap<>();
        for (Map.Entry<String, ConfigNode> e : root.entries("providers").entrySet()) {
            String id = e.getKey();
            ConfigNode node = e.getValue();
            if (!PROVIDER_ID.matcher(id).matches()) {
                root.problem("providers." + id, "provider ids use lower-case letters, digits, '.', '_' and '-'");
            }
            node.allowOnly(Set.of("name", "kind", "base-url", "api-key-env", "headers", "drop-fields", "discovery",
                    "data-policy", "supported-parameters", "reasoning-dialect", "embedding-batch-size"));
            String kindText = node.string("kind", "openai");
            ProviderKind kind = ProviderKind.parse(kindText).orElseGet(() -> {
                node.problem("kind", "unknown provider kind '" + kindText + "' (known: " + ProviderKind.known() + ")");
                return ProviderKind.OPENAI;
            });
            URI baseUrl = baseUrl(node);
            Optional<String> keyEnv = node.optionalString("api-key-env");
            Optional<String> key = keyEnv.map(env::get).filter(v -> !v.isBlank());
            String discoveryText = node.string("discovery", "none");
            ProviderConfig.Discovery discovery = enumValue(node, "discovery", discoveryText, ProviderConfig.Discovery.class,
                    ProviderConfig.Discovery.NONE);
            DataPolicyConfig policy = node.has("data-policy") ? dataPolicy(node.section("data-policy"), DataPolicyConfig.UNKNOWN)
                    : DataPolicyConfig.UNKNOWN;
            ReasoningDialect dialect = reasoningDialect(node, kind, baseUrl, discovery);
            Set<String> parameters = node.has("supported-parameters")
                    ? new LinkedHashSet<>(node.strings("supported-parameters", List.of()))
                    : kind.defaultSupportedParameters(dialect);
            providers.put(id, new ProviderConfig(id, node.string("name", id), kind, baseUrl, keyEnv, key,
                    node.stringMap("headers"), node.strings("drop-fields", List.of()), discovery, policy,
                    Set.copyOf(parameters), dialect,
                    node.integer("embedding-batch-size", kind.defaultEmbeddingBatchSize(), 1, 100_000)));
        }
        return providers;
    }

    private static ReasoningDialect reasoningDialect(ConfigNode node, ProviderKind kind, URI baseUrl,
                                                    ProviderConfig.Discovery discovery) {
        ReasoningDialect fallback = ReasoningDialect.defaultFor(baseUrl, discovery);
        Optional<String> text = node.optionalString("reasoning-dialect");
        if (text.isPresent() && kind != ProviderKind.OPENAI) {
            node.problem("reasoning-dialect", "only OpenAI-compatible providers (kind: openai) have a reasoning dialect");
        }
        return text.map(t -> ReasoningDialect.parse(t).orElseGet(() -> {
            node.problem("reasoning-dialect", "unknown reasoning dialect '" + t + "' (known: " + ReasoningDialect.known() + ")");
            return fallback;
        })).orElse(fallback);
    }

    private static DataPolicyConfig dataPolicy(ConfigNode node, DataPolicyConfig defaults) {
        node.allowOnly(Set.of("training", "retains-prompts", "retention-days"));
        OptionalInt days = node.has("retention-days")
                ? OptionalInt.of(node.integer("retention-days", 0, 0, 100_000)) : defaults.retentionDays();
        return new DataPolicyConfig(node.bool("training", defaults.training()),
                node.bool("retains-prompts", defaults.retainsPrompts()), days);
    }

    private static <E extends Enum<E>> E enumValue(ConfigNode node, String key, String text, Class<E> type, E fallback) {
        for (E value : type.getEnumConstants()) {
            if (value.name().equalsIgnoreCase(text)) {
                return value;
            }
        }
        List<String> known = new ArrayList<>();
        for (E value : type.getEnumConstants()) {
            known.add(value.name().toLowerCase(Locale.ROOT));
        }
        node.problem(key, "unknown value '" + text + "' (known: " + String.join(", ", known) + ")");
        return fallback;
    }

    private static URI baseUrl(ConfigNode node) {
        return url(node, "base-url");
    }

    private static URI url(ConfigNode node, String key) {
        String text = node.requiredString(key);
        if (text.isEmpty()) {
            return URI.create("http://invalid");
        }
        try {
            URI uri = new URI(text.endsWith("/") ? text.substring(0, text.length() - 1) : text);
            if (!"http".equals(uri.getScheme()) && !"https".equals(uri.getScheme()) || uri.getHost() == null) {
                node.problem(key, "expected an http:// or https:// URL, got '" + text + "'");
                return URI.create("http://invalid");
            }
            return uri;
        } catch (URISyntaxException e) {
            node.problem(key, "not a valid URL: " + e.getMessage());
            return URI.create("http://invalid");
        }
    }

    private Map<String, ModelConfig> models(ConfigNode root, Map<String, ProviderConfig> providers) {
        Map<String, ModelConfig> models = new LinkedHashMap<>();
        for (Map.Entry<String, ConfigNode> e : root.entries("models").entrySet()) {
            String slug = e.getKey();
            ConfigNode node = e.getValue();
            if (!MODEL_SLUG.matcher(slug).matches()) {
                root.problem("models." + slug, "model ids look like author/slug, e.g. openai/gpt-4o-mini");
            }
            node.allowOnly(Set.of("name", "context-length", "endpoints", "description", "created", "canonical-slug",
                    "hugging-face-id", "input-modalities", "output-modalities", "tokenizer", "instruct-type",
                    "categories", "variants", "default-parameters", "distillable-text"));
            List<EndpointConfig> endpoints = new ArrayList<>();
            for (ConfigNode ep : node.list("endpoints")) {
                endpoints.add(endpoint(ep, providers));
            }
            if (endpoints.isEmpty() && !node.has("endpoints")) {
                node.problem("endpoints", "is required: list at least one provider serving this model");
            }
            List<String> variants = node.strings("variants", List.of());
            variants.stream().filter(v -> !VARIANTS.contains(v)).forEach(v ->
                    node.problem("variants", "unknown variant '" + v + "' (known: " + String.join(", ", VARIANTS) + ")"));
            Map<String, BigDecimal> defaults = new LinkedHashMap<>();
            ConfigNode defaultsNode = node.section("default-parameters");
            defaultsNode.allowOnly(Set.of("temperature", "top_p", "top_k", "frequency_penalty", "presence_penalty",
                    "repetition_penalty"));
            for (String p : List.of("temperature", "top_p", "top_k", "frequency_penalty", "presence_penalty", "repetition_penalty")) {
                defaultsNode.signedDecimal(p).ifPresent(v -> defaults.put(p, v));
            }
            models.put(slug, new ModelConfig(slug, node.string("name", slug),
                    node.integer("context-length", 0, 0, Integer.MAX_VALUE), List.copyOf(endpoints),
                    node.string("description", ""), node.integer("created", 0, 0, Integer.MAX_VALUE),
                    node.optionalString("canonical-slug"), node.optionalString("hugging-face-id"),
                    node.strings("input-modalities", List.of("text")), node.strings("output-modalities", List.of("text")),
                    node.optionalString("tokenizer"), node.optionalString("instruct-type"),
                    node.strings("categories", List.of()), variants, Map.copyOf(defaults),
                    node.bool("distillable-text", false)));
        }
        return models;
    }

    /**
     * Other names of models: a request may name a model by an alias (Claude Code sends Anthropic's model names).
     * The target is checked for its shape only, as discovery may add it later; a name that is a model's own id
     * would never be used.
     */
    private static Map<String, String> aliases(ConfigNode root, Map<String, ModelConfig> models) {
        Map<String, String> aliases = new LinkedHashMap<>();
        ConfigNode node = root.section("aliases");
        for (String alias : node.keys()) {
            node.optionalString(alias).ifPresent(target -> {
                if (!MODEL_SLUG.matcher(target).matches()) {
                    node.problem(alias, "an alias names a model id (author/slug), got '" + target + "'");
                } else if (models.containsKey(alias)) {
                    node.problem(alias, "is a model's own id; an alias must be another name");
                } else {
                    aliases.put(alias, target);
                }
            });
        }
        return Map.copyOf(aliases);
    }

    private EndpointConfig endpoint(ConfigNode node, Map<String, ProviderConfig> providers) {
        node.allowOnly(Set.of("provider", "upstream-model", "pricing", "context-length", "max-completion-tokens",
                "tag", "max-prompt-tokens", "quantization", "supported-parameters", "data-policy", "variants",
                "supports-implicit-caching", "moderated"));
        String provider = node.requiredString("provider");
        ProviderConfig providerConfig = providers.get(provider);
        if (!provider.isEmpty() && providerConfig == null) {
            node.problem("provider", "unknown provider '" + provider + "' (defined: "
                    + String.join(", ", providers.keySet()) + ")");
        }
        List<String> variants = node.strings("variants", List.of());
        variants.stream().filter(v -> !VARIANTS.contains(v)).forEach(v ->
                node.problem("variants", "unknown variant '" + v + "' (known: " + String.join(", ", VARIANTS) + ")"));
        DataPolicyConfig providerPolicy = providerConfig == null ? DataPolicyConfig.UNKNOWN : providerConfig.dataPolicy();
        return new EndpointConfig(provider, node.requiredString("upstream-model"), pricing(node.section("pricing")),
                optionalInt(node, "context-length"), optionalInt(node, "max-completion-tokens"),
                node.optionalString("tag"), optionalInt(node, "max-prompt-tokens"), node.optionalString("quantization"),
                node.has("supported-parameters")
                        ? Optional.of(Set.copyOf(node.strings("supported-parameters", List.of()))) : Optional.empty(),
                node.has("data-policy") ? Optional.of(dataPolicy(node.section("data-policy"), providerPolicy)) : Optional.empty(),
                variants, node.bool("supports-implicit-caching", false), node.bool("moderated", false));
    }

    private static OptionalInt optionalInt(ConfigNode node, String key) {
        return node.has(key) ? OptionalInt.of(node.integer(key, 0, 1, Integer.MAX_VALUE)) : OptionalInt.empty();
    }

    private static PricingConfig pricing(ConfigNode node) {
        node.allowOnly(Set.of("prompt", "completion", "request", "image", "web-search", "internal-reasoning",
                "input-cache-read", "input-cache-write"));
        return new PricingConfig(
                price(node, "prompt").orElse(BigDecimal.ZERO),
                price(node, "completion").orElse(BigDecimal.ZERO),
                price(node, "request").orElse(BigDecimal.ZERO),
                price(node, "image").orElse(BigDecimal.ZERO),
                price(node, "web-search").orElse(BigDecimal.ZERO),
                price(node, "internal-reasoning"),
                price(node, "input-cache-read"),
                price(node, "input-cache-write"));
    }

    private static Optional<BigDecimal> price(ConfigNode node, String key) {
        Optional<BigDecimal> value = node.decimal(key);
        if (value.isPresent() && value.get().stripTrailingZeros().scale() > 12) {
            node.problem(key, "price " + value.get().toPlainString()
                    + " has more than 12 decimal places; Junction bills in exact pico-dollars");
            return Optional.empty();
        }
        return value;
    }
}
