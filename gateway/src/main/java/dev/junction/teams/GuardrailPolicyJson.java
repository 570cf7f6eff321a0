package dev.junction.teams;

import dev.junction.keys.LimitReset;
import dev.junction.money.Money;
import dev.junction.wire.ClientNumbers;
import dev.junction.wire.InvalidRequestException;
import dev.junction.wire.Json;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

import java.math.BigDecimal;
import java.util.Collection;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A guardrail's policy as JSON, in the field names of OpenRouter's {@code CreateGuardrailRequest} and {@code Guardrail}:
 * read from a request body (every mistake a 400 naming the field) and written into an answer. The database keeps
 * the same document, so what is stored is what was validated.
 */
public final class GuardrailPolicyJson {
    private static final int MAX_LIST = 1000;
    private static final int MAX_TEXT = 1000;
    /** The fields of a guardrail that are not its policy: what the API reads besides it. */
    public static final Set<String> IDENTITY = Set.of("name", "workspace_id");
    private static final Set<String> LISTS = Set.of("allowed_models", "ignored_models", "allowed_providers", "ignored_providers");
    /** OpenRouter features this gateway has no equivalent of: accepted only as null. */
    private static final Set<String> UNSUPPORTED = Set.of("allowed_data_regions", "content_filters", "content_filter_builtins");
    private static final Set<String> OTHERS = Set.of("description", "max_price", "limit_usd", "reset_interval",
            "include_byok_in_budgets", "allowed_features");

    private GuardrailPolicyJson() {}

    /** Whether {@code field} is one a guardrail's body may carry. */
    public static boolean known(String field) {
        return IDENTITY.contains(field) || LISTS.contains(field) || UNSUPPORTED.contains(field) || OTHERS.contains(field)
                || GuardrailPolicy.SWITCHES.contains(field);
    }

    /** The policy in {@code body}; its other fields (name, workspace) are the caller's. */
    public static GuardrailPolicy read(JsonNode body) {
        body.propertyNames().forEach(field -> {
            if (!known(field)) {
                throw new InvalidRequestException(field + ": not a guardrail field");
            }
        });
        for (String field : UNSUPPORTED) {
            if (body.hasNonNull(field)) {
                throw new InvalidRequestException(field + ": not supported by this gateway (send null or leave it out)");
            }
        }
        Map<String, Boolean> switches = new LinkedHashMap<>();
        for (String field : GuardrailPolicy.SWITCHES) {
            bool(body, field).ifPresent(v -> switches.put(field, v));
        }
        Optional<Money> limit = body.hasNonNull("limit_usd") ? Optional.of(money(body.get("limit_usd"))) : Optional.empty();
        Optional<LimitReset> reset = resetInterval(body.get("reset_interval"));
        if (limit.isPresent() != reset.isPresent()) {
            throw new InvalidRequestException("limit_usd and reset_interval: set both or neither");
        }
        JsonNode maxPrice = body.get("max_price");
        if (maxPrice != null && !maxPrice.isNull() && !maxPrice.isObject()) {
            throw new InvalidRequestException("max_price: expected {\"prompt\": USD per million tokens, \"completion\": …} or null");
        }
        if (maxPrice != null && maxPrice.isObject()) {
            maxPrice.propertyNames().forEach(field -> {
                if (!field.equals("prompt") && !field.equals("completion")) {
                    throw new InvalidRequestException("max_price." + field + ": not a field (prompt, completion)");
                }
            });
        }
        return new GuardrailPolicy(
                text(body, "description"),
                list(body, "allowed_models"),
                list(body, "ignored_models").orElse(Set.of()),
                list(body, "allowed_providers"),
                list(body, "ignored_providers").orElse(Set.of()),
                Map.copyOf(switches),
                price(maxPrice, "prompt"),
                price(maxPrice, "completion"),
                limit,
                reset,
                bool(body, "include_byok_in_budgets").orElse(false),
                features(body.get("allowed_features")));
    }

