package dev.junction.observability;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.Configurator;
import ch.qos.logback.core.ConsoleAppender;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

import static org.assertj.core.api.Assertions.assertThat;

class ConsoleLoggingTest {

    @Test
    void theGatewaysLoggingIsConfiguredInCodeAsTheXmlWas() {
        LoggerContext context = new LoggerContext();
        ConsoleLogging logging = new ConsoleLogging();
        logging.setContext(context);

        assertThat(logging.configure(context)).isEqualTo(Configurator.ExecutionStatus.DO_NOT_INVOKE_NEXT_IF_ANY);

        var root = context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        assertThat(root.getAppender(ConsoleLogging.CONSOLE)).isInstanceOfSatisfying(ConsoleAppender.class,
                console -> assertThat(console.getTarget()).isEqualTo("System.err"));
        var access = context.getLogger(AccessLog.LOGGER);
        assertThat(access.isAdditive()).as("access lines are not written twice").isFalse();
        assertThat(access.getAppender("ACCESS")).as("an event loop never waits on stderr")
                .isInstanceOfSatisfying(AccessLogWriter.class, writer -> assertThat(writer.isStarted()).isTrue());
        assertThat(context.getLogger("io.netty").getLevel()).isEqualTo(Level.WARN);
        assertThat(context.getLogger("org.flywaydb").getLevel()).isEqualTo(Level.WARN);
        context.stop();
    }

    @Test
    void thisProcessIsConfiguredByIt() {
        // The service file names it, so logback chose it over its XML search when the tests' first logger was made.
        LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
        assertThat(context.getLogger(AccessLog.LOGGER).getAppender("ACCESS")).isInstanceOf(AccessLogWriter.class);
    }
}
