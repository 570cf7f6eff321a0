package dev.junction.api;

import dev.junction.limits.RateLimits;

import dev.junction.money.Money;
import dev.junction.accounting.Spending;
import dev.junction.keys.ApiKey;
import dev.junction.wire.Json;
import tools.jackson.databind.node.ObjectNode;

import java.util.Optional;

/** Keys in the shapes of the SDK's {@code ListData} (the /keys objects) and {@code GetCurrentKeyData} (/key). */
final class KeyJson {
    private KeyJson() {}

    static ObjectNode listData(ApiKey key, Spending spending, Optional<Money> limitRemaining) {
        ObjectNode n = Json.object();
        n.put("hash", key.hash());
        n.put("name", key.name());
        n.put("label", key.label());
        n.put("disabled", key.disabled());
        common(n, key, spending, limitRemaining);
        n.put("created_at", key.createdAt().toString());
        n.put("updated_at", key.updatedAt().map(Object::toString).orElse(null));
        n.putNull("expires_at");
        n.putNull("creator_user_id");
        n.putNull("external_user");
        n.put("workspace_id", key.workspace());
        n.put("is_provisioning_key", key.isProvisioning());
        key.rateLimit().ifPresentOrElse(r -> n.putObject("rate_limit").put("requests", r.requests()).put("interval", r.intervalText()),
                () -> n.putNull("rate_limit"));
        return n;
    }

    static ObjectNode current(ApiKey key, Spending spending, Optional<Money> limitRemaining, RateLimits.Shown limits) {
        ObjectNode n = Json.object();
        n.put("label", key.label());
        common(n, key, spending, limitRemaining);
        n.put("is_free_tier", false);
        n.put("is_provisioning_key", key.isProvisioning());
        n.put("is_management_key", key.isProvisioning());
        n.putArray("allowed_data_regions").add("global");
        n.putNull("creator_user_id");
        n.putNull("expires_at");
        n.putNull("organization_id");
        n.put("workspace_id", key.workspace());
        ObjectNode free = n.putObject("free_model_daily_requests");
        // The daily allowance is a rolling window (GCRA), so "used" and "remaining" have no exact value to show.
        free.put("limit", limits.freePerDay()).put("remaining", -1).put("used", -1);
        ObjectNode rate = n.putObject("rate_limit");
        String whose = key.rateLimit().isPresent() ? "The key's own rate limit." : "The gateway's default rate limit.";
        limits.keyLimit().ifPresentOrElse(
                r -> rate.put("requests", r.requests()).put("interval", r.intervalText()).put("note", whose),
                () -> rate.put("requests", -1).put("interval", "10s").put("note", "No request rate limit applies to this key."));
        return n;
    }

    private static void common(ObjectNode n, ApiKey key, Spending spending, Optional<Money> limitRemaining) {
        n.put("limit", key.limit().map(Money::toUsd).orElse(null));
        n.put("limit_remaining", limitRemaining.map(Money::toUsd).orElse(null));
        n.put("limit_reset", key.limitReset().map(r -> r.wireName()).orElse(null));
        n.put("include_byok_in_limit", key.includeByokInLimit());
        n.put("usage", spending.total().toUsd());
        n.put("usage_daily", spending.daily().toUsd());
        n.put("usage_weekly", spending.weekly().toUsd());
        n.put("usage_monthly", spending.monthly().toUsd());
        n.put("byok_usage", 0);
        n.put("byok_usage_daily", 0);
        n.put("byok_usage_weekly", 0);
        n.put("byok_usage_monthly", 0);
    }
}
