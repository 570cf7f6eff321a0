package dev.junction.api;

import dev.junction.web.DashboardAssets;
import dev.junction.web.SecurityHeaders;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;

import java.util.Map;

/**
 * The dashboard's files under {@code /dashboard}, from memory, each with the dashboard's security headers; {@code /}
 * sends a browser there. The files are public (the page signs in with a key the browser keeps); the data they show
 * comes from the API, under its usual authorization.
 */
final class DashboardHandler {
    private final DashboardAssets assets;

    DashboardHandler(DashboardAssets assets) {
        this.assets = assets;
    }

    Future<?> root(HttpServerRequest request, Map<String, String> params) {
        return request.response().setStatusCode(302)
                .putHeader(HttpHeaders.LOCATION, DashboardAssets.BASE + "/")
                .end();
    }

    Future<?> file(HttpServerRequest request, Map<String, String> params) {
        DashboardAssets.Asset asset = assets.find(request.path())
                .orElseThrow(() -> ApiException.notFound("No dashboard file at " + request.path()));
        HttpServerResponse response = request.response();
        SecurityHeaders.all().forEach(response::putHeader);
        response.putHeader(HttpHeaders.ETAG, asset.etag());
        if (asset.etag().equals(request.getHeader(HttpHeaders.IF_NONE_MATCH))) {
            return response.setStatusCode(304).end();
        }
        return response.putHeader(HttpHeaders.CONTENT_TYPE, asset.contentType()).end(Buffer.buffer(asset.bytes()));
    }
}
