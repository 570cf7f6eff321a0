package dev.junction.observability;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.Configurator;
import ch.qos.logback.classic.spi.ConfiguratorRank;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.ConsoleAppender;
import ch.qos.logback.core.spi.ContextAwareBase;

/**
 * Logback's configuration, made in code: every line to stderr, the access log through a writer thread, the
 * libraries' chatter at WARN, the level from {@code JUNCTION_LOG_LEVEL}. In code rather than a {@code logback.xml}
 * because reading the XML (Joran) was about a tenth of the gateway's start (bench/RESULTS.md §9). A
 * {@code -Dlogback.configurationFile} of the operator's own still wins: this configurator then steps aside.
 */
@ConfiguratorRank(ConfiguratorRank.CUSTOM_NORMAL_PRIORITY)
public final class ConsoleLogging extends ContextAwareBase implements Configurator {
    /** The console appender's name, which {@link LogFormat} switches between text and JSON. */
    static final String CONSOLE = "STDERR";
    static final String PATTERN = "%d{HH:mm:ss.SSS} %-5level %logger{20} - %msg%n";

    @Override
    public ExecutionStatus configure(LoggerContext context) {
        if (System.getProperty("logback.configurationFile") != null) {
            return ExecutionStatus.INVOKE_NEXT_IF_ANY;
        }
        ConsoleAppender<ILoggingEvent> console = console(context);
        Logger root = context.getLogger(Logger.ROOT_LOGGER_NAME);
        root.setLevel(Level.toLevel(System.getenv("JUNCTION_LOG_LEVEL"), Level.INFO));
        root.addAppender(console);

        Logger access = context.getLogger(AccessLog.LOGGER);
        access.setAdditive(false);
        access.addAppender(accessWriter(context, console));
        for (String chatty : new String[] {"io.netty", "io.vertx", "com.zaxxer.hikari", "org.flywaydb"}) {
            context.getLogger(chatty).setLevel(Level.WARN);
        }
        return ExecutionStatus.DO_NOT_INVOKE_NEXT_IF_ANY;
    }

    private static ConsoleAppender<ILoggingEvent> console(LoggerContext context) {
        PatternLayoutEncoder encoder = new PatternLayoutEncoder();
        encoder.setContext(context);
        encoder.setPattern(PATTERN);
        encoder.start();
        ConsoleAppender<ILoggingEvent> console = new ConsoleAppender<>();
        console.setContext(context);
        console.setName(CONSOLE);
        console.setTarget("System.err");
        console.setEncoder(encoder);
        console.start();
        return console;
    }

    /**
     * The access log: one line per request, queued for a writer thread ({@link AccessLogWriter}) so an event loop
     * never waits on stderr nor wakes a thread per line. When the writer falls behind by a full queue, lines are
     * dropped rather than requests slowed.
     */
    private static AccessLogWriter accessWriter(LoggerContext context, ConsoleAppender<ILoggingEvent> console) {
        AccessLogWriter writer = new AccessLogWriter(console);
        writer.setContext(context);
        writer.setName("ACCESS");
        writer.start();
        return writer;
    }
}
