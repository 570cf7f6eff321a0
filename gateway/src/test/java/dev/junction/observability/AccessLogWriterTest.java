package dev.junction.observability;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.LoggingEvent;
import ch.qos.logback.classic.util.LogbackMDCAdapter;
import ch.qos.logback.core.OutputStreamAppender;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The access log's writer: every line whole, in order, written without being asked to; a full queue drops lines. */
class AccessLogWriterTest {
    private final LoggerContext context = context();
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final AccessLogWriter writer = new AccessLogWriter(console());

    private static LoggerContext context() {
        LoggerContext context = new LoggerContext();
        context.setMDCAdapter(new LogbackMDCAdapter()); // as the process's own context has
        return context;
    }

    @AfterEach
    void stop() {
        writer.stop();
        context.stop();
    }

    private OutputStreamAppender<ILoggingEvent> console() {
        PatternLayoutEncoder encoder = new PatternLayoutEncoder();
        encoder.setContext(context);
        encoder.setPattern("%msg%n");
        encoder.start();
        OutputStreamAppender<ILoggingEvent> console = new OutputStreamAppender<>();
        console.setContext(context);
        console.setEncoder(encoder);
        console.setOutputStream(out);
        console.start();
        return console;
    }

    private ILoggingEvent line(String text) {
        return new LoggingEvent(AccessLog.class.getName(), context.getLogger(AccessLog.LOGGER), Level.INFO, text, null, null);
    }

    private List<String> written() {
        synchronized (out) {
            String text = out.toString(StandardCharsets.UTF_8);
            return text.isEmpty() ? List.of() : List.of(text.split("\n"));
        }
    }

    @Test
    void linesFromManyThreadsAreWrittenWholeAndEachThreadsInOrderWhileTheyKeepComing() throws Exception {
        writer.setContext(context);
        writer.start();
        int threads = 4;
        int each = 500;
        List<Thread> senders = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            int sender = t;
            senders.add(Thread.ofPlatform().start(() -> {
                for (int i = 0; i < each; i++) {
                    writer.doAppend(line("sender=" + sender + " line=" + i));
                }
            }));
        }
        for (Thread t : senders) {
            t.join();
        }
        // Not stopped: the writer writes on its own.
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (written().size() < threads * each && System.nanoTime() < deadline) {
            Thread.onSpinWait();
        }
        List<String> lines = written();
        assertThat(lines).hasSize(threads * each);
        for (int t = 0; t < threads; t++) {
            String prefix = "sender=" + t + " line=";
            List<String> own = lines.stream().filter(l -> l.startsWith(prefix)).toList();
            assertThat(own).hasSize(each);
            for (int i = 0; i < each; i++) {
                assertThat(own.get(i)).isEqualTo(prefix + i);
            }
        }
    }

    @Test
    void aFullQueueDropsLinesRatherThanWaitingAndStoppingWritesWhatWasQueued() {
        writer.setContext(context);
        // Queued before the writer's thread runs, as if it had fallen behind.
        for (int i = 0; i < AccessLogWriter.CAPACITY + 100; i++) {
            writer.append(line("line " + i));
        }
        writer.start();
        writer.stop();
        List<String> lines = written();
        assertThat(lines).hasSize(AccessLogWriter.CAPACITY);
        assertThat(lines.getFirst()).isEqualTo("line 0");
        assertThat(lines.getLast()).isEqualTo("line " + (AccessLogWriter.CAPACITY - 1));
    }
}
