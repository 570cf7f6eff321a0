package dev.junction.routing;

import dev.junction.wire.ProviderPreferences;
import dev.junction.catalog.Catalog;
import dev.junction.catalog.Endpoint;
import dev.junction.catalog.Model;
import dev.junction.routing.ModelRef.Variant;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.random.RandomGenerator;
import java.util.stream.Collectors;

/**
 * Resolves a request into an ordered plan of attempts: each requested model in turn ({@code model},
 * then the {@code models} fallbacks), its variant applied, its endpoints filtered by the request's
 * requirements and ordered by its preferences. Deterministic for a given random generator, clock and
 * health history.
 */
public final class Router {
    private final Supplier<Catalog> catalogs;
    private final EndpointHealth health;
    private final EndpointOrder order;
    private final AutoRouter autoRouter;

    public Router(Supplier<Catalog> catalogs, EndpointHealth health, AutoRouter autoRouter) {
        this.catalogs = catalogs;
        this.health = health;
        this.order = new EndpointOrder(health);
        this.autoRouter = autoRouter;
    }

    public EndpointHealth health() {
        return health;
    }

    /** {@code openrouter/auto} as the catalog in force lists it, when the auto-router is configured. */
    public Optional<Model> autoModel() {
        return autoRouter.asModel(catalogs.get());
    }

    /**
     * The smallest known context window (or prompt limit) among the endpoints of these models, 0 when
     * none is known: whether counting a prompt's tokens exactly can change the plan at all.
     */
    public int smallestContext(List<String> models) {
        Catalog catalog = catalogs.get();
        int smallest = Integer.MAX_VALUE;
        for (String id : models) {
            ModelRef ref = ref(id, catalog);
            for (Endpoint e : catalog.model(ref.slug()).map(Model::endpoints).orElse(List.of())) {
                if (e.contextLength() > 0) {
                    smallest = Math.min(smallest, e.contextLength());
                }
                if (e.maxPromptTokens().isPresent()) {
                    smallest = Math.min(smallest, e.maxPromptTokens().getAsInt());
                }
            }
        }
        return smallest == Integer.MAX_VALUE ? 0 : smallest;
    }

    /**
     * @throws UnknownModelException  a requested model (or model:variant) is not in the catalog
     * @throws NoRouteException       no endpoint of any requested model has provider credentials
     * @throws NoEndpointsException   the request's preferences or size exclude every endpoint
     */
    public RoutePlan plan(RoutingRequest request, RandomGenerator random) {
        return plan(request, List.of(), random);
    }

    /** The same, with endpoints also held to {@code rules} (a guardrail's), after the request's own. */
    public RoutePlan plan(RoutingRequest request, List<EndpointRule> rules, RandomGenerator random) {
        Catalog catalog = catalogs.get();
        Optional<AutoRouter.Choice> autoRoute = Optional.empty();
        List<String> ids = new ArrayList<>(new LinkedHashSet<>(request.models()));
        int auto = ids.indexOf(AutoRouter.MODEL_ID);
        if (auto >= 0 && catalog.model(AutoRouter.MODEL_ID).isEmpty()) {
            AutoRouter.Choice choice = autoRouter.choose(request, catalog);
            ids.set(auto, choice.model());
            autoRoute = Optional.of(choice);
        }
        List<ModelRef> refs = ids.stream().map(id -> resolve(id, catalog)).toList();
        for (int i = 0; i < refs.size(); i++) {
            checkPurpose(ids.get(i), catalog.model(refs.get(i).slug()).orElseThrow(), request);
        }

        List<Attempt> attempts = new ArrayList<>();
        Map<String, EndpointFilter> filters = new LinkedHashMap<>();
        for (ModelRef ref : refs) {
            Model model = catalog.model(ref.slug()).orElseThrow();
            EndpointFilter filter = new EndpointFilter();
            filters.put(ref.requested(), filter);
            List<Endpoint> eligible = filter.apply(model, pool(model, ref), request, rules);
            List<Endpoint> ordered = order.order(eligible, request.preferences(), sortFor(ref, request.preferences()), random);
            // Endpoints that take the prompt whole come before those middle-out must shorten it for.
            for (Endpoint e : ordered) {
                if (!filter.needsCompression(e, request)) {
                    attempts.add(new Attempt(model, e, ref));
                }
            }
            for (Endpoint e : ordered) {
                if (filter.needsCompression(e, request)) {
                    attempts.add(new Attempt(model, e, ref));
                }
            }
        }
        if (attempts.isEmpty()) {
            throw noEndpoints(filters);
        }
        if (request.preferences().sortAcrossModels() && request.preferences().sort().isPresent()) {
            attempts = sortedAcrossModels(attempts, request.preferences().sort().get());
        }
        return new RoutePlan(attempts, autoRoute);
    }

