package dev.junction.api;

import dev.junction.catalog.Endpoint;
import dev.junction.catalog.Model;
import dev.junction.routing.EndpointHealth;
import io.vertx.core.http.HttpServerRequest;

import java.math.BigDecimal;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.Set;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The query parameters of {@code GET /models}: filters ({@code category}, {@code supported_parameters},
 * {@code input_modalities}, {@code output_modalities} — default {@code text}, {@code all} for every
 * output — {@code q}, {@code providers}, {@code model_authors}, {@code context}, {@code zdr},
 * {@code min_price}/{@code max_price} in USD per million prompt tokens), {@code sort}, and
 * {@code offset}/{@code limit} paging. Parameters Junction has no data for (benchmark indexes, regions,
 * age) are accepted and do not filter.
 */
record ModelQuery(Predicate<Model> filter, Optional<Comparator<Model>> sort, int offset, int limit) {
    private static final BigDecimal MILLION = BigDecimal.valueOf(1_000_000);

    static ModelQuery from(HttpServerRequest request, EndpointHealth health, String defaultOutput) {
        Predicate<Model> filter = m -> true;
        String category = request.getParam("category");
        if (category != null && !category.isBlank()) {
            filter = filter.and(m -> m.categories().contains(category));
        }
        Set<String> params = csv(request.getParam("supported_parameters"));
        if (!params.isEmpty()) {
            filter = filter.and(m -> m.supportedParameters().containsAll(params));
        }
        Set<String> inputs = csv(request.getParam("input_modalities"));
        if (!inputs.isEmpty()) {
            filter = filter.and(m -> m.architecture().inputModalities().containsAll(inputs));
        }
        String outputParam = Optional.ofNullable(request.getParam("output_modalities")).orElse(defaultOutput);
        Set<String> outputs = csv(outputParam);
        if (!outputs.isEmpty() && !outputs.contains("all")) {
            filter = filter.and(m -> m.architecture().outputModalities().stream().anyMatch(outputs::contains));
        }
        String q = request.getParam("q");
        if (q != null && !q.isBlank()) {
            String needle = q.toLowerCase(Locale.ROOT);
            filter = filter.and(m -> (m.slug() + " " + m.name() + " " + m.description()).toLowerCase(Locale.ROOT).contains(needle));
        }
        Set<String> providers = csv(request.getParam("providers"));
        if (!providers.isEmpty()) {
            filter = filter.and(m -> m.routableEndpoints().stream().anyMatch(e -> providers.stream().anyMatch(p ->
                    p.equalsIgnoreCase(e.provider().id()) || p.equalsIgnoreCase(e.providerName()))));
        }
        Set<String> authors = csv(request.getParam("model_authors"));
        if (!authors.isEmpty()) {
            filter = filter.and(m -> authors.contains(m.slug().substring(0, m.slug().indexOf('/'))));
        }
        int context = integer(request, "context", 0);
        if (context > 0) {
            filter = filter.and(m -> m.contextLength() >= context);
        }
        if ("true".equals(request.getParam("zdr"))) {
            filter = filter.and(m -> m.routableEndpoints().stream().anyMatch(Endpoint::zeroDataRetention));
        }
        Optional<BigDecimal> minPrice = decimal(request, "min_price");
        Optional<BigDecimal> maxPrice = decimal(request, "max_price");
        if (minPrice.isPresent() || maxPrice.isPresent()) {
            filter = filter.and(m -> {
                BigDecimal price = promptPerMillion(m);
                return minPrice.map(min -> price.compareTo(min) >= 0).orElse(true)
                        && maxPrice.map(max -> price.compareTo(max) <= 0).orElse(true);
            });
        }
        return new ModelQuery(filter, sort(request.getParam("sort"), health), integer(request, "offset", 0),
                Math.min(integer(request, "limit", Integer.MAX_VALUE), Integer.MAX_VALUE));
    }

    List<Model> apply(Stream<Model> models) {
        Stream<Model> filtered = models.filter(filter);
        if (sort.isPresent()) {
            filtered = filtered.sorted(sort.get());
        }
        return filtered.toList();
    }

    private static Optional<Comparator<Model>> sort(String sort, EndpointHealth health) {
        if (sort == null || sort.isBlank()) {
            return Optional.empty();
        }
        Comparator<Model> byPrice = Comparator.comparing(ModelQuery::promptPerMillion);
        return Optional.ofNullable(switch (sort) {
            case "newest" -> Comparator.comparingLong(Model::created).reversed();
            case "pricing-low-to-high" -> byPrice;
            case "pricing-high-to-low" -> byPrice.reversed();
            case "context-high-to-low" -> Comparator.comparingInt(Model::contextLength).reversed();
            case "throughput-high-to-low" -> Comparator.comparingDouble(m -> -highest(m, health::throughputP50, 0));
            case "latency-low-to-high" -> Comparator.comparingDouble(m -> -highest(m, e -> negated(health.latencyP50(e)), -Double.MAX_VALUE));
            default -> throw ApiException.badRequest("sort: unknown value '" + sort + "' (known: newest, pricing-low-to-high, "
                    + "pricing-high-to-low, context-high-to-low, throughput-high-to-low, latency-low-to-high)");
        });
    }

    private static double highest(Model m, java.util.function.Function<Endpoint, OptionalDouble> figure, double none) {
        return m.routableEndpoints().stream().map(figure).filter(OptionalDouble::isPresent)
                .mapToDouble(OptionalDouble::getAsDouble).max().orElse(none);
    }

    /** Negated so that "highest" of the negated latencies is the lowest latency. */
    private static OptionalDouble negated(OptionalDouble d) {
        return d.isPresent() ? OptionalDouble.of(-d.getAsDouble()) : d;
    }

    private static BigDecimal promptPerMillion(Model m) {
        return CatalogJson.topEndpoint(m).map(e -> e.pricing().prompt().toUsd().multiply(MILLION)).orElse(BigDecimal.ZERO);
    }

    private static Set<String> csv(String value) {
        if (value == null || value.isBlank()) {
            return Set.of();
        }
        return Arrays.stream(value.split(",")).map(String::trim).filter(s -> !s.isEmpty()).collect(Collectors.toSet());
    }

    private static int integer(HttpServerRequest request, String name, int defaultValue) {
        String value = request.getParam(name);
        if (value == null || value.isBlank()) {
            return defaultValue;
        }
        try {
            int n = Integer.parseInt(value.trim());
            if (n < 0) {
                throw ApiException.badRequest(name + ": must not be negative");
            }
            return n;
        } catch (NumberFormatException e) {
            throw ApiException.badRequest(name + ": expected a whole number, got '" + value + "'");
        }
    }

    private static Optional<BigDecimal> decimal(HttpServerRequest request, String name) {
        String value = request.getParam(name);
        if (value == null || value.isBlank()) {
            return Optional.empty();
        }
        try {
            return Optional.of(new BigDecimal(value.trim()));
        } catch (NumberFormatException e) {
            throw ApiException.badRequest(name + ": expected a number, got '" + value + "'");
        }
    }
}
