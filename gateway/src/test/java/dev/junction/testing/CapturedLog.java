package dev.junction.testing;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.AppenderBase;
import org.slf4j.LoggerFactory;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;

/**
 * The lines one logger writes while a test runs, as a person reading the log would see them (the formatted
 * message), DEBUG included. Attach it before the lines are written and close it after; lines arrive from other
 * threads, so wait for them with {@link #await}.
 */
public final class CapturedLog implements AutoCloseable {
    private final Logger logger;
    private final Level level;
    private final List<String> lines = new CopyOnWriteArrayList<>();
    private final AppenderBase<ILoggingEvent> appender = new AppenderBase<>() {
        @Override
        protected void append(ILoggingEvent event) {
            lines.add(event.getLevel() + " " + event.getFormattedMessage());
        }
    };

    private CapturedLog(String loggerName) {
        this.logger = (Logger) LoggerFactory.getLogger(loggerName);
        this.level = logger.getLevel();
        logger.setLevel(Level.DEBUG);
        appender.setName("captured-by-test");
        appender.start();
        logger.addAppender(appender);
    }

    public static CapturedLog of(String loggerName) {
        return new CapturedLog(loggerName);
    }

    /** Every line so far, each prefixed with its level ({@code INFO POST /api/v1/…}). */
    public List<String> lines() {
        return List.copyOf(lines);
    }

    /** The first line that {@code matches}, once written; fails after {@link Poll#DEFAULT_BOUND}. */
    public String await(String what, Predicate<String> matches) {
        return Poll.value(what, () -> lines.stream().filter(matches).findFirst());
    }

    @Override
    public void close() {
        logger.detachAppender(appender);
        logger.setLevel(level);
        appender.stop();
    }
}
