package dev.junction.api;

import dev.junction.keys.ApiKey;
import dev.junction.store.GenerationQuery;
import io.vertx.core.http.HttpServerRequest;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.Base64;
import java.util.Optional;

/**
 * The query parameters of {@code GET /generations} as a {@link GenerationQuery}, each refused with a 400 naming it
 * when malformed. The caller's key bounds the listing: its account, and for a standard key only its own generations.
 */
final class GenerationListQuery {
    static final int DEFAULT_LIMIT = 50;
    static final int MAX_LIMIT = 200;

    private GenerationListQuery() {}

    static GenerationQuery parse(HttpServerRequest request, ApiKey caller) {
        Optional<String> key = text(request, "key");
        Optional<String> own = caller.isProvisioning() ? key : Optional.of(caller.hash());
        if (!caller.isProvisioning() && key.filter(k -> !k.equals(caller.hash())).isPresent()) {
            throw new ApiException(403, "key: a standard key lists only its own generations");
        }
        return new GenerationQuery(caller.accountId(), own, text(request, "model"), text(request, "provider"),
                outcome(request), bool(request, "cancelled"), instant(request, "from", false),
                instant(request, "to", true), text(request, "cursor").map(GenerationListQuery::cursor), limit(request));
    }

    /** The cursor that continues after {@code last}: opaque to clients, its creation time and id inside. */
    static String cursorAfter(GenerationQuery.Cursor last) {
        String plain = last.createdAtMicros() + ":" + last.id();
        return Base64.getUrlEncoder().withoutPadding().encodeToString(plain.getBytes(StandardCharsets.UTF_8));
    }

    private static GenerationQuery.Cursor cursor(String value) {
        try {
            String plain = new String(Base64.getUrlDecoder().decode(value), StandardCharsets.UTF_8);
            int colon = plain.indexOf(':');
            return new GenerationQuery.Cursor(Long.parseLong(plain.substring(0, colon)), plain.substring(colon + 1));
        } catch (IllegalArgumentException | IndexOutOfBoundsException e) {
            throw ApiException.badRequest("cursor: not a cursor this listing gave (pass next_cursor as it came)");
        }
    }

    private static Optional<GenerationQuery.Outcome> outcome(HttpServerRequest request) {
        return text(request, "status").map(s -> switch (s) {
            case "success" -> GenerationQuery.Outcome.SUCCESS;
            case "error" -> GenerationQuery.Outcome.ERROR;
            default -> throw ApiException.badRequest("status: expected success or error, got '" + s + "'");
        });
    }

    private static Optional<Boolean> bool(HttpServerRequest request, String name) {
        return text(request, name).map(s -> switch (s) {
            case "true" -> true;
            case "false" -> false;
            default -> throw ApiException.badRequest(name + ": expected true or false, got '" + s + "'");
        });
    }

    /** An ISO instant, or a UTC day: {@code from} a day is its start, {@code to} a day its end (the day included). */
    private static Optional<Instant> instant(HttpServerRequest request, String name, boolean endOfDay) {
        return text(request, name).map(s -> {
            try {
                if (s.length() == 10) {
                    LocalDate day = LocalDate.parse(s);
                    return (endOfDay ? day.plusDays(1) : day).atStartOfDay(ZoneOffset.UTC).toInstant();
                }
                return Instant.parse(s);
            } catch (DateTimeParseException e) {
                throw ApiException.badRequest(name + ": expected YYYY-MM-DD or an ISO-8601 instant, got '" + s + "'");
            }
        });
    }

    private static int limit(HttpServerRequest request) {
        return text(request, "limit").map(s -> {
            try {
                int limit = Integer.parseInt(s);
                if (limit < 1 || limit > MAX_LIMIT) {
                    throw ApiException.badRequest("limit: must be from 1 to " + MAX_LIMIT + ", got " + limit);
                }
                return limit;
            } catch (NumberFormatException e) {
                throw ApiException.badRequest("limit: expected a whole number, got '" + s + "'");
            }
        }).orElse(DEFAULT_LIMIT);
    }

    private static Optional<String> text(HttpServerRequest request, String name) {
        return Optional.ofNullable(request.getParam(name)).map(String::trim).filter(s -> !s.isEmpty());
    }
}