    /**
     * A chat request must name a model that generates text, an embeddings request an embeddings model, a rerank
     * request a rerank model: the wrong kind is the client's mistake, told with the model's name.
     */
    private static void checkPurpose(String id, Model model, RoutingRequest request) {
        String wanted = request.outputModalities().contains("embeddings") ? "embeddings"
                : request.outputModalities().contains("rerank") ? "rerank" : "generation";
        String purpose = model.purpose();
        if (purpose.equals(wanted)) {
            return;
        }
        String is = switch (purpose) {
            case "embeddings" -> id + " is an embeddings model: call /api/v1/embeddings with it";
            case "rerank" -> id + " is a rerank model: call /api/v1/rerank with it";
            default -> id + " is a chat model, not an " + (wanted.equals("rerank") ? "rerank" : "embeddings") + " model";
        };
        throw new WrongModelKindException(is);
    }

    /** The model a requested id names (an alias as its model, without the variant), as the catalog spells it. */
    public String canonicalSlug(String id) {
        return ref(id, catalogs.get()).slug();
    }

    /** A requested id as a model and variant; an alias (with or without a variant) as the model it names. */
    private static ModelRef ref(String id, Catalog catalog) {
        ModelRef ref = ModelRef.parse(id, catalog::knows);
        return ref.withSlug(catalog.canonical(ref.slug()));
    }

    private static ModelRef resolve(String id, Catalog catalog) {
        ModelRef ref = ref(id, catalog);
        Model model = catalog.model(ref.slug()).orElseThrow(() -> new UnknownModelException(id));
        ref.variant().ifPresent(v -> {
            boolean offered = switch (v) {
                case NITRO, FLOOR, ONLINE, EXACTO -> true;
                case FREE -> model.offers("free") || model.endpoints().stream().anyMatch(Endpoint::isFree);
                default -> model.offers(v.suffix());
            };
            if (!offered) {
                throw new UnknownModelException(id);
            }
        });
        return ref;
    }

    /**
     * The endpoints a requested variant may use. {@code :free} uses only free endpoints, and free
     * endpoints serve only {@code :free}; {@code :extended} narrows to the endpoints that declare it.
     * {@code :exacto} keeps every endpoint and orders them by their tool-calling record ({@link ExactoRanking}).
     */
    private static List<Endpoint> pool(Model model, ModelRef ref) {
        Optional<Variant> variant = ref.variant();
        if (variant.isPresent() && variant.get() == Variant.FREE) {
            boolean declared = model.endpoints().stream().anyMatch(e -> e.variants().contains("free"));
            return model.endpoints().stream().filter(e -> declared ? e.variants().contains("free") : e.isFree()).toList();
        }
        if (variant.isPresent() && variant.get() == Variant.EXTENDED) {
            String v = variant.get().suffix();
            return model.endpoints().stream().filter(e -> e.variants().contains(v)).toList();
        }
        return model.endpoints().stream().filter(e -> !e.variants().contains("free")).toList();
    }

    private static Optional<ProviderPreferences.Sort> sortFor(ModelRef ref, ProviderPreferences prefs) {
        if (ref.is(Variant.NITRO)) {
            return Optional.of(ProviderPreferences.Sort.THROUGHPUT);
        }
        if (ref.is(Variant.FLOOR)) {
            return Optional.of(ProviderPreferences.Sort.PRICE);
        }
        if (ref.is(Variant.EXACTO)) {
            return Optional.of(ProviderPreferences.Sort.EXACTO);
        }
        return prefs.sort();
    }

    private List<Attempt> sortedAcrossModels(List<Attempt> attempts, ProviderPreferences.Sort sort) {
        List<Endpoint> endpoints = order.sorted(attempts.stream().map(Attempt::endpoint).toList(), sort);
        List<Attempt> result = new ArrayList<>(attempts);
        result.sort(Comparator.comparingInt(a -> endpoints.indexOf(a.endpoint())));
        return result;
    }

    private static RuntimeException noEndpoints(Map<String, EndpointFilter> filters) {
        boolean allCredentials = filters.values().stream().allMatch(f -> f.excludedForCredentials
                && f.exclusions.size() == 1);
        String models = String.join(", ", filters.keySet());
        if (filters.values().stream().allMatch(f -> f.exclusions.isEmpty())) {
            return new NoEndpointsException(404, "No endpoints found for " + models);
        }
        if (allCredentials) {
            return new NoRouteException("No provider is available for " + models
                    + ": every endpoint's provider lacks credentials (set its api-key-env variable)");
        }
        String reasons = filters.values().stream().flatMap(f -> f.exclusions.entrySet().stream())
                .map(e -> e.getValue() + " " + e.getKey()).distinct().collect(Collectors.joining("; "));
        boolean context = filters.values().stream().allMatch(f -> f.excludedForContext);
        return new NoEndpointsException(context ? 400 : 404,
                "No endpoints found for " + models + " that match this request (" + reasons + ")");
    }
}
