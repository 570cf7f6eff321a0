package dev.junction.web;

import dev.junction.testing.GatewayExtension;
import dev.junction.wire.Json;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.io.IOException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** The dashboard's files over HTTP: each with its type and the strict Content-Security-Policy, and nothing else. */
class DashboardServingTest {
    private static final Path SOURCES = Path.of("src/main/resources/dev/junction/web/dashboard");

    @RegisterExtension
    static final GatewayExtension gateway = GatewayExtension.withoutSims().config("""
            catalog: {bundled: false}
            """);

    private static HttpResponse<String> get(String path, String... headers) {
        HttpRequest.Builder request = gateway.request(path).GET();
        for (int i = 0; i < headers.length; i += 2) {
            request.header(headers[i], headers[i + 1]);
        }
        return gateway.send(request.build());
    }

    @Test
    void thePageAndItsFilesCarryTheContentSecurityPolicy() {
        for (String path : List.of("/dashboard", "/dashboard/", "/dashboard/index.html", "/dashboard/app.css",
                "/dashboard/js/main.js", "/dashboard/vendor/uPlot.esm.js", "/dashboard/vendor/uPlot.min.css")) {
            HttpResponse<String> r = get(path);
            assertThat(r.statusCode()).as(path).isEqualTo(200);
            String csp = r.headers().firstValue("Content-Security-Policy").orElseThrow();
            assertThat(csp).contains("default-src 'self'", "script-src 'self'", "style-src 'self'", "frame-ancestors 'none'")
                    .doesNotContain("unsafe-inline", "unsafe-eval");
            assertThat(r.headers().firstValue("X-Content-Type-Options")).contains("nosniff");
            assertThat(r.headers().firstValue("X-Frame-Options")).contains("DENY");
        }
        assertThat(get("/dashboard").headers().firstValue("Content-Type")).contains("text/html; charset=utf-8");
        assertThat(get("/dashboard/js/main.js").headers().firstValue("Content-Type")).contains("text/javascript; charset=utf-8");
        assertThat(get("/dashboard/app.css").headers().firstValue("Content-Type")).contains("text/css; charset=utf-8");
    }

    @Test
    void thePageHasNoInlineScriptOrStyle() {
        String page = get("/dashboard").body();
        assertThat(page).contains("<script type=\"module\" src=\"/dashboard/js/main.js\"></script>")
                .doesNotContainPattern("<script(?![^>]*\\bsrc=)").doesNotContain("<style", "style=", "onclick", "javascript:");
    }

    @Test
    void theRootSendsABrowserToTheDashboard() {
        HttpResponse<String> r = get("/");
        assertThat(r.statusCode()).isEqualTo(302);
        assertThat(r.headers().firstValue("Location")).contains("/dashboard/");
    }

    @Test
    void anUnchangedFileIsNotSentAgain() {
        String etag = get("/dashboard/js/api.js").headers().firstValue("ETag").orElseThrow();
        HttpResponse<String> again = get("/dashboard/js/api.js", "If-None-Match", etag);
        assertThat(again.statusCode()).isEqualTo(304);
        assertThat(again.body()).isEmpty();
    }

    @Test
    void onlyTheDashboardsOwnFilesAreServed() {
        for (String path : List.of("/dashboard/nope.js", "/dashboard/js/%2e%2e%2fapp.css", "/dashboard/vendor/LICENSE",
                "/dashboard/js/..", "/dashboard/vendor/uPlot.cjs.js")) {
            HttpResponse<String> r = get(path);
            assertThat(r.statusCode()).as(path).isIn(400, 404);
            assertThat(Json.parse(r.body()).get("error").get("code").asInt()).isEqualTo(r.statusCode());
        }
    }

    @Test
    void everyFileInTheDashboardsFolderIsListedAndServed() throws IOException {
        try (Stream<Path> files = Files.walk(SOURCES)) {
            List<String> present = files.filter(Files::isRegularFile)
                    .map(p -> SOURCES.relativize(p).toString().replace('\\', '/')).toList();
            assertThat(DashboardAssets.ownFiles()).containsExactlyInAnyOrderElementsOf(present);
        }
    }
}
