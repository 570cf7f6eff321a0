package dev.junction.api;

import dev.junction.accounting.Spending;
import dev.junction.store.UsageSeriesQuery.Bucket;
import dev.junction.store.UsageSeriesQuery.Split;
import dev.junction.wire.Json;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

import java.time.Instant;
import java.util.List;
import java.util.Locale;

/** {@code /activity/series}' body: the range's buckets, then a row per bucket and group that had usage. */
final class UsageSeriesJson {
    private UsageSeriesJson() {}

    static ObjectNode of(Bucket bucket, Split split, List<Instant> starts, List<UsageSeriesHandler.Row> rows,
                         Spending spending) {
        ObjectNode body = Json.object();
        body.put("interval", bucket == Bucket.DAY ? "day" : "hour");
        body.put("group_by", split.name().toLowerCase(Locale.ROOT));
        body.put("usage_daily", spending.daily().toUsd());
        body.put("usage_weekly", spending.weekly().toUsd());
        body.put("usage_monthly", spending.monthly().toUsd());
        ArrayNode buckets = body.putArray("buckets");
        starts.forEach(s -> buckets.add(s.toString()));
        ArrayNode data = body.putArray("data");
        for (UsageSeriesHandler.Row row : rows) {
            data.addObject()
                    .put("start", row.start().toString())
                    .put("group", row.group())
                    .put("group_name", row.name())
                    .put("usage", row.usage().toUsd())
                    .put("requests", row.requests())
                    .put("prompt_tokens", row.promptTokens())
                    .put("completion_tokens", row.completionTokens())
                    .put("reasoning_tokens", row.reasoningTokens());
        }
        return body;
    }
}