    /** Writes the policy's fields into {@code n}: every field of the SDK's {@code Guardrail} but the identity ones. */
    public static ObjectNode write(GuardrailPolicy p, ObjectNode n) {
        n.put("description", p.description().orElse(null));
        putList(n, "allowed_models", p.allowedModels());
        putList(n, "ignored_models", Optional.of(p.ignoredModels()).filter(s -> !s.isEmpty()));
        putList(n, "allowed_providers", p.allowedProviders());
        putList(n, "ignored_providers", Optional.of(p.ignoredProviders()).filter(s -> !s.isEmpty()));
        for (String field : UNSUPPORTED) {
            n.putNull(field);
        }
        for (String field : GuardrailPolicy.SWITCHES.stream().sorted().toList()) {
            n.put(field, p.switches().get(field));
        }
        n.put("limit_usd", p.limit().map(Money::toUsd).orElse(null));
        n.put("reset_interval", p.resetInterval().map(LimitReset::wireName).orElse(null));
        n.put("include_byok_in_budgets", p.includeByokInBudgets());
        if (p.maxPromptPerMillion().isPresent() || p.maxCompletionPerMillion().isPresent()) {
            ObjectNode max = n.putObject("max_price");
            max.put("prompt", p.maxPromptPerMillion().orElse(null));
            max.put("completion", p.maxCompletionPerMillion().orElse(null));
        } else {
            n.putNull("max_price");
        }
        p.allowedFeatures().ifPresentOrElse(
                fs -> fs.forEach(f -> ((ArrayNode) n.withArray("allowed_features")).add(f.wireName())),
                () -> n.putNull("allowed_features"));
        return n;
    }

    /** The policy as the document the database keeps. */
    public static String stored(GuardrailPolicy p) {
        return Json.text(write(p, Json.object()));
    }

    private static void putList(ObjectNode n, String field, Optional<? extends Collection<String>> values) {
        values.ifPresentOrElse(v -> v.stream().sorted().forEach(((ArrayNode) n.withArray(field))::add), () -> n.putNull(field));
    }

    private static Optional<String> text(JsonNode body, String field) {
        JsonNode v = body.get(field);
        if (v == null || v.isNull()) {
            return Optional.empty();
        }
        if (!v.isString() || v.asString().length() > MAX_TEXT) {
            throw new InvalidRequestException(field + ": expected a string of at most " + MAX_TEXT + " characters, or null");
        }
        return Optional.of(v.asString());
    }

    private static Optional<Boolean> bool(JsonNode body, String field) {
        JsonNode v = body.get(field);
        if (v == null || v.isNull()) {
            return Optional.empty();
        }
        if (!v.isBoolean()) {
            throw new InvalidRequestException(field + ": expected true, false or null");
        }
        return Optional.of(v.asBoolean());
    }

    private static Optional<Set<String>> list(JsonNode body, String field) {
        JsonNode v = body.get(field);
        if (v == null || v.isNull()) {
            return Optional.empty();
        }
        if (!v.isArray() || v.size() > MAX_LIST) {
            throw new InvalidRequestException(field + ": expected an array of at most " + MAX_LIST + " strings, or null");
        }
        Set<String> values = new LinkedHashSet<>();
        for (JsonNode item : v) {
            if (!item.isString() || item.asString().isBlank() || item.asString().length() > 200) {
                throw new InvalidRequestException(field + ": each entry must be a non-empty string of at most 200 characters");
            }
            values.add(item.asString());
        }
        return Optional.of(Set.copyOf(values));
    }

    private static Money money(JsonNode v) {
        if (!v.isNumber()) {
            throw new InvalidRequestException("limit_usd: expected a number of USD or null");
        }
        return ClientNumbers.money(v, "limit_usd");
    }

    private static Optional<LimitReset> resetInterval(JsonNode v) {
        if (v == null || v.isNull()) {
            return Optional.empty();
        }
        Optional<LimitReset> reset = v.isString() ? LimitReset.parse(v.asString()) : Optional.empty();
        return Optional.of(reset.orElseThrow(() -> new InvalidRequestException(
                "reset_interval: expected daily, weekly, monthly or null")));
    }

    private static Optional<BigDecimal> price(JsonNode maxPrice, String field) {
        JsonNode v = maxPrice == null ? null : maxPrice.get(field);
        if (v == null || v.isNull()) {
            return Optional.empty();
        }
        if (!v.isNumber()) {
            throw new InvalidRequestException("max_price." + field + ": expected USD per million tokens, or null");
        }
        return Optional.of(ClientNumbers.usd(v, "max_price." + field));
    }

    private static Optional<Set<RequestFeature>> features(JsonNode v) {
        if (v == null || v.isNull()) {
            return Optional.empty();
        }
        if (!v.isArray()) {
            throw new InvalidRequestException("allowed_features: expected an array of feature names, or null");
        }
        Set<RequestFeature> features = EnumSet.noneOf(RequestFeature.class);
        for (JsonNode item : v) {
            features.add((item.isString() ? RequestFeature.parse(item.asString()) : Optional.<RequestFeature>empty())
                    .orElseThrow(() -> new InvalidRequestException("allowed_features: each entry must be one of "
                            + String.join(", ", EnumSet.allOf(RequestFeature.class).stream().map(RequestFeature::wireName).toList()))));
        }
        return Optional.of(features);
    }
}
