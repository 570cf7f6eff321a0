package dev.junction.wire;

import dev.junction.wire.ProviderPreferences.MaxPrice;
import dev.junction.wire.ProviderPreferences.Sort;
import tools.jackson.databind.JsonNode;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.Set;

/** Validates the request's {@code provider} object into {@link ProviderPreferences}; a mistake is a 400 naming the field. */
final class ProviderPreferencesParser {
    private ProviderPreferencesParser() {}

    static ProviderPreferences parse(JsonNode provider) {
        if (provider == null || provider.isNull()) {
            return ProviderPreferences.DEFAULT;
        }
        Optional<Sort> sort = Optional.empty();
        boolean acrossModels = false;
        JsonNode sortNode = provider.get("sort");
        if (sortNode != null && !sortNode.isNull()) {
            JsonNode by = sortNode.isObject() ? sortNode.get("by") : sortNode;
            if (by != null && !by.isNull()) {
                sort = Optional.of(sort(by, sortNode.isObject() ? "provider.sort.by" : "provider.sort"));
            }
            if (sortNode.isObject()) {
                String partition = text(sortNode.get("partition"), "provider.sort.partition").orElse("model");
                if (!partition.equals("model") && !partition.equals("none")) {
                    throw new InvalidRequestException("provider.sort.partition: expected model or none, got '" + partition + "'");
                }
                acrossModels = partition.equals("none");
            }
        }
        String dataCollection = text(provider.get("data_collection"), "provider.data_collection").orElse("allow");
        if (!dataCollection.equals("allow") && !dataCollection.equals("deny")) {
            throw new InvalidRequestException("provider.data_collection: expected allow or deny, got '" + dataCollection + "'");
        }
        JsonNode only = provider.get("only");
        return new ProviderPreferences(
                names(provider.get("order"), "provider.order"),
                bool(provider.get("allow_fallbacks"), "provider.allow_fallbacks", true),
                only == null || only.isNull() ? Optional.empty() : Optional.of(Set.copyOf(names(only, "provider.only"))),
                Set.copyOf(names(provider.get("ignore"), "provider.ignore")),
                sort,
                acrossModels,
                lowerCase(names(provider.get("quantizations"), "provider.quantizations")),
                maxPrice(provider.get("max_price")),
                bool(provider.get("require_parameters"), "provider.require_parameters", false),
                dataCollection.equals("deny"),
                bool(provider.get("zdr"), "provider.zdr", false),
                percentile(provider.get("preferred_max_latency"), "provider.preferred_max_latency"),
                percentile(provider.get("preferred_min_throughput"), "provider.preferred_min_throughput"),
                bool(provider.get("enforce_distillable_text"), "provider.enforce_distillable_text", false));
    }

    private static Sort sort(JsonNode node, String field) {
        String value = text(node, field).orElse("");
        return switch (value) {
            case "price" -> Sort.PRICE;
            case "throughput" -> Sort.THROUGHPUT;
            case "latency" -> Sort.LATENCY;
            case "exacto" -> Sort.EXACTO;
            default -> throw new InvalidRequestException(field + ": expected price, throughput, latency or exacto, got '"
                    + value + "'");
        };
    }

    private static List<String> names(JsonNode node, String field) {
        if (node == null || node.isNull()) {
            return List.of();
        }
        if (!node.isArray()) {
            throw new InvalidRequestException(field + ": expected an array of provider names, got " + FieldCheck.describe(node));
        }
        List<String> names = new ArrayList<>();
        for (JsonNode item : node) {
            if (!item.isString()) {
                throw new InvalidRequestException(field + ": expected an array of provider names, found " + FieldCheck.describe(item));
            }
            names.add(item.asString());
        }
        return List.copyOf(names);
    }

    private static Set<String> lowerCase(List<String> values) {
        Set<String> out = new LinkedHashSet<>();
        values.forEach(v -> out.add(v.toLowerCase(Locale.ROOT)));
        return Set.copyOf(out);
    }

    private static boolean bool(JsonNode node, String field, boolean defaultValue) {
        if (node == null || node.isNull()) {
            return defaultValue;
        }
        if (!node.isBoolean()) {
            throw new InvalidRequestException(field + ": expected true or false, got " + FieldCheck.describe(node));
        }
        return node.asBoolean();
    }

    private static Optional<String> text(JsonNode node, String field) {
        if (node == null || node.isNull()) {
            return Optional.empty();
        }
        if (!node.isString()) {
            throw new InvalidRequestException(field + ": expected a string, got " + FieldCheck.describe(node));
        }
        return Optional.of(node.asString());
    }

    private static MaxPrice maxPrice(JsonNode node) {
        if (node == null || node.isNull()) {
            return MaxPrice.NONE;
        }
        if (!node.isObject()) {
            throw new InvalidRequestException("provider.max_price: expected an object, got " + FieldCheck.describe(node));
        }
        return new MaxPrice(amount(node.get("prompt"), "provider.max_price.prompt"),
                amount(node.get("completion"), "provider.max_price.completion"),
                amount(node.get("request"), "provider.max_price.request"),
                amount(node.get("image"), "provider.max_price.image"),
                amount(node.get("audio"), "provider.max_price.audio"));
    }

    /** A non-negative USD amount, as a JSON number or a decimal string (the SDK sends strings). */
    private static Optional<BigDecimal> amount(JsonNode node, String field) {
        if (node == null || node.isNull()) {
            return Optional.empty();
        }
        if (node.isNumber()) {
            return Optional.of(ClientNumbers.usd(node, field));
        }
        if (!node.isString()) {
            throw new InvalidRequestException(field + ": expected a number of USD, got " + FieldCheck.describe(node));
        }
        try {
            return Optional.of(ClientNumbers.usd(new BigDecimal(node.asString().trim()), field));
        } catch (NumberFormatException e) {
            throw new InvalidRequestException(field + ": expected a number of USD, got '" + node.asString() + "'");
        }
    }

    /** A number, or percentile cutoffs of which Junction applies p50 (its health figures are medians). */
    private static OptionalDouble percentile(JsonNode node, String field) {
        if (node == null || node.isNull()) {
            return OptionalDouble.empty();
        }
        JsonNode value = node.isObject() ? node.get("p50") : node;
        if (value == null || value.isNull()) {
            return OptionalDouble.empty();
        }
        if (!value.isNumber()) {
            throw new InvalidRequestException(field + ": expected a number, got " + FieldCheck.describe(value));
        }
        return OptionalDouble.of(ClientNumbers.approximately(value));
    }
}
