package dev.junction.api;

import dev.junction.catalog.Model;
import io.vertx.core.Future;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerRequest;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Comparator;
import java.util.List;

/**
 * {@code GET /models?use_rss=true}: the catalog as an RSS 2.0 feed, newest models first. Item links
 * point at the model's endpoints listing, or with {@code use_rss_chat_links=true} at a chat URL.
 */
final class ModelsRss {
    private static final DateTimeFormatter RFC_1123 = DateTimeFormatter.RFC_1123_DATE_TIME.withZone(ZoneOffset.UTC);

    private ModelsRss() {}

    static Future<Void> send(HttpServerRequest request, List<Model> models, boolean chatLinks) {
        String base = (request.isSSL() ? "https://" : "http://") + request.authority();
        StringBuilder xml = new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<rss version=\"2.0\"><channel>")
                .append("<title>Junction models</title><link>").append(escape(base + "/api/v1/models")).append("</link>")
                .append("<description>Models available through this Junction gateway</description>");
        models.stream().sorted(Comparator.comparingLong(Model::created).reversed()).forEach(m -> {
            String link = chatLinks ? base + "/chat?models=" + m.slug() : base + "/api/v1/models/" + m.slug() + "/endpoints";
            xml.append("<item><title>").append(escape(m.name())).append("</title>")
                    .append("<link>").append(escape(link)).append("</link>")
                    .append("<guid isPermaLink=\"false\">").append(escape(m.slug())).append("</guid>")
                    .append("<description>").append(escape(m.description())).append("</description>");
            if (m.created() > 0) {
                xml.append("<pubDate>").append(RFC_1123.format(Instant.ofEpochSecond(m.created()))).append("</pubDate>");
            }
            xml.append("</item>");
        });
        xml.append("</channel></rss>\n");
        return request.response().putHeader(HttpHeaders.CONTENT_TYPE, "application/rss+xml; charset=utf-8").end(xml.toString());
    }

    private static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
