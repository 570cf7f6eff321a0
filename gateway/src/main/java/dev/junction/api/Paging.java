package dev.junction.api;

import io.vertx.core.http.HttpServerRequest;

/** A listing's {@code offset} and {@code limit} query parameters; a bad value is a 400 naming it. */
record Paging(int offset, int limit) {
    static final int DEFAULT_LIMIT = 50;
    static final int MAX_LIMIT = 100;

    static Paging of(HttpServerRequest request) {
        return new Paging(offset(request), whole(request, "limit", DEFAULT_LIMIT, 1, MAX_LIMIT));
    }

    static int offset(HttpServerRequest request) {
        return whole(request, "offset", 0, 0, Integer.MAX_VALUE);
    }

    private static int whole(HttpServerRequest request, String name, int absent, int min, int max) {
        String value = request.getParam(name);
        if (value == null || value.isBlank()) {
            return absent;
        }
        try {
            int n = Integer.parseInt(value.trim());
            if (n < min) {
                throw ApiException.badRequest(name + ": " + (min == 0 ? "must not be negative" : "must be at least " + min));
            }
            if (n > max) {
                throw ApiException.badRequest(name + ": must be at most " + max);
            }
            return n;
        } catch (NumberFormatException e) {
            throw ApiException.badRequest(name + ": expected a whole number, got '" + value + "'");
        }
    }
}
