package dev.junction.api;

import dev.junction.money.Money;
import dev.junction.keys.LimitReset;
import dev.junction.config.RateLimit;
import dev.junction.wire.ClientNumbers;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

import java.util.Optional;

/** Reads the bodies of {@code POST /keys} and {@code PATCH /keys/{hash}}; every mistake is a 400 naming the field. */
final class KeyRequest {
    private final ObjectNode body;

    private KeyRequest(ObjectNode body) {
        this.body = body;
    }

    static KeyRequest parse(byte[] bytes) {
        return new KeyRequest(JsonBodies.object(bytes));
    }

    /** The body as sent, for the audit log (a key's body carries no secret). */
    ObjectNode body() {
        return body;
    }

    boolean has(String field) {
        return body.has(field);
    }

    String requiredName() {
        return JsonBodies.requiredName(body);
    }

    Optional<String> name() {
        JsonNode name = body.get("name");
        return name == null || name.isNull() ? Optional.empty() : Optional.of(JsonBodies.name(name));
    }

    /** {@code limit}: a non-negative USD amount, or null for no limit. */
    Optional<Money> limit() {
        JsonNode limit = body.get("limit");
        if (limit == null || limit.isNull()) {
            return Optional.empty();
        }
        if (!limit.isNumber()) {
            throw ApiException.badRequest("limit: expected a number of USD or null, got " + describe(limit));
        }
        return Optional.of(ClientNumbers.money(limit, "limit"));
    }

    Optional<LimitReset> limitReset() {
        JsonNode reset = body.get("limit_reset");
        if (reset == null || reset.isNull()) {
            return Optional.empty();
        }
        if (!reset.isString()) {
            throw ApiException.badRequest("limit_reset: expected daily, weekly, monthly or null");
        }
        return Optional.of(LimitReset.parse(reset.asString()).orElseThrow(() -> ApiException.badRequest(
                "limit_reset: expected daily, weekly, monthly or null, got '" + reset.asString() + "'")));
    }

    Optional<Boolean> bool(String field) {
        JsonNode value = body.get(field);
        if (value == null || value.isNull()) {
            return Optional.empty();
        }
        if (!value.isBoolean()) {
            throw ApiException.badRequest(field + ": expected true or false, got " + describe(value));
        }
        return Optional.of(value.asBoolean());
    }

    /** {@code rate_limit}: {@code {"requests": N, "interval": "10s"}}, or null for the gateway's default. */
    Optional<RateLimit> rateLimit() {
        JsonNode node = body.get("rate_limit");
        if (node == null || node.isNull()) {
            return Optional.empty();
        }
        JsonNode requests = node.get("requests");
        JsonNode interval = node.get("interval");
        if (!node.isObject() || requests == null || !requests.isIntegralNumber() || interval == null || !interval.isString()) {
            throw ApiException.badRequest("rate_limit: expected {\"requests\": a whole number ≥ 1, \"interval\": like \"10s\", \"1m\", \"1h\" or \"1d\"} or null");
        }
        int count = (int) ClientNumbers.wholeNumber(requests, "rate_limit.requests", 1, Integer.MAX_VALUE);
        return Optional.of(new RateLimit(count, RateLimit.parseInterval(interval.asString()).orElseThrow(() ->
                ApiException.badRequest("rate_limit.interval: expected like 10s, 1m, 1h or 1d (at most 365d), got '" + interval.asString() + "'"))));
    }

    void rejectExpiry() {
        JsonNode expires = body.get("expires_at");
        if (expires != null && !expires.isNull()) {
            throw ApiException.badRequest("expires_at: key expiry is not supported by this gateway; disable or delete the key instead");
        }
    }

    private static String describe(JsonNode v) {
        return v.isString() ? "a string" : v.isBoolean() ? "a boolean" : v.isArray() ? "an array" : v.isObject() ? "an object" : "null";
    }
}
