package dev.junction.api;

import dev.junction.accounting.App;
import dev.junction.accounting.Spending;
import dev.junction.accounting.UsagePeriods;
import dev.junction.keys.ApiKey;
import dev.junction.money.Money;
import dev.junction.store.UsageBucket;
import dev.junction.store.UsageSeriesQuery;
import dev.junction.store.UsageSeriesQuery.Bucket;
import dev.junction.store.UsageSeriesQuery.Split;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServerRequest;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code GET /api/v1/activity/series}: usage per UTC day over the last 30 days including today so far
 * ({@code interval=day}), or per UTC hour of today so far ({@code interval=hour}), split by model, provider, key or
 * app ({@code group_by}) — what {@code /activity}, complete days only, cannot show. A provisioning key sees its
 * account; a standard key sees its own generations only. The body also has the scope's spending this UTC day, week
 * and month.
 */
final class UsageSeriesHandler implements RouteTable.Handler {
    static final int DAYS = 30;

    private final Services services;
    private final Auth auth;
    private final Vertx vertx;

    UsageSeriesHandler(Services services, Vertx vertx) {
        this.services = services;
        this.auth = new Auth(services.keys());
        this.vertx = vertx;
    }

    /** A bucket's figures for one group, summed; the group's id and the name shown for it. */
    record Row(Instant start, String group, String name, Money usage, long requests, long promptTokens,
               long completionTokens, long reasoningTokens) {
        Row plus(UsageBucket b) {
            return new Row(start, group, name, usage.plus(b.usage()), requests + b.requests(),
                    promptTokens + b.promptTokens(), completionTokens + b.completionTokens(),
                    reasoningTokens + b.reasoningTokens());
        }
    }

    @Override
    public Future<?> handle(HttpServerRequest request, Map<String, String> pathParams) {
        Bucket bucket = bucket(request.getParam("interval"));
        Split split = split(request.getParam("group_by"));
        Instant now = services.clock().instant();
        LocalDate today = UsagePeriods.day(now);
        Instant from = bucket == Bucket.DAY
                ? today.minusDays(DAYS - 1).atStartOfDay(ZoneOffset.UTC).toInstant()
                : today.atStartOfDay(ZoneOffset.UTC).toInstant();
        Instant until = bucket == Bucket.DAY
                ? today.plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant()
                : now.truncatedTo(ChronoUnit.HOURS).plus(Duration.ofHours(1));
        return auth.any(request).compose(key -> vertx.executeBlocking(() -> {
            Optional<String> own = key.isProvisioning() ? Optional.empty() : Optional.of(key.hash());
            List<UsageBucket> found = services.store().usage().usageSeries(
                    new UsageSeriesQuery(key.accountId(), own, from, until, bucket, split));
            // The spending of the same scope (the account, or the key) this UTC day, week and month, for the overview.
            Spending spending = own.isPresent() ? services.store().usage().keyUsage(key.hash(), today)
                    : services.store().usage().accountUsage(key.accountId(), today);
            return UsageSeriesJson.of(bucket, split, starts(from, until, bucket), rows(found, split, key), spending);
        }, false)).compose(body -> KeysHandler.send(request, 200, body));
    }

    /** Every bucket of the range, so that a chart shows the days without usage too. */
    private static List<Instant> starts(Instant from, Instant until, Bucket bucket) {
        Duration step = bucket == Bucket.DAY ? Duration.ofDays(1) : Duration.ofHours(1);
        List<Instant> starts = new ArrayList<>();
        for (Instant t = from; t.isBefore(until); t = t.plus(step)) {
            starts.add(t);
        }
        return starts;
    }

    /** Names each group (blocking: a key's name is read from the store) and merges rows that name one app. */
    private List<Row> rows(List<UsageBucket> found, Split split, ApiKey caller) {
        Map<String, String> keyNames = new HashMap<>();
        Map<String, Row> merged = new LinkedHashMap<>();
        for (UsageBucket b : found) {
            String group;
            String name;
            switch (split) {
                case APP -> {
                    Optional<App> app = App.of(b.group(), b.appTitle());
                    group = app.map(a -> Long.toString(a.id())).orElse("");
                    name = app.map(App::name).orElse("(no app)");
                }
                case KEY -> {
                    group = b.group().orElse("");
                    name = keyNames.computeIfAbsent(group, hash -> hash.equals(caller.hash()) ? caller.name()
                            : services.keys().find(hash).map(ApiKey::name).orElse("key " + shortHash(hash)));
                }
                default -> {
                    group = b.group().orElse("");
                    name = group;
                }
            }
            Row zero = new Row(b.start(), group, name, Money.ZERO, 0, 0, 0, 0);
            merged.merge(b.start() + "|" + group, zero.plus(b), (a, c) -> a.plus(b));
        }
        return List.copyOf(merged.values());
    }

    private static String shortHash(String hash) {
        return hash.length() > 8 ? hash.substring(0, 8) + "…" : hash;
    }

    private static Bucket bucket(String interval) {
        if (interval == null || interval.isBlank()) {
            return Bucket.DAY;
        }
        return switch (interval) {
            case "day" -> Bucket.DAY;
            case "hour" -> Bucket.HOUR;
            default -> throw ApiException.badRequest("interval: expected day or hour, got '" + interval + "'");
        };
    }

    private static Split split(String groupBy) {
        if (groupBy == null || groupBy.isBlank()) {
            return Split.MODEL;
        }
        return switch (groupBy) {
            case "model" -> Split.MODEL;
            case "provider" -> Split.PROVIDER;
            case "key" -> Split.KEY;
            case "app" -> Split.APP;
            default -> throw ApiException.badRequest("group_by: expected model, provider, key or app, got '" + groupBy + "'");
        };
    }
}
