package dev.junction.observability;

import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.classic.spi.ThrowableProxyUtil;
import ch.qos.logback.core.CoreConstants;
import ch.qos.logback.core.LayoutBase;
import org.slf4j.event.KeyValuePair;
import tools.jackson.core.io.JsonStringEncoder;

import java.time.Instant;
import java.util.Map;

/**
 * {@code logging.format: json}: every log line one JSON object — {@code time}, {@code level}, {@code logger},
 * {@code thread}, {@code message}, the event's key-value pairs (a generation's lines carry {@code generation_id} and,
 * when traced, {@code trace_id}), and {@code error} with the stack trace. An access-log line written as JSON
 * ({@code logging.access-log-format: json}) has its fields merged in rather than nested as a string.
 */
public final class JsonLogLayout extends LayoutBase<ILoggingEvent> {
    private static final JsonStringEncoder ESCAPE = JsonStringEncoder.getInstance();

    @Override
    public String doLayout(ILoggingEvent event) {
        StringBuilder line = new StringBuilder(256).append('{');
        field(line, "time", Instant.ofEpochMilli(event.getTimeStamp()).toString());
        line.append(',');
        field(line, "level", event.getLevel().toString());
        line.append(',');
        field(line, "logger", event.getLoggerName());
        line.append(',');
        field(line, "thread", event.getThreadName());
        String message = event.getFormattedMessage();
        if (AccessLog.LOGGER.equals(event.getLoggerName()) && message != null && message.startsWith("{")
                && message.endsWith("}") && message.length() > 2) {
            line.append(',').append(message, 1, message.length() - 1); // the access line's own fields
        } else {
            line.append(',');
            field(line, "message", message);
        }
        if (event.getKeyValuePairs() != null) {
            for (KeyValuePair pair : event.getKeyValuePairs()) {
                line.append(',');
                field(line, pair.key, String.valueOf(pair.value));
            }
        }
        for (Map.Entry<String, String> mdc : event.getMDCPropertyMap().entrySet()) {
            line.append(',');
            field(line, mdc.getKey(), mdc.getValue());
        }
        IThrowableProxy error = event.getThrowableProxy();
        if (error != null) {
            line.append(',');
            field(line, "error", ThrowableProxyUtil.asString(error));
        }
        return line.append('}').append(CoreConstants.LINE_SEPARATOR).toString();
    }

    private static void field(StringBuilder line, String name, String value) {
        line.append('"');
        ESCAPE.quoteAsString(name, line);
        line.append("\":");
        if (value == null) {
            line.append("null");
            return;
        }
        line.append('"');
        ESCAPE.quoteAsString(value, line);
        line.append('"');
    }
}
