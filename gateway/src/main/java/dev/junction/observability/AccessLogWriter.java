package dev.junction.observability;

import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.OutputStreamAppender;
import ch.qos.logback.core.UnsynchronizedAppenderBase;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;

/**
 * The access log's appender: an event loop queues its line and goes on, waking nobody while lines keep coming; a
 * thread of its own writes what has queued up once per {@link #INTERVAL_NANOS}, as one write to the console's stream,
 * in the console's format. Logback's {@code AsyncAppender} signalled its worker for every line, which was 5% of the
 * event loops' time at 64 connections, and its worker made a system call per line (bench/RESULTS.md §11). When
 * {@link #CAPACITY} lines wait, more are dropped: a request is never slowed for its log line.
 */
final class AccessLogWriter extends UnsynchronizedAppenderBase<ILoggingEvent> {
    static final int CAPACITY = 8192;
    /** How long a line may wait for its write. */
    static final long INTERVAL_NANOS = TimeUnit.MILLISECONDS.toNanos(20);
    /** How long after its last line the thread keeps looking each interval, before it sleeps until woken. */
    private static final long STAY_AWAKE_NANOS = TimeUnit.SECONDS.toNanos(1);
    private static final long STOP_WAIT_MILLIS = 2_000;

    private final OutputStreamAppender<ILoggingEvent> console;
    private final Queue<ILoggingEvent> queue = new ConcurrentLinkedQueue<>();
    private final AtomicInteger waiting = new AtomicInteger();
    private volatile boolean asleep;
    private volatile boolean stopping;
    private Thread thread;

    /** @param console whose encoder makes the lines and whose stream takes them, whichever they are at the time */
    AccessLogWriter(OutputStreamAppender<ILoggingEvent> console) {
        this.console = console;
    }

    @Override
    public void start() {
        stopping = false;
        thread = Thread.ofPlatform().name("junction-access-log").daemon(true).start(this::run);
        super.start();
    }

    /** Writes what is queued, then ends the thread. */
    @Override
    public void stop() {
        super.stop();
        stopping = true;
        if (thread != null) {
            LockSupport.unpark(thread);
            try {
                thread.join(STOP_WAIT_MILLIS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    @Override
    protected void append(ILoggingEvent event) {
        if (waiting.incrementAndGet() > CAPACITY) {
            waiting.decrementAndGet();
            return;
        }
        event.prepareForDeferredProcessing();
        queue.offer(event);
        // Pairs with run(): this writes the queue then reads `asleep`, the thread writes `asleep` then reads the queue.
        if (asleep) {
            LockSupport.unpark(thread);
        }
    }

    private void run() {
        ByteArrayOutputStream batch = new ByteArrayOutputStream(64 * 1024);
        long lastLine = System.nanoTime();
        while (true) {
            if (writeQueued(batch)) {
                lastLine = System.nanoTime();
            }
            if (stopping) {
                writeQueued(batch);
                return;
            }
            if (System.nanoTime() - lastLine < STAY_AWAKE_NANOS) {
                LockSupport.parkNanos(this, INTERVAL_NANOS);
                continue;
            }
            asleep = true;
            if (queue.isEmpty() && !stopping) {
                LockSupport.parkNanos(this, TimeUnit.SECONDS.toNanos(1));
            }
            asleep = false;
        }
    }

    /** Writes every queued line in one write; false when there was none. */
    private boolean writeQueued(ByteArrayOutputStream batch) {
        ILoggingEvent event;
        while ((event = queue.poll()) != null) {
            waiting.decrementAndGet();
            try {
                batch.writeBytes(console.getEncoder().encode(event));
            } catch (RuntimeException e) {
                addError("cannot format an access-log line", e);
            }
        }
        if (batch.size() == 0) {
            return false;
        }
        OutputStream out = console.getOutputStream();
        try {
            if (out != null) {
                batch.writeTo(out);
                out.flush();
            }
        } catch (IOException e) {
            addError("cannot write the access log", e);
        }
        batch.reset();
        return true;
    }
}
