package dev.junction.api;

import dev.junction.money.Money;
import dev.junction.accounting.UsagePeriods;
import dev.junction.accounting.App;
import dev.junction.store.ActivityRow;
import dev.junction.wire.ClientNumbers;
import dev.junction.wire.Json;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServerRequest;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The account's figures: {@code GET /credits} (any key of the account), {@code POST /credits} to grant
 * credits (provisioning keys; a Junction extension, as credits are not bought here), and
 * {@code GET /activity} (provisioning keys): usage per day, model and endpoint over the last 30
 * complete UTC days.
 */
final class AccountHandler {
    private static final int ACTIVITY_DAYS = 30;
    /**
     * The most credits an account may be granted through the API. Balances, holds and usage are summed in
     * {@link Money}, which overflows beyond 9.2 million USD; this keeps every such sum well inside.
     */
    private static final Money MAX_ACCOUNT_CREDITS = Money.ofUsd("5000000");

    private final Services services;
    private final Auth auth;
    private final Vertx vertx;

    AccountHandler(Services services, Vertx vertx) {
        this.services = services;
        this.auth = new Auth(services.keys());
        this.vertx = vertx;
    }

    Future<?> credits(HttpServerRequest request, Map<String, String> params) {
        return auth.any(request).compose(key -> creditsBody(key.accountId())).compose(body -> KeysHandler.send(request, 200, body));
    }

    Future<?> grant(HttpServerRequest request, Map<String, String> params) {
        request.pause();
        return auth.provisioning(request).compose(admin -> BodyReader.read(request, 64 * 1024).compose(buffer -> {
            Money amount = amount(buffer.getBytes());
            return vertx.executeBlocking(() -> {
                Money total = services.store().usage().totalCredits(admin.accountId());
                if (amount.compareTo(MAX_ACCOUNT_CREDITS.minus(total)) > 0) {
                    throw ApiException.badRequest("amount: the account's credits would exceed "
                            + MAX_ACCOUNT_CREDITS.toPlainString() + " USD (it has " + total.toPlainString() + ")");
                }
                services.store().usage().grantCredits(admin.accountId(), amount, "granted through the API");
                return amount;
            }, false).compose(granted -> services.ledger().granted(admin.accountId(), granted))
                    .compose(v -> creditsBody(admin.accountId()));
        })).compose(body -> KeysHandler.send(request, 200, body));
    }

    Future<?> activity(HttpServerRequest request, Map<String, String> params) {
        LocalDate today = UsagePeriods.day(services.clock().instant());
        LocalDate from = today.minusDays(ACTIVITY_DAYS);
        LocalDate to = today.minusDays(1);
        String date = request.getParam("date");
        LocalDate only = null;
        if (date != null && !date.isBlank()) {
            try {
                only = LocalDate.parse(date);
            } catch (DateTimeParseException e) {
                throw ApiException.badRequest("date: expected YYYY-MM-DD, got '" + date + "'");
            }
            if (only.isBefore(from) || only.isAfter(to)) {
                throw ApiException.badRequest("date: must be one of the last " + ACTIVITY_DAYS + " complete UTC days ("
                        + from + " to " + to + ")");
            }
        }
        LocalDate start = only == null ? from : only;
        LocalDate end = only == null ? to : only;
        Optional<ActivityRow.Grouping> grouping = grouping(request.getParam("group_by"));
        Optional<String> workspaceRef = Optional.ofNullable(request.getParam("workspace_id")).filter(w -> !w.isBlank());
        return auth.provisioning(request)
                .compose(admin -> vertx.executeBlocking(() -> {
                    if (workspaceRef.isEmpty() && grouping.isEmpty()) {
                        return services.store().usage().activity(admin.accountId(), start, end);
                    }
                    Optional<String> workspace = workspaceRef.map(ref -> services.workspaces().find(admin.accountId(), ref)
                            .orElseThrow(() -> ApiException.notFound("workspace_id: the account has no workspace " + ref)).id());
                    return services.store().usage().activity(admin.accountId(), start, end, grouping, workspace);
                }, false))
                .compose(rows -> KeysHandler.send(request, 200, activityBody(rows, grouping)));
    }

    /** {@code group_by}: {@code app}, {@code session} or {@code workspace} split each row further; absent, rows are per endpoint. */
    private static Optional<ActivityRow.Grouping> grouping(String groupBy) {
        if (groupBy == null || groupBy.isBlank()) {
            return Optional.empty();
        }
        return switch (groupBy) {
            case "app" -> Optional.of(ActivityRow.Grouping.APP);
            case "session" -> Optional.of(ActivityRow.Grouping.SESSION);
            case "workspace" -> Optional.of(ActivityRow.Grouping.WORKSPACE);
            default -> throw ApiException.badRequest("group_by: expected app, session or workspace, got '" + groupBy + "'");
        };
    }

    private Future<ObjectNode> creditsBody(String accountId) {
        return services.ledger().account(accountId).map(account -> {
            ObjectNode body = Json.object();
            body.putObject("data").put("total_credits", account.credits().toUsd()).put("total_usage", account.usage().toUsd());
            return body;
        });
    }

    private static ObjectNode activityBody(List<ActivityRow> rows, Optional<ActivityRow.Grouping> grouping) {
        ObjectNode body = Json.object();
        ArrayNode data = body.putArray("data");
        for (ActivityRow row : rows) {
            ObjectNode item = data.addObject();
            item
                    .put("date", row.date().toString())
                    .put("model", row.model())
                    .put("model_permaslug", row.model())
                    .put("endpoint_id", row.endpointId())
                    .put("provider_name", row.providerName())
                    .put("usage", row.usage().toUsd())
                    .put("byok_usage_inference", 0)
                    .put("requests", row.requests())
                    .put("prompt_tokens", row.promptTokens())
                    .put("completion_tokens", row.completionTokens())
                    .put("reasoning_tokens", row.reasoningTokens());
            if (grouping.isPresent() && grouping.get() == ActivityRow.Grouping.APP) {
                Optional<App> app = App.of(row.httpReferer(), row.appTitle());
                item.put("app_id", app.map(App::id).orElse(null));
                item.put("app_name", app.map(App::name).orElse(null));
                item.put("http_referer", row.httpReferer().orElse(null));
            } else if (grouping.isPresent() && grouping.get() == ActivityRow.Grouping.SESSION) {
                item.put("session_id", row.sessionId().orElse(null));
            } else if (grouping.isPresent()) {
                item.put("workspace_id", row.workspaceId().orElse(null));
            }
        }
        return body;
    }

    private static Money amount(byte[] bytes) {
        JsonNode node;
        try {
            node = Json.parseExact(bytes);
        } catch (JacksonException e) {
            throw ApiException.badRequest("Request body is not valid JSON: " + e.getOriginalMessage());
        }
        JsonNode amount = node.get("amount");
        if (amount == null || !amount.isNumber()) {
            throw ApiException.badRequest("amount: required (a positive number of USD)");
        }
        // Parsed exactly, so the number is never an infinite double: its decimal value exists.
        if (amount.decimalValue().signum() <= 0) {
            throw ApiException.badRequest("amount: must be positive");
        }
        return ClientNumbers.money(amount, "amount");
    }
}
