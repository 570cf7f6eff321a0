package dev.junction.observability;

import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.Appender;
import ch.qos.logback.core.ConsoleAppender;
import ch.qos.logback.core.encoder.Encoder;
import ch.qos.logback.core.encoder.LayoutWrappingEncoder;
import dev.junction.config.LoggingConfig;
import org.slf4j.LoggerFactory;

/**
 * Switches the console's lines between text ({@link ConsoleLogging}'s pattern) and JSON ({@link JsonLogLayout}) as
 * {@code logging.format} says. The console appender is shared by the process, so the latest gateway started decides.
 */
public final class LogFormat {
    private static Encoder<ILoggingEvent> text; // ConsoleLogging's, kept to switch back

    private LogFormat() {}

    public static synchronized void use(LoggingConfig.Format format) {
        if (!(LoggerFactory.getILoggerFactory() instanceof LoggerContext context)) {
            return; // another SLF4J backend: its own configuration decides
        }
        Appender<ILoggingEvent> appender = context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME).getAppender(ConsoleLogging.CONSOLE);
        if (!(appender instanceof ConsoleAppender<ILoggingEvent> console)) {
            return;
        }
        if (text == null) {
            text = console.getEncoder();
        }
        boolean json = format == LoggingConfig.Format.JSON;
        boolean jsonNow = console.getEncoder() instanceof LayoutWrappingEncoder<ILoggingEvent> wrapping
                && wrapping.getLayout() instanceof JsonLogLayout;
        if (json == jsonNow) {
            return;
        }
        Encoder<ILoggingEvent> encoder = json ? jsonEncoder(context) : text;
        console.stop();
        console.setEncoder(encoder);
        console.start();
    }

    private static Encoder<ILoggingEvent> jsonEncoder(LoggerContext context) {
        JsonLogLayout layout = new JsonLogLayout();
        layout.setContext(context);
        layout.start();
        LayoutWrappingEncoder<ILoggingEvent> encoder = new LayoutWrappingEncoder<>();
        encoder.setContext(context);
        encoder.setLayout(layout);
        encoder.start();
        return encoder;
    }
}
