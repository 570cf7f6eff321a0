package dev.junction.observability;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.LoggingEvent;
import dev.junction.wire.Json;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import org.slf4j.event.KeyValuePair;
import tools.jackson.databind.JsonNode;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code logging.format: json}: each event one parseable object, its key-value pairs and error as fields. */
class JsonLogLayoutTest {
    private final LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
    private final JsonLogLayout layout = new JsonLogLayout();

    private JsonNode line(String loggerName, String message, Throwable error, List<KeyValuePair> pairs) {
        Logger logger = context.getLogger(loggerName);
        LoggingEvent event = new LoggingEvent(Logger.class.getName(), logger, Level.WARN, message, error, null);
        pairs.forEach(event::addKeyValuePair);
        String text = layout.doLayout(event);
        assertThat(text).endsWith(System.lineSeparator()).doesNotContain("\n{");
        return Json.parse(text.strip().getBytes());
    }

    @Test
    void aGenerationsLineCarriesItsIdsAndError() {
        JsonNode line = line("dev.junction.generation.Generation", "generation gen-1 failed \"inside\"\nthe gateway",
                new IllegalStateException("boom"), List.of(new KeyValuePair("generation_id", "gen-1"),
                        new KeyValuePair("trace_id", "4bf92f3577b34da6a3ce929d0e0e4736")));
        assertThat(line.get("level").asString()).isEqualTo("WARN");
        assertThat(line.get("logger").asString()).isEqualTo("dev.junction.generation.Generation");
        assertThat(line.get("message").asString()).isEqualTo("generation gen-1 failed \"inside\"\nthe gateway");
        assertThat(line.get("generation_id").asString()).isEqualTo("gen-1");
        assertThat(line.get("trace_id").asString()).isEqualTo("4bf92f3577b34da6a3ce929d0e0e4736");
        assertThat(line.get("error").asString()).contains("IllegalStateException: boom");
        assertThat(line.get("time").asString()).endsWith("Z");
    }

    @Test
    void anAccessLinesOwnFieldsAreMergedIn() {
        JsonNode line = line(AccessLog.LOGGER, "{\"method\":\"GET\",\"status\":200,\"generation_id\":\"gen-2\"}", null, List.of());
        assertThat(line.get("method").asString()).isEqualTo("GET");
        assertThat(line.get("status").asInt()).isEqualTo(200);
        assertThat(line.get("generation_id").asString()).isEqualTo("gen-2");
        assertThat(line.has("message")).isFalse();
    }
}
